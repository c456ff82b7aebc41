package dev.sgrevoker.report.view;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.regex.Pattern;

/**
 * An organization run's {@code index.html}: one line per shard (account and region) with its counts and a link to
 * its own {@code report.html}, the shards with the most rules to revoke first. Same head, style and escaping as
 * {@link ReportPage}.
 */
public final class RunIndexPage {
    /** A link may only be a relative path of plain segments: no scheme, no query, no way up. */
    private static final Pattern RELATIVE_PATH = Pattern.compile("[A-Za-z0-9_~-][A-Za-z0-9._~-]*(/[A-Za-z0-9._~-]+)*");

    /**
     * One shard's line. {@code href} is its page relative to the index ({@code ACCOUNT/REGION/report.html}), null
     * when it has none; {@code counts} per outcome as its result states them; {@code problem} says why a shard has no
     * report, or what went wrong in one that has (failed, not finished before the deadline …), else null.
     */
    public record Shard(
            String account,
            String region,
            String href,
            Map<String, Integer> counts,
            Integer groupsScanned,
            Integer rulesScanned,
            String problem) {
        public Shard {
            counts = counts == null ? Map.of() : Map.copyOf(counts);
        }

        /** A shard's line from its result's header, its page at {@code ACCOUNT/REGION/report.html}. */
        public static Shard of(ReportHeader header) {
            return new Shard(
                    header.account(),
                    header.region(),
                    header.account() + "/" + header.region() + "/report.html",
                    header.statedCounts(),
                    header.sweep().groupsScanned(),
                    header.sweep().rulesScanned(),
                    null);
        }

        int count(String outcome) {
            return counts.getOrDefault(outcome, 0);
        }

        int toRevoke() {
            return count("DRY_RUN") + count("REVOKED") + count("FAILED") + count("SKIPPED");
        }
    }

    public record Run(String runId, String time, List<Shard> shards) {
        public Run {
            shards = List.copyOf(shards);
        }
    }

    private static final SequencedMap<String, String> COLUMNS = columns();

    private RunIndexPage() {}

    private static SequencedMap<String, String> columns() {
        SequencedMap<String, String> c = new LinkedHashMap<>();
        c.put("DRY_RUN", "Would revoke");
        c.put("REVOKED", "Revoked");
        c.put("EXEMPT", "Exempt");
        c.put("FAILED", "Failed");
        c.put("SKIPPED", "Skipped");
        c.put("NOT_FOUND", "Not found");
        return Collections.unmodifiableSequencedMap(c);
    }

    public static void write(Run run, OutputStream out) {
        write(run, new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
    }

    /** Writes the page and flushes {@code out} (not closed). */
    public static void write(Run run, Writer out) {
        Html html = new Html(out);
        String title = "sg-revoker organization run" + (run.runId() == null ? "" : " " + run.runId());
        PageStyle.head(html, title);
        Map<String, Integer> totals = new LinkedHashMap<>();
        ReportSummary.OUTCOMES.forEach(o -> totals.put(o, 0));
        run.shards().forEach(s -> s.counts().forEach((k, v) -> totals.merge(k, v, Integer::sum)));
        long problems = run.shards().stream().filter(s -> s.href() == null).count();
        html.raw("<header>\n").element("h1", null, title);
        html.element(
                "p",
                "lead",
                run.shards().size() + " account-region shard"
                        + ReportPage.plural(run.shards().size()) + ": "
                        + totals.get("DRY_RUN") + " rules would be revoked, " + totals.get("REVOKED") + " revoked, "
                        + totals.get("EXEMPT") + " exempt, "
                        + (totals.get("FAILED") + totals.get("SKIPPED") + totals.get("NOT_FOUND")) + " not done"
                        + (problems > 0
                                ? "; " + problems + " shard" + ReportPage.plural(problems) + " without a report"
                                : "")
                        + ".");
        if (run.time() != null) {
            html.element("p", "meta v", run.time());
        }
        html.raw("</header>\n<main>\n<h2>Shards, most rules to revoke first</h2>\n")
                .raw("<div class=\"table\"><table class=\"rows\"><thead><tr><th>Account</th><th>Region</th>"
                        + "<th>Report</th><th class=\"n\">Would revoke</th><th class=\"n\">Revoked</th>"
                        + "<th class=\"n\">Exempt</th><th class=\"n\">Failed</th><th class=\"n\">Skipped</th>"
                        + "<th class=\"n\">Not found</th><th class=\"n\">Groups scanned</th>"
                        + "<th class=\"n\">Rules scanned</th></tr></thead><tbody>\n");
        List<Shard> shards = new ArrayList<>(run.shards());
        shards.sort(Comparator.comparingInt((Shard s) -> -s.toRevoke())
                .thenComparing(s -> String.valueOf(s.account()))
                .thenComparing(s -> String.valueOf(s.region())));
        for (Shard s : shards) {
            shard(html, s);
        }
        html.raw("</tbody></table></div>\n</main>\n");
        PageStyle.foot(
                html,
                "Written by sg-revoker. Each shard's folder holds its report.html, rules.csv and"
                        + " result.json; the run's rules.csv holds every shard's rules.");
        html.flush();
    }

    static boolean relativeDownwards(String href) {
        return href != null
                && RELATIVE_PATH.matcher(href).matches()
                && java.util.Arrays.stream(href.split("/")).noneMatch(segment -> segment.matches("\\.+"));
    }

    private static void shard(Html html, Shard s) {
        html.raw("<tr><td data-label=\"Account\" class=\"v\">")
                .text(s.account())
                .raw("</td><td data-label=\"Region\" class=\"v\">")
                .text(s.region())
                .raw("</td><td data-label=\"Report\" class=\"v\">");
        if (s.href() == null) {
            html.raw("<span class=\"badge o-failed\">no report</span> ");
        } else if (relativeDownwards(s.href())) {
            html.raw("<a href=\"").text(s.href()).raw("\">report</a>");
        } else {
            html.text(s.href());
        }
        if (s.problem() != null) {
            html.raw(s.href() == null ? "" : " ").text(s.problem());
        }
        html.raw("</td>");
        COLUMNS.forEach((outcome, label) -> html.raw("<td class=\"n\" data-label=\"")
                .text(label)
                .raw("\">")
                .text(s.count(outcome))
                .raw("</td>"));
        html.raw("<td class=\"n\" data-label=\"Groups scanned\">")
                .text(s.groupsScanned() == null ? "" : s.groupsScanned().toString())
                .raw("</td><td class=\"n\" data-label=\"Rules scanned\">")
                .text(s.rulesScanned() == null ? "" : s.rulesScanned().toString())
                .raw("</td></tr>\n");
    }
}
