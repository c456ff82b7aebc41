package dev.sgrevoker.run;

import dev.sgrevoker.model.ShardOfRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The run table in memory, with DynamoDB's once-only semantics (synchronized: concurrent shards in tests). */
public final class InMemoryRunTable implements RunTable {
    private final Map<String, RunState.Run> runs = new HashMap<>();
    private final Map<String, Map<String, RunState.Part>> parts = new HashMap<>();
    private final Map<String, Reservation> answers = new HashMap<>();
    /** How many reservations were written (granted or refused): a redelivery writes none. */
    public int reservationsWritten;

    @Override
    public synchronized void start(RunState.Run run, List<ShardOfRun> shards, Instant expiresAt) {
        if (runs.putIfAbsent(run.runId(), run) != null) {
            throw new IllegalStateException("run exists");
        }
        Map<String, RunState.Part> p = new LinkedHashMap<>();
        shards.forEach(s -> p.put(s.shardPart(), new RunState.Part(s.shardPart(), s, false, null, Map.of(), null, 0)));
        parts.put(run.runId(), p);
    }

    @Override
    public synchronized Optional<RunState> read(String runId) {
        RunState.Run run = runs.get(runId);
        return run == null
                ? Optional.empty()
                : Optional.of(new RunState(run, new ArrayList<>(parts.get(runId).values())));
    }

    @Override
    public synchronized Reservation reserve(String runId, String partKey, int rules) {
        Reservation earlier = answers.get(runId + "/" + partKey);
        if (earlier != null) {
            return earlier;
        }
        RunState.Run run = runs.get(runId);
        if (run == null) {
            return new Reservation(Reservation.Answer.NO_RUN, 0, 0);
        }
        Reservation answer;
        if (run.cancelledAt() != null) {
            answer = new Reservation(Reservation.Answer.CANCELLED, run.reserved(), run.limit());
        } else if (run.reserved() + rules > run.limit()) {
            answer = new Reservation(Reservation.Answer.OVER_LIMIT, run.reserved(), run.limit());
        } else {
            answer = new Reservation(Reservation.Answer.GRANTED, run.reserved(), run.limit());
            runs.put(runId, with(run, run.reserved() + rules, run.cancelledAt(), run.reportedAt(), run.progress()));
        }
        answers.put(runId + "/" + partKey, answer);
        reservationsWritten++;
        return answer;
    }

    @Override
    public synchronized boolean cancel(String runId, Instant at) {
        RunState.Run run = runs.get(runId);
        if (run == null) {
            return false;
        }
        runs.put(
                runId,
                with(
                        run,
                        run.reserved(),
                        run.cancelledAt() == null ? at : run.cancelledAt(),
                        run.reportedAt(),
                        run.progress()));
        return true;
    }

    @Override
    public synchronized Optional<RunState.Progress> finish(String runId, RunState.Part part) {
        RunState.Part before = parts.get(runId).get(part.key());
        if (before != null && before.finished()) {
            return Optional.empty();
        }
        parts.get(runId).put(part.key(), part);
        RunState.Run run = runs.get(runId);
        RunState.Progress p = run.progress();
        RunState.Progress after = part.handOver()
                ? new RunState.Progress(p.shards(), p.shardsLeft(), p.handOversSent(), p.handOversDone() + 1)
                : new RunState.Progress(
                        p.shards(), p.shardsLeft() - 1, p.handOversSent() + part.handedOver(), p.handOversDone());
        runs.put(runId, with(run, run.reserved(), run.cancelledAt(), run.reportedAt(), after));
        return Optional.of(after);
    }

    @Override
    public synchronized boolean markReported(String runId, Instant at) {
        RunState.Run run = runs.get(runId);
        if (run == null || run.reportedAt() != null) {
            return false;
        }
        runs.put(runId, with(run, run.reserved(), run.cancelledAt(), at, run.progress()));
        return true;
    }

    @Override
    public synchronized void clearReported(String runId) {
        RunState.Run run = runs.get(runId);
        runs.put(runId, with(run, run.reserved(), run.cancelledAt(), null, run.progress()));
    }

    private static RunState.Run with(
            RunState.Run r, int reserved, Instant cancelledAt, Instant reportedAt, RunState.Progress progress) {
        return new RunState.Run(
                r.runId(), r.limit(), reserved, r.startedAt(), r.deadline(), cancelledAt, reportedAt, progress);
    }
}
