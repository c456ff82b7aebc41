package dev.sgrevoker.report.view;

import static dev.sgrevoker.report.view.ReportPage.plural;

import dev.sgrevoker.report.view.ReportHeader.Kind;
import dev.sgrevoker.report.view.ReportSummary.ControlTally;
import dev.sgrevoker.report.view.ReportSummary.GroupTally;
import dev.sgrevoker.report.view.RuleRow.GroupUse;
import dev.sgrevoker.report.view.RuleRow.InterfaceExample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The page's sections after its heading: counts, controls, groups with what uses them, exempt, not done. */
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

    static void groups(Html html, ReportSummary s, Map<String, List<RuleRow>> shown, ReportPage.Options options) {
        if (shown.isEmpty()) {
            return;
        }
        html.raw("<h2 id=\"groups\">Groups, most offending rules first</h2>\n");
        if (s.groups.size() > shown.size()) {
            html.element(
                    "p",
                    "muted",
                    "The " + shown.size() + " groups with the most offending rules of " + s.groups.size()
                            + "; every rule of every group is in rules.csv.");
        }
        for (Map.Entry<String, List<RuleRow>> g : shown.entrySet()) {
            group(html, s.groups.get(g.getKey()), g.getValue());
        }
    }

    private static void group(Html html, GroupTally tally, List<RuleRow> rows) {
        RuleRow first = rows.isEmpty() ? null : rows.get(0);
        html.raw("<article class=\"group\">\n<h3>");
        if (first != null && first.groupName() != null) {
            html.raw("<span>").value(first.groupName()).raw("</span> ");
        }
        html.raw("<code class=\"id\">")
                .text(first == null || first.groupId() == null ? "(no group)" : first.groupId())
                .raw("</code></h3>\n");
        if (first != null) {
            List<String> where = new ArrayList<>();
            addIf(where, "account ", first.account());
            addIf(where, "", first.region());
            addIf(where, "", first.vpcId());
            if (!where.isEmpty()) {
                html.element("p", "meta v", String.join(" · ", where));
            }
        }
        html.element(
                "p",
                null,
                tally.offending + " offending rule" + plural(tally.offending)
                        + (tally.exempt > 0 ? ", " + tally.exempt + " exempt" : "")
                        + (tally.notDone > 0 ? ", " + tally.notDone + " not done" : "") + ".");
        use(html, first == null ? GroupUse.UNKNOWN : first.groupUse());
        ruleTable(html, rows);
        if (tally.rows > rows.size()) {
            html.element("p", "muted", (tally.rows - rows.size()) + " more rules of this group are in rules.csv.");
        }
        html.raw("</article>\n");
    }

    private static void use(Html html, GroupUse use) {
        if (use.shared()) {
            html.raw("<p class=\"use shared\"><b>Shared: never called unused.</b> <span class=\"v\">")
                    .value(
                            use.sharedReason().matches("(?s).*[.!?]\\s*")
                                    ? use.sharedReason()
                                    : use.sharedReason() + ".")
                    .raw("</span>");
            if (use.interfaces() != null) {
                html.text(
                        switch (use.interfaces()) {
                            case 0 -> " No network interface of its own account has it.";
                            case 1 -> " One network interface of its own account has it.";
                            default -> " " + use.interfaces() + " network interfaces of its own account have it.";
                        });
            }
            html.raw("</p>\n");
        } else if (use.unused()) {
            html.raw("<p class=\"use unused\"><b>Unused:</b> no network interface has this group, so revoking its"
                    + " rules changes no traffic today.</p>\n");
        } else if (use.interfaces() != null) {
            html.raw("<p class=\"use used\"><b>In use:</b> ")
                    .text(use.interfaces() + " network interface" + plural(use.interfaces()) + " ")
                    .raw(use.interfaces() == 1 ? "has" : "have")
                    .raw(" this group; revoking a rule changes what can reach "
                            + (use.interfaces() == 1 ? "it" : "them")
                            + ".</p>\n");
        } else {
            html.raw("<p class=\"use unknown\">What uses this group is not in this result.</p>\n");
        }
        if (use.examples().isEmpty()) {
            return;
        }
        html.element(
                "p",
                "sub",
                use.examples().size() == 1
                        ? "The network interface"
                        : "Network interfaces with this group"
                                + (use.interfaces() != null
                                                && use.interfaces()
                                                        > use.examples().size()
                                        ? " (" + use.examples().size() + " of " + use.interfaces() + ")"
                                        : ""));
        html.raw("<div class=\"table\"><table class=\"rows\"><thead><tr><th>Interface</th><th>Type</th>"
                + "<th>Instance</th><th>Requester</th><th>Description</th></tr></thead><tbody>\n");
        for (InterfaceExample i : use.examples()) {
            html.raw("<tr>");
            id(html, "Interface", i.interfaceId());
            cell(html, "Type", "v nw", i.interfaceType());
            id(html, "Instance", i.instanceId());
            cell(html, "Requester", i.requesterId());
            cell(html, "Description", "v text", i.description());
            html.raw("</tr>\n");
        }
        html.raw("</tbody></table></div>\n");
    }

    private static void ruleTable(Html html, List<RuleRow> rows) {
        html.element("p", "sub", "Rules");
        html.raw("<div class=\"table\"><table class=\"rows\"><thead><tr><th>Rule</th><th>Allows</th><th>From</th>"
                + "<th>Description</th><th>Tags</th><th>Because</th><th>Outcome</th></tr></thead><tbody>\n");
        for (RuleRow r : rows) {
            html.raw("<tr>");
            id(html, "Rule", r.ruleId() == null ? null : r.ruleId() + direction(r));
            cell(html, "Allows", "v nw", RuleText.protocolAndPorts(r));
            cell(html, "From", "v from", r.source());
            cell(html, "Description", "v text", r.description());
            html.raw("<td data-label=\"Tags\" class=\"v tags\">");
            if (r.ruleTags() != null && !r.ruleTags().isEmpty()) {
                // One element in the cell, so the phone layout keeps label and content side by side.
                html.raw("<span>");
                r.ruleTags()
                        .forEach((k, v) -> html.raw("<span class=\"tag\">")
                                .value(k + "=" + v)
                                .raw("</span>"));
                html.raw("</span>");
            }
            html.raw("</td>");
            html.raw("<td data-label=\"Because\" class=\"v text\">");
            if (!r.because().isEmpty()) {
                html.raw("<ul class=\"because\">");
                r.because().forEach(b -> html.raw("<li>").value(b).raw("</li>"));
                html.raw("</ul>");
            }
            html.raw("</td>");
            outcome(html, r);
            html.raw("</tr>\n");
        }
        html.raw("</tbody></table></div>\n");
    }

    private static String direction(RuleRow r) {
        return "egress".equals(r.direction()) ? " (egress)" : "";
    }

    private static void outcome(Html html, RuleRow r) {
        // One element in the cell, so the phone layout keeps label and content side by side.
        html.raw("<td data-label=\"Outcome\"><span><span class=\"badge " + RuleText.outcomeClass(r.outcome()) + "\">")
                .text(RuleText.outcome(r.outcome()))
                .raw("</span>");
        if (r.exemptUntil() != null) {
            html.raw(" <span class=\"v\">")
                    .text(RuleText.exemptUntil(r.exemptUntil()))
                    .raw("</span>");
        } else if (r.errorCode() != null && !"DryRunOperation".equals(r.errorCode())) {
            html.raw(" <code class=\"v\">").value(r.errorCode()).raw("</code>");
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
            cell(html, "Exempt until", r.exemptUntil() == null ? null : RuleText.exemptUntil(r.exemptUntil()));
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

    private static void cell(Html html, String label, String value) {
        cell(html, label, "v", value);
    }

    /** An id or a CIDR: kept on one line on a wide screen. */
    private static void id(Html html, String label, String value) {
        cell(html, label, "v nw", value);
    }

    private static void cell(Html html, String label, String cls, String value) {
        html.raw("<td data-label=\"")
                .text(label)
                .raw("\" class=\"" + cls + "\">")
                .value(value)
                .raw("</td>");
    }

    private static void addIf(List<String> out, String prefix, String value) {
        if (value != null) {
            out.add(prefix + value);
        }
    }
}
