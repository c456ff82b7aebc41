package dev.sgrevoker.report.view;

import dev.sgrevoker.report.view.ReportHeader.Kind;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline CSS, no script, nothing loaded) that a person deciding whether
 * to enforce reads on a laptop or a phone. It walks the source twice: once to count (outcomes, controls, a tally per
 * group), once to collect the rules of the groups it shows. Every value from the document is escaped.
 */
public final class ReportPage {
    /**
     * @param functionName the function to name in the apply command; null writes {@code FUNCTION}
     * @param planUri where the plan is ({@code s3://…/plan.json}); null: the result's {@code report} location, if any
     * @param maxGroups groups shown, most offending rules first; all are in rules.csv
     * @param maxRulesPerGroup rules listed per group shown
     * @param maxListed exempt rules, and rules not done, listed
     */
    public record Options(String functionName, String planUri, int maxGroups, int maxRulesPerGroup, int maxListed) {
        public static final Options DEFAULT = new Options(null, null, 100, 50, 500);

        public Options withFunctionName(String name) {
            return new Options(name, planUri, maxGroups, maxRulesPerGroup, maxListed);
        }

        public Options withPlanUri(String uri) {
            return new Options(functionName, uri, maxGroups, maxRulesPerGroup, maxListed);
        }
    }

    private ReportPage() {}

    /** Writes the page as UTF-8 and flushes {@code out} (not closed). */
    public static void write(ReportSource source, Options options, OutputStream out) {
        write(source, options, new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
    }

    /** Writes the page and flushes {@code out} (not closed). */
    public static void write(ReportSource source, Options options, Writer out) {
        ReportHeader header = source.header();
        ReportSummary summary = ReportSummary.of(source, options.maxListed());
        Map<String, List<RuleRow>> shown = rulesOfTopGroups(source, summary, options);
        Html html = new Html(out);
        PageStyle.head(html, title(header));
        html.raw("<header>\n");
        html.element("h1", null, title(header));
        html.element("p", "lead", lead(header, summary));
        facts(html, header);
        html.raw("</header>\n<main>\n");
        Sections.cards(html, header, summary);
        notes(html, header, summary);
        ApplySection.write(html, header, summary, options);
        Sections.controls(html, summary);
        GroupSection.write(html, summary, shown, header.kind() == Kind.PLAN);
        Sections.exempt(html, summary);
        Sections.notDone(html, summary);
        html.raw("</main>\n");
        PageStyle.foot(
                html,
                "Written by sg-revoker from the " + (header.kind() == Kind.PLAN ? "plan" : "result")
                        + " document. Every rule is in rules.csv; result.json holds the whole result, with each"
                        + " revoked rule's before-image and restore documents.");
        html.flush();
    }

    /** Pass two: the rows of the groups shown, in rank order, at most {@code maxRulesPerGroup} each. */
    private static Map<String, List<RuleRow>> rulesOfTopGroups(
            ReportSource source, ReportSummary summary, Options options) {
        Map<String, List<RuleRow>> shown = new LinkedHashMap<>();
        summary.ranked().stream().limit(options.maxGroups()).forEach(g -> shown.put(g.key, new ArrayList<>()));
        source.forEachRow(r -> {
            List<RuleRow> rows = shown.get(ReportSummary.groupKey(r));
            if (rows != null && rows.size() < options.maxRulesPerGroup()) {
                rows.add(r);
            }
        });
        // Within a group, the rules an enforcing run takes first; then exempt and not done, in document order.
        shown.values().forEach(rows -> rows.sort((a, b) -> Boolean.compare(!a.offending(), !b.offending())));
        return shown;
    }

    static String title(ReportHeader h) {
        if (h.kind() == Kind.PLAN) {
            return "sg-revoker plan"
                    + (h.plan() == null || h.plan().planId() == null
                            ? ""
                            : " " + h.plan().planId());
        }
        boolean sweep = "sweep".equals(h.inputForm());
        boolean dry = Boolean.TRUE.equals(h.dryRun());
        String what = sweep ? (dry ? "report-only sweep" : "enforcing sweep") : dry ? "dry run" : "revocation";
        return "sg-revoker " + what + (h.time() == null ? "" : ", " + h.time());
    }

    static String lead(ReportHeader h, ReportSummary s) {
        int offendingGroups =
                (int) s.groups.values().stream().filter(g -> g.offending > 0).count();
        if (h.kind() == Kind.PLAN) {
            return s.planLines + " rule" + plural(s.planLines) + " in " + offendingGroups + " group"
                    + plural(offendingGroups) + " to revoke, once reviewed."
                    + (h.plan() != null && h.plan().expiresAt() != null
                            ? " The plan expires " + h.plan().expiresAt() + "."
                            : "");
        }
        StringBuilder lead = new StringBuilder();
        int dry = s.count("DRY_RUN");
        int revoked = s.count("REVOKED");
        if (Boolean.TRUE.equals(h.dryRun()) || (dry > 0 && revoked == 0)) {
            lead.append("Nothing was changed. An enforcing run would revoke ")
                    .append(dry)
                    .append(" rule")
                    .append(plural(dry))
                    .append(" in ")
                    .append(groupsWith(s, "DRY_RUN"))
                    .append(" group")
                    .append(plural(groupsWith(s, "DRY_RUN")))
                    .append('.');
        } else {
            lead.append(revoked)
                    .append(" rule")
                    .append(plural(revoked))
                    .append(revoked == 1 ? " was" : " were")
                    .append(" revoked in ")
                    .append(groupsWith(s, "REVOKED"))
                    .append(" group")
                    .append(plural(groupsWith(s, "REVOKED")))
                    .append('.');
        }
        if (s.count("EXEMPT") > 0) {
            lead.append(' ').append(s.count("EXEMPT")).append(" exempt by tag.");
        }
        if (s.notDoneEntries() > 0) {
            lead.append(' ').append(s.notDoneEntries()).append(" not done (see below).");
        }
        return lead.toString();
    }

    private static int groupsWith(ReportSummary s, String outcome) {
        return (int) s.groups.values().stream()
                .filter(g -> (outcome.equals("DRY_RUN") ? g.dryRun : g.revoked) > 0)
                .count();
    }

    private static void facts(Html html, ReportHeader h) {
        html.raw("<dl class=\"facts\">");
        fact(html, "Trigger", h.trigger());
        fact(html, "Input", h.inputForm());
        if (h.plan() == null || h.plan().createdAt() == null) {
            fact(html, "Time", h.time());
        }
        fact(html, "Account", h.account());
        fact(html, "Region", h.region());
        fact(html, "Run", h.runId());
        fact(html, "Invocation", h.invocationId());
        fact(html, "SQS message", h.messageId());
        if (h.plan() != null) {
            fact(html, "Plan", h.plan().planId());
            fact(html, "Created", h.plan().createdAt());
            fact(html, "Expires", h.plan().expiresAt());
        }
        if (h.documents() > 1) {
            fact(html, "Documents read", Integer.toString(h.documents()));
        }
        html.raw("</dl>\n");
    }

    private static void fact(Html html, String name, String value) {
        if (value != null) {
            html.raw("<dt>").text(name).raw("</dt><dd class=\"v\">").text(value).raw("</dd>");
        }
    }

    private static void notes(Html html, ReportHeader h, ReportSummary s) {
        if (h.rejected() != null) {
            html.raw("<p class=\"warn\">The request was refused, nothing was attempted: ")
                    .text(h.rejected())
                    .raw("</p>\n");
        }
        if (h.sweep().blastRadiusSelected() != null) {
            html.raw("<p class=\"warn\">The blast-radius limit stopped this run: ")
                    .text(h.sweep().blastRadiusSelected())
                    .raw(" rules were selected, more than the limit allows, so none was revoked. Raise the limit"
                            + " or narrow the scope (docs/sweeps.md).</p>\n");
        }
        if (h.partial()) {
            html.raw("<p class=\"note\">This file holds part ")
                    .text(String.join(
                            ", ", h.partsSeen().stream().map(String::valueOf).toList()))
                    .raw(" of ")
                    .text(h.parts())
                    .raw(" of the result: the rules of the other parts are not shown here. result.json in the"
                            + " report bucket holds them all.</p>\n");
        } else if (!h.statedCounts().isEmpty() && !stated(h).equals(counted(s))) {
            html.raw("<p class=\"note\">The result states ")
                    .text(stated(h).toString())
                    .raw(", but this file holds ")
                    .text(counted(s).toString())
                    .raw(".</p>\n");
        }
    }

    private static Map<String, Integer> stated(ReportHeader h) {
        Map<String, Integer> out = new LinkedHashMap<>();
        ReportSummary.OUTCOMES.forEach(o -> out.put(o, h.statedCounts().getOrDefault(o, 0)));
        return out;
    }

    private static Map<String, Integer> counted(ReportSummary s) {
        return new LinkedHashMap<>(s.counts);
    }

    static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
