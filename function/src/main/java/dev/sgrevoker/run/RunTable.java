package dev.sgrevoker.run;

import dev.sgrevoker.model.ShardOfRun;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a sweep run's state is kept (aws/ keeps it in DynamoDB, the template's RunTable). Every write that must
 * happen once is conditional, so a redelivered shard or hand-over changes nothing the first delivery did.
 */
public interface RunTable {
    /** A new run and its shards, each waiting. Run ids are new: an existing one is never overwritten. */
    void start(RunState.Run run, List<ShardOfRun> shards, Instant expiresAt);

    /** The run and its parts, read consistently; empty when there is no such run. */
    Optional<RunState> read(String runId);

    /**
     * Reserves {@code rules} of the run's limit for one part ({@code partKey}), at most once: a part that asked
     * before gets its first answer again. Atomic with the run's counter: concurrent shards never pass the limit.
     */
    Reservation reserve(String runId, String partKey, int rules);

    /** Marks the run cancelled; false when there is no such run. */
    boolean cancel(String runId, Instant at);

    /**
     * Records a part finished, once; a shard's {@code handedOver} groups are added to those the run waits for.
     * Answers the run's progress after it, or empty when the part had finished before (a redelivery).
     */
    Optional<RunState.Progress> finish(String runId, RunState.Part part);

    /** Marks the run's roll-up sent; true only for the one caller that marked it. */
    boolean markReported(String runId, Instant at);

    /** The roll-up could not be delivered: unmarked, so the deadline message sends it. */
    void clearReported(String runId);

    /** The run's answer to a reservation. */
    record Reservation(Answer answer, int reserved, int limit) {
        public enum Answer {
            GRANTED,
            OVER_LIMIT,
            CANCELLED,
            NO_RUN
        }
    }
}
