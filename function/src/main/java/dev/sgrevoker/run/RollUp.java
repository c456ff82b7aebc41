package dev.sgrevoker.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.ReportLocation;
import dev.sgrevoker.model.ShardOfRun;
import dev.sgrevoker.report.ResultDocument;
import dev.sgrevoker.report.Summary;
import dev.sgrevoker.report.bucket.RunReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's roll-up, the detail of its "Security Group Sweep Run Completed" event: whether every shard finished
 * (hand-overs included), totals per outcome, one row per (account, region) with its counts and any failure, the
 * shards that failed or never finished (a shard lost to the dead-letter queue is named here, never silent), start
 * and end, and the same in words ({@code summary}) for the notification rules.
 */
public final class RollUp {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_LISTED = 15;

    private RollUp() {}

    /** One (account, region): its shard and the hand-overs it made, counted together. */
    public record Row(ShardOfRun shard, Map<Outcome, Integer> counts, String failure, String unfinished) {
        /** Its line of the run's report: counts by outcome name, and why it did not finish, else why it failed. */
        public RunReport.Shard forReport() {
            Map<String, Integer> byName = new LinkedHashMap<>();
            counts.forEach((o, n) -> byName.put(o.name(), n));
            return new RunReport.Shard(
                    shard.account(), shard.region(), byName, unfinished != null ? unfinished : failure);
        }
    }

    /** The roll-up of {@code state} at {@code now}, without a report of its own; {@code complete}: all finished. */
    public static ObjectNode of(RunState state, boolean complete, Instant now) {
        return of(state, rows(state), complete, now, null);
    }

    /**
     * The roll-up of {@code state}'s {@code rows} at {@code now}; {@code report}: where the run's index.html and
     * rules.csv went (named in the event and its summary), or null without a report bucket.
     */
    public static ObjectNode of(
            RunState state, List<Row> rows, boolean complete, Instant now, RunReport.Written report) {
        Map<Outcome, Integer> totals = zero();
        rows.forEach(r -> r.counts().forEach((o, n) -> totals.merge(o, n, Integer::sum)));
        RunState.Run run = state.run();
        ObjectNode doc = JSON.objectNode();
        doc.put("runId", run.runId());
        doc.put("complete", complete);
        doc.put("startedAt", run.startedAt().toString());
        doc.put("endedAt", now.toString());
        doc.put("deadline", run.deadline().toString());
        if (run.cancelledAt() != null) {
            doc.put("cancelledAt", run.cancelledAt().toString());
        }
        doc.put("maxRevocationsPerRun", run.limit());
        doc.put("reserved", run.reserved());
        ObjectNode t = doc.putObject("totals");
        totals.forEach((o, n) -> t.put(o.name(), n));
        ArrayNode shards = doc.putArray("shards");
        ArrayNode failed = doc.putArray("failedShards");
        ArrayNode missing = doc.putArray("unfinishedShards");
        for (Row r : rows) {
            ObjectNode row = place(shards.addObject(), r.shard());
            ObjectNode c = row.putObject("counts");
            r.counts().forEach((o, n) -> c.put(o.name(), n));
            if (r.failure() != null) {
                row.put("failure", r.failure());
                place(failed.addObject(), r.shard()).put("failure", r.failure());
            }
            if (r.unfinished() != null) {
                row.put("unfinished", r.unfinished());
                place(missing.addObject(), r.shard()).put("reason", r.unfinished());
            }
        }
        if (report != null) {
            report(doc, report);
        }
        String title = title(run, complete, rows.size(), totals, failed.size(), missing.size());
        doc.put("summaryTitle", title);
        doc.put("summary", text(title, rows, report));
        boolean changes = totals.get(Outcome.REVOKED) > 0
                || totals.get(Outcome.FAILED) > 0
                || !failed.isEmpty()
                || !missing.isEmpty();
        doc.put("attention", changes ? Summary.CHANGES : Summary.NONE);
        return doc;
    }

    /** The run's page in one line: where to read it, or why it is not there. */
    private static String page(ReportLocation where) {
        String index = where.prefix() + RunReport.INDEX;
        if (where.keys().contains(index)) {
            return "\nThe run's page: s3://" + where.bucket() + "/" + index + " (each shard's report linked; the run's"
                    + " rules.csv beside it).";
        }
        String why = where.notWritten().stream()
                .filter(n -> n.key().equals(index))
                .map(ReportLocation.NotWritten::reason)
                .findFirst()
                .orElse("not written");
        return "\nThe run's page s3://" + where.bucket() + "/" + index + " could not be written: "
                + (why.length() > 200 ? why.substring(0, 197) + "..." : why);
    }

    private static ObjectNode place(ObjectNode row, ShardOfRun shard) {
        return row.put("account", shard.account()).put("region", shard.region());
    }

    /** Where the run's report went, as a result's {@code report} says it, and the shards it found no report of. */
    private static void report(ObjectNode doc, RunReport.Written report) {
        ReportLocation where = report.location();
        ObjectNode o = ResultDocument.reportOf(doc, where);
        if (!report.shardsWithoutReport().isEmpty()) {
            ArrayNode none = o.putArray("shardsWithoutReport");
            report.shardsWithoutReport()
                    .forEach(n -> none.addObject().put("key", n.key()).put("reason", n.reason()));
        }
    }

    /** The rows of {@code state}: one per shard, its hand-overs counted with it, in the table's order. */
    public static List<Row> rows(RunState state) {
        Map<String, RunState.Part> shards = new LinkedHashMap<>();
        Map<String, List<RunState.Part>> handOvers = new LinkedHashMap<>();
        for (RunState.Part p : state.parts()) {
            if (p.handOver() && p.finished()) {
                handOvers
                        .computeIfAbsent(p.shard().pair(), k -> new ArrayList<>())
                        .add(p);
            } else if (!p.handOver()) {
                shards.put(p.shard().pair(), p);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (RunState.Part shard : shards.values()) {
            Map<Outcome, Integer> counts = zero();
            shard.counts().forEach((o, n) -> counts.merge(o, n, Integer::sum));
            List<RunState.Part> theirs = handOvers.getOrDefault(shard.shard().pair(), List.of());
            String failure = shard.failure();
            for (RunState.Part h : theirs) {
                h.counts().forEach((o, n) -> counts.merge(o, n, Integer::sum));
                if (failure == null && h.failure() != null) {
                    failure = "a hand-over: " + h.failure();
                }
            }
            String unfinished = null;
            if (!shard.finished()) {
                unfinished = "the shard never finished (still queued or retried, or in the shard dead-letter queue)";
            } else if (theirs.size() < shard.handedOver()) {
                unfinished = (shard.handedOver() - theirs.size()) + " of its " + shard.handedOver()
                        + " handed-over groups never finished (request queue or its dead-letter queue)";
            }
            rows.add(new Row(shard.shard(), counts, failure, unfinished));
        }
        return rows;
    }

    private static Map<Outcome, Integer> zero() {
        Map<Outcome, Integer> m = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            m.put(o, 0);
        }
        return m;
    }

    private static String title(
            RunState.Run run, boolean complete, int pairs, Map<Outcome, Integer> totals, int failed, int missing) {
        StringBuilder b = new StringBuilder("Sweep run ")
                .append(run.runId())
                .append(" over ")
                .append(pairs);
        b.append(pairs == 1 ? " account-region " : " account-regions ");
        b.append(complete ? "finished" : "did NOT finish by its deadline (" + missing + " unfinished)");
        if (run.cancelledAt() != null) {
            b.append(", cancelled");
        }
        b.append(": ").append(totals.get(Outcome.REVOKED)).append(" revoked, ");
        b.append(totals.get(Outcome.DRY_RUN)).append(" would be revoked (dry run), ");
        b.append(totals.get(Outcome.FAILED)).append(" failed, ");
        b.append(totals.get(Outcome.SKIPPED)).append(" skipped, ");
        b.append(totals.get(Outcome.EXEMPT)).append(" exempt");
        if (failed > 0) {
            b.append("; ").append(failed).append(failed == 1 ? " shard failed" : " shards failed");
        }
        return b.append('.').toString();
    }

    private static String text(String title, List<Row> rows, RunReport.Written report) {
        StringBuilder b = new StringBuilder(title);
        if (report != null) {
            b.append(page(report.location()));
        }
        int listed = 0;
        int more = 0;
        for (Row r : rows) {
            String why = r.unfinished() != null ? r.unfinished() : r.failure();
            if (why == null) {
                continue;
            }
            if (listed == MAX_LISTED) {
                more++;
                continue;
            }
            String line = "\n" + r.shard().account() + " " + r.shard().region() + ": " + why;
            b.append(line.length() > 200 ? line.substring(0, 197) + "..." : line);
            listed++;
        }
        if (more > 0) {
            b.append("\nand ").append(more).append(" more");
        }
        b.append("\nEach shard's own result event lists its rules, and its restore documents put revoked ones back.");
        return b.length() > Summary.MAX_CHARS ? b.substring(0, Summary.MAX_CHARS - 3) + "..." : b.toString();
    }
}
