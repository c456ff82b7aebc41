package dev.sgrevoker.report.view;

import dev.sgrevoker.report.view.ReportHeader.Kind;
import dev.sgrevoker.report.view.ReportSummary.ControlTally;
import dev.sgrevoker.report.view.ReportSummary.GroupTally;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The page's sections after its heading (counts, rules per control, exempt rules, rules not done) and the cells they share. */
final class Sections {
    private Sections() {}

    static void cards(Html html, ReportHeader h, ReportSummary s) {
        html.raw("<section class=\"cards\" aria-label=\"Counts\">");
        if (h.kind() == Kind.PLAN) {
            card(html, s.planLines, "rules planned");
        } else {
            boolean dry = Boolean.TRUE.equals(h.dryRun()) || s.count("REVOKED") == 0 && s.count("DRY_RUN") > 0;
            card(html, s.count(dry ? "DRY_RUN" : "REVOKED"), dry ? "would be revoked" : "revoked");
            if (dry && s.count("REVOKED") > 0) {
                card(html, s.count("REVOKED"), "revoked");
            }
            card(html, s.count("EXEMPT"), "exempt by tag");
            card(html, s.count("FAILED"), "failed");
            if (s.count("SKIPPED") > 0) {
                card(html, s.count("SKIPPED"), "skipped");
            }
            if (s.count("NOT_FOUND") > 0) {
                card(html, s.count("NOT_FOUND"), "not found");
            }
        }
        List<GroupTally> offending =
                s.groups.values().stream().filter(g -> g.offending > 0).toList();
        card(html, offending.size(), "groups with offending rules");
        if (offending.stream().anyMatch(g -> g.interfaces != null || g.shared)) {
            card(html, offending.stream().filter(GroupTally::unused).count(), "of them used by no interface");
        }
        if (h.sweep().rulesScanned() != null) {
            card(html, h.sweep().rulesScanned(), "rules scanned");
        }
        if (h.sweep().groupsScanned() != null) {
            card(html, h.sweep().groupsScanned(), "groups scanned");
        }
        if (h.sweep().handedOverGroups() != null && h.sweep().handedOverGroups() > 0) {
            card(html, h.sweep().handedOverGroups(), "groups handed over");
        }
        html.raw("</section>\n");
    }

    private static void card(Html html, long n, String label) {
        html.raw("<div class=\"card\"><b>")
                .text(n)
                .raw("</b><span>")
                .text(label)
                .raw("</span></div>");
    }

    static void controls(Html html, ReportSummary s) {
        if (s.controls.isEmpty()) {
            return;
        }
        // Only the columns some control has rules in: a report-only sweep has none revoked, an enforcing one none
        // that would be.
        List<String> columns = new ArrayList<>(List.of("Rules"));
        for (String column : List.of("Would revoke", "Revoked", "Exempt", "Not done")) {
            if (s.controls.values().stream().anyMatch(c -> column(c, column) > 0)) {
                columns.add(column);
            }
        }
        html.raw("<h2 id=\"controls\">Rules per control</h2>\n")
                .raw("<p class=\"muted\">A rule that breaks several controls counts under each.</p>\n")
                .raw("<div class=\"table\"><table class=\"counts\"><thead><tr><th>Control</th>");
        columns.forEach(c -> html.raw("<th class=\"n\">").text(c).raw("</th>"));
        html.raw("</tr></thead><tbody>\n");
        for (Map.Entry<String, ControlTally> c : s.controls.entrySet()) {
            html.raw("<tr><td class=\"v\">").value(c.getKey()).raw("</td>");
            columns.forEach(column -> html.raw("<td class=\"n\">")
                    .text(column(c.getValue(), column))
                    .raw("</td>"));
            html.raw("</tr>\n");
        }
        html.raw("</tbody></table></div>\n");
    }

    private static int column(ControlTally c, String column) {
        Map<String, Integer> by = c.byOutcome;
        return switch (column) {
            case "Rules" -> c.rules;
            case "Would revoke" -> by.getOrDefault("DRY_RUN", 0) + by.getOrDefault("PLANNED", 0);
            case "Revoked" -> by.getOrDefault("REVOKED", 0);
            case "Exempt" -> by.getOrDefault("EXEMPT", 0);
            default -> by.getOrDefault("FAILED", 0) + by.getOrDefault("SKIPPED", 0) + by.getOrDefault("NOT_FOUND", 0);
        };
    }

    static void outcome(Html html, RuleRow r) {
        // One element in the cell, so the phone layout keeps label and content side by side.
        html.raw("<td data-label=\"Outcome\"><span><span class=\"badge " + RuleText.outcomeClass(r.outcome()) + "\">")
                .text(RuleText.outcome(r.outcome()))
                .raw("</span>");
        if (r.exemptUntil() != null) {
            html.raw(" <span class=\"v\">")
                    .text(RuleText.exemptUntil(r.exemptUntil()))
                    .raw("</span>");
        } else if (r.notableErrorCode() != null) {
            html.raw(" <code class=\"v\">").value(r.notableErrorCode()).raw("</code>");
        }
        html.raw("</span></td>");
    }

    static void exempt(Html html, ReportSummary s) {
        if (s.exempt.isEmpty()) {
            return;
        }
        List<RuleRow> rows = new ArrayList<>(s.exempt);
        // Soonest expiry first: those are the rules a team must look at again.
        rows.sort(Comparator.comparing((RuleRow r) ->
                r.exemptUntil() == null || r.exemptUntil().equals("indefinite") ? "~" : r.exemptUntil()));
        html.raw("<h2 id=\"exempt\">Exempt rules</h2>\n");
        listed(html, rows.size(), s.exemptTotal, "exempt rules");
        html.raw("<div class=\"table\"><table class=\"rows\"><thead><tr><th>Group</th><th>Rule</th><th>Allows</th>"
                + "<th>From</th><th>Description</th><th>Exempt until</th><th>Tag</th></tr></thead><tbody>\n");
        for (RuleRow r : rows) {
            html.raw("<tr>");
            cell(html, "Group", groupLabel(r));
            id(html, "Rule", r.ruleId());
            cell(html, "Allows", "v nw", RuleText.protocolAndPorts(r));
            cell(html, "From", "v from", r.source());
            cell(html, "Description", "v text", r.description());
            cell(html, "Exempt until", "indefinite".equals(r.exemptUntil()) ? "no end date" : r.exemptUntil());
            cell(html, "Tag", "v text", r.reason());
            html.raw("</tr>\n");
        }
        html.raw("</tbody></table></div>\n");
    }

    static void notDone(Html html, ReportSummary s) {
        if (s.notDone.isEmpty()) {
            return;
        }
        html.raw("<h2 id=\"not-done\">Not done, and why</h2>\n");
        listed(html, s.notDone.size(), s.notDoneTotal, "rules not done");
        html.raw("<div class=\"table\"><table class=\"rows\"><thead><tr><th>Group</th><th>Rule</th><th>Allows</th>"
                + "<th>Outcome</th><th>Reason</th></tr></thead><tbody>\n");
        for (RuleRow r : s.notDone) {
            html.raw("<tr>");
            cell(html, "Group", groupLabel(r));
            id(html, "Rule", r.ruleId());
            cell(html, "Allows", joined(RuleText.protocolAndPorts(r), r.source()));
            outcome(html, r);
            cell(html, "Reason", "v text", r.reason());
            html.raw("</tr>\n");
        }
        html.raw("</tbody></table></div>\n");
    }

    private static void listed(Html html, int listed, int total, String what) {
        if (total > listed) {
            html.element("p", "muted", "The first " + listed + " of " + total + " " + what + "; all are in rules.csv.");
        }
    }

    private static String groupLabel(RuleRow r) {
        return joined(r.groupName(), r.groupId());
    }

    private static String joined(String a, String b) {
        return a == null ? b : b == null ? a : a + " " + b;
    }

    static void cell(Html html, String label, String value) {
        cell(html, label, "v", value);
    }

    /** An id or a CIDR: kept on one line on a wide screen. */
    static void id(Html html, String label, String value) {
        cell(html, label, "v nw", value);
    }

    static void cell(Html html, String label, String cls, String value) {
        html.raw("<td data-label=\"")
                .text(label)
                .raw("\" class=\"" + cls + "\">")
                .value(value)
                .raw("</td>");
    }

    static void addIf(List<String> out, String prefix, String value) {
        if (value != null) {
            out.add(prefix + value);
        }
    }
}
