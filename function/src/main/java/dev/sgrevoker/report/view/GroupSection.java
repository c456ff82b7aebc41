package dev.sgrevoker.report.view;

import static dev.sgrevoker.report.view.ReportPage.plural;
import static dev.sgrevoker.report.view.Sections.addIf;
import static dev.sgrevoker.report.view.Sections.cell;
import static dev.sgrevoker.report.view.Sections.id;
import static dev.sgrevoker.report.view.Sections.outcome;

import dev.sgrevoker.report.view.ReportSummary.GroupTally;
import dev.sgrevoker.report.view.RuleRow.GroupUse;
import dev.sgrevoker.report.view.RuleRow.InterfaceExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The groups shown, most offending rules first: each with what uses it and its rules. */
final class GroupSection {
    private GroupSection() {}

    static void write(Html html, ReportSummary s, Map<String, List<RuleRow>> shown, boolean plan) {
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
            group(html, s.groups.get(g.getKey()), g.getValue(), plan);
        }
    }

    private static void group(Html html, GroupTally tally, List<RuleRow> rows, boolean plan) {
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
        use(html, first == null ? GroupUse.UNKNOWN : first.groupUse(), plan);
        ruleTable(html, rows);
        if (tally.rows > rows.size()) {
            html.element("p", "muted", (tally.rows - rows.size()) + " more rules of this group are in rules.csv.");
        }
        html.raw("</article>\n");
    }

    private static void use(Html html, GroupUse use, boolean plan) {
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
        } else if (use.sharingUnknownReason() != null && use.interfaces() != null && use.interfaces() == 0) {
            html.raw("<p class=\"use shared\"><b>Not called unused:</b> no network interface of its own account has"
                            + " this group, but whether it is shared is unknown (<span class=\"v\">")
                    .value(use.sharingUnknownReason())
                    .raw("</span>): it may be used where its account cannot look.</p>\n");
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
            html.raw("<p class=\"use unknown\">What uses this group is not in this " + (plan ? "plan" : "result")
                    + ".</p>\n");
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
        // A column no rule here has anything in (a plan's tags and reasons) is left out.
        boolean tags = rows.stream()
                .anyMatch(r -> r.ruleTags() != null && !r.ruleTags().isEmpty());
        boolean because = rows.stream().anyMatch(r -> !r.because().isEmpty());
        html.raw("<div class=\"table\"><table class=\"rows\"><thead><tr><th>Rule</th><th>Allows</th><th>From</th>"
                        + "<th>Description</th>")
                .raw(tags ? "<th>Tags</th>" : "")
                .raw(because ? "<th>Because</th>" : "")
                .raw("<th>Outcome</th></tr></thead><tbody>\n");
        for (RuleRow r : rows) {
            html.raw("<tr>");
            id(html, "Rule", r.ruleId() == null ? null : r.ruleId() + direction(r));
            cell(html, "Allows", "v nw", RuleText.protocolAndPorts(r));
            cell(html, "From", "v from", r.source());
            cell(html, "Description", "v text", r.description());
            if (tags) {
                tags(html, r);
            }
            if (because) {
                because(html, r);
            }
            outcome(html, r);
            html.raw("</tr>\n");
        }
        html.raw("</tbody></table></div>\n");
    }

    private static void tags(Html html, RuleRow r) {
        html.raw("<td data-label=\"Tags\" class=\"v tags\">");
        if (r.ruleTags() != null && !r.ruleTags().isEmpty()) {
            // One element in the cell, so the phone layout keeps label and content side by side.
            html.raw("<span>");
            r.ruleTags()
                    .forEach((k, v) ->
                            html.raw("<span class=\"tag\">").value(k + "=" + v).raw("</span>"));
            html.raw("</span>");
        }
        html.raw("</td>");
    }

    private static void because(Html html, RuleRow r) {
        html.raw("<td data-label=\"Because\" class=\"v text\">");
        if (!r.because().isEmpty()) {
            html.raw("<ul class=\"because\">");
            r.because().forEach(b -> html.raw("<li>").value(b).raw("</li>"));
            html.raw("</ul>");
        }
        html.raw("</td>");
    }

    private static String direction(RuleRow r) {
        return "egress".equals(r.direction()) ? " (egress)" : "";
    }
}
