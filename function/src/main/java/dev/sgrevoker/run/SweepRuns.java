package dev.sgrevoker.run;

import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.ShardOfRun;
import dev.sgrevoker.policy.Sweep;
import dev.sgrevoker.report.WireStrings;
import dev.sgrevoker.report.bucket.RunReport;
import dev.sgrevoker.revoke.RunGate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Sweep runs: the dispatch of one shard per (account, region), each shard's and hand-over's say from the run (cancel,
 * run-wide limit), each part's end, the cancel, the deadline, and the roll-up when the last part has finished or the
 * deadline has come, sent once.
 */
public final class SweepRuns {
    /** SQS delays a message at most this long: a longer deadline is waited for in steps. */
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    /** A run's state is kept this long after its start (the table's TTL), well past any deadline. */
    private static final Duration KEPT = Duration.ofDays(30);

    private static final DateTimeFormatter RUN_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

    private final RunTable table;
    private final ShardQueue queue;
    private final RunEvents events;
    private final Settings settings;
    private final Supplier<Instant> clock;
    private final Optional<RunReport> report;

    /**
     * @param maxRevocationsPerRun MAX_REVOCATIONS_PER_RUN: a run's default limit, and the most it may ask for
     * @param deadline RUN_DEADLINE_MINUTES: how long after its start a run is reported, finished or not
     */
    public record Settings(int maxRevocationsPerRun, Duration deadline) {}

    /** An (account, region) pair to sweep: the 12-digit account id (the own one too) and the region's code. */
    public record Pair(String account, String region) {}

    /**
     * A dispatched run: its id, its shards, and per shard null or why it could not be sent (it is then finished as
     * failed, so the run still ends).
     *
     * @param limitNote how the run's limit was chosen (the sweep's own, or MAX_REVOCATIONS_PER_RUN)
     */
    public record Dispatched(
            String runId, List<ShardOfRun> shards, List<String> notSent, int limit, String limitNote) {}

    /** The deadline's answer: what it did, and where the run's report went when it sent the roll-up (else null). */
    public record Deadline(String note, RunReport.Written report) {}

    /** A roll-up this caller sent, and where the run's report went (null without a report bucket). */
    private record Sent(RunReport.Written report) {}

    public SweepRuns(RunTable table, ShardQueue queue, RunEvents events, Settings settings, Supplier<Instant> clock) {
        this(table, queue, events, settings, clock, Optional.empty());
    }

    /** {@code report}: the run's index.html and rules.csv written with its roll-up (REPORT_BUCKET), or none. */
    public SweepRuns(
            RunTable table,
            ShardQueue queue,
            RunEvents events,
            Settings settings,
            Supplier<Instant> clock,
            Optional<RunReport> report) {
        this.table = table;
        this.queue = queue;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
        this.report = report;
    }

    /**
     * Starts a run of {@code sweep} over {@code pairs}: its state first (so every shard finds its run), then one
     * shard per pair, then the deadline. {@code asked} is the sweep's maxRevocationsPerRun, or null.
     */
    public Dispatched dispatch(Sweep sweep, List<Pair> pairs, Integer asked) {
        Instant now = clock.get();
        String runId = "run-" + RUN_TIME.format(now) + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        int ceiling = settings.maxRevocationsPerRun();
        int limit = asked == null ? ceiling : Math.min(asked, ceiling);
        String limitNote = asked == null
                ? "MAX_REVOCATIONS_PER_RUN (" + ceiling + ")"
                : asked > ceiling
                        ? "the sweep asked for " + asked + ", more than MAX_REVOCATIONS_PER_RUN (" + ceiling
                                + "), which holds"
                        : "the sweep's maxRevocationsPerRun (" + asked + ")";
        List<ShardOfRun> shards = pairs.stream()
                .map(p -> new ShardOfRun(runId, p.account(), p.region()))
                .toList();
        RunState.Run run = new RunState.Run(
                runId,
                limit,
                0,
                now,
                now.plus(settings.deadline()),
                null,
                null,
                new RunState.Progress(shards.size(), shards.size(), 0, 0));
        table.start(run, shards, now.plus(KEPT));
        List<String> notSent = queue.send(sweep.shard(), shards);
        for (int i = 0; i < shards.size(); i++) {
            if (notSent.get(i) != null) {
                // Never queued, so never finished by a shard: finished here as failed, so the run still ends.
                finish(
                        shards.get(i),
                        shards.get(i).shardPart(),
                        false,
                        Map.of(),
                        "not dispatched: " + notSent.get(i),
                        0);
            }
        }
        queue.deadline(runId, min(settings.deadline(), MAX_DELAY));
        return new Dispatched(runId, shards, notSent, limit, limitNote);
    }

    /** Why a shard or hand-over of {@code runId} is not run, if it is not: no such run. */
    public Optional<String> refusal(String runId) {
        return table.read(runId).isPresent()
                ? Optional.empty()
                : Optional.of("no sweep run " + runId + " in the run table: a shard runs only for a run the"
                        + " function dispatched (or the run is older than its table's time to live)");
    }

    /**
     * The run's say for one part: RunCancelled once the run is cancelled, else its reservation against the run-wide
     * limit (none for a dry run, nor for a hand-over whose shard reserved already).
     */
    public RunGate gate(ShardOfRun shard, String partKey, boolean reservedAlready) {
        return toRevoke -> {
            Optional<RunState> state = table.read(shard.runId());
            if (state.isEmpty()) {
                return Optional.of(new RunGate.Stop(
                        FailureCode.Ours.RUN_CANCELLED, refusal(shard.runId()).get()));
            }
            RunState.Run run = state.get().run();
            if (run.cancelledAt() != null) {
                return Optional.of(cancelled(run.runId(), run.cancelledAt()));
            }
            if (reservedAlready || toRevoke == 0) {
                return Optional.empty();
            }
            RunTable.Reservation r = table.reserve(shard.runId(), partKey, toRevoke);
            return switch (r.answer()) {
                case GRANTED -> Optional.empty();
                case CANCELLED -> Optional.of(cancelled(run.runId(), clock.get()));
                case NO_RUN ->
                    Optional.of(new RunGate.Stop(
                            FailureCode.Ours.RUN_CANCELLED,
                            refusal(shard.runId()).get()));
                case OVER_LIMIT ->
                    Optional.of(new RunGate.Stop(
                            FailureCode.Ours.RUN_LIMIT_EXCEEDED,
                            "the run may revoke at most " + r.limit() + " rules in all (maxRevocationsPerRun); "
                                    + r.reserved() + " are reserved by its other shards and this one selected "
                                    + toRevoke
                                    + ", so none of them is revoked"));
            };
        };
    }

    private static RunGate.Stop cancelled(String runId, Instant at) {
        return new RunGate.Stop(
                FailureCode.Ours.RUN_CANCELLED,
                "the sweep run " + runId + " was cancelled (" + at + ") before this part started revoking");
    }

    /**
     * A shard or hand-over ended with {@code result} (only once it is final: a part SQS will retry has not ended).
     * When it was the run's last part, the roll-up goes out: then where the run's report went, if it has one.
     */
    public Optional<RunReport.Written> finished(
            ShardOfRun shard, String partKey, boolean handOver, RevocationResult result) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        int handedOver = result.sweep() == null ? 0 : result.sweep().handedOverGroups();
        for (PermissionOutcome p : result.distinct()) {
            // A handed-over rule is counted where it ends, by its hand-over.
            if (p.code() != FailureCode.Ours.HANDED_OVER) {
                counts.merge(p.outcome(), 1, Integer::sum);
            }
        }
        return finish(shard, partKey, handOver, counts, failure(result), handedOver);
    }

    private Optional<RunReport.Written> finish(
            ShardOfRun shard,
            String partKey,
            boolean handOver,
            Map<Outcome, Integer> counts,
            String failure,
            int handedOver) {
        RunState.Part part = new RunState.Part(partKey, shard, handOver, clock.get(), counts, failure, handedOver);
        return table.finish(shard.runId(), part)
                .filter(RunState.Progress::done)
                .map(p -> rollUp(shard.runId(), true))
                .map(Sent::report);
    }

    /** Why a part failed as a whole: refused, or its account and region could not be read (no group named). */
    private static String failure(RevocationResult result) {
        if (result.rejected() != null) {
            return "refused: " + result.rejected().field() + ": "
                    + result.rejected().reason();
        }
        return result.distinct().stream()
                .filter(p -> p.outcome() == Outcome.FAILED && p.groupId() == null && p.code() != null)
                .findFirst()
                .map(p -> WireStrings.errorCode(p.code()) + ": " + p.reason())
                .orElse(null);
    }

    /** Marks the run cancelled; what it says back. Throws nothing for an unknown run: it says so. */
    public Optional<Instant> cancel(String runId) {
        Instant now = clock.get();
        return table.cancel(runId, now) ? Optional.of(now) : Optional.empty();
    }

    /**
     * The deadline message came: before the deadline it is sent again (for the rest, at most 15 minutes); after it,
     * the run is reported as it stands, unless it was already. Says what it did.
     */
    public Deadline deadline(String runId) {
        Optional<RunState> state = table.read(runId);
        if (state.isEmpty()) {
            return new Deadline(refusal(runId).get(), null);
        }
        RunState.Run run = state.get().run();
        if (run.reportedAt() != null) {
            return new Deadline("the run was reported at " + run.reportedAt(), null);
        }
        Instant now = clock.get();
        if (now.isBefore(run.deadline())) {
            queue.deadline(runId, min(Duration.between(now, run.deadline()), MAX_DELAY));
            return new Deadline("the deadline " + run.deadline() + " is still ahead: the message is sent again", null);
        }
        Sent sent = rollUp(runId, run.progress().done());
        return sent != null
                ? new Deadline("the run was reported at its deadline", sent.report())
                : new Deadline("the run was reported meanwhile", null);
    }

    /**
     * Sends the roll-up once (the table says who may), after the run's report, which it names. One that cannot be
     * delivered is unmarked, for the deadline message to send (and the report written again), and the failure
     * thrown: the caller logs it (a part's own result is not worth a retry for it). Null when another sent it.
     */
    private Sent rollUp(String runId, boolean complete) {
        Instant now = clock.get();
        if (!table.markReported(runId, now)) {
            return null;
        }
        RunReport.Written written;
        try {
            RunState state = table.read(runId).orElseThrow();
            List<RollUp.Row> rows = RollUp.rows(state);
            written = report.map(r -> r.write(
                            runId,
                            now.toString(),
                            rows.stream().map(RollUp.Row::forReport).toList()))
                    .orElse(null);
            events.rollUp(RollUp.of(state, rows, complete, now, written));
        } catch (RuntimeException e) {
            table.clearReported(runId);
            throw e;
        }
        return new Sent(written);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
