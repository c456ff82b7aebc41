package dev.sgrevoker.run;

import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.ShardOfRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A sweep run as the run table holds it: the run itself and each part (a shard, or a group one handed over).
 *
 * @param parts every shard (waiting or finished) and every hand-over that finished, in the table's order
 */
public record RunState(Run run, List<Part> parts) {
    public RunState {
        parts = List.copyOf(parts);
    }

    /**
     * The run: its limit and what its shards reserved of it, when it started and must have finished, whether it was
     * cancelled or reported, and its progress.
     */
    public record Run(
            String runId,
            int limit,
            int reserved,
            Instant startedAt,
            Instant deadline,
            Instant cancelledAt,
            Instant reportedAt,
            Progress progress) {}

    /**
     * How far the run is: shards not finished, groups handed over by finished shards, and hand-overs finished. A
     * hand-over may finish before its shard does: its shard still counts as left until then.
     */
    public record Progress(int shards, int shardsLeft, int handOversSent, int handOversDone) {
        public boolean done() {
            return shardsLeft == 0 && handOversDone >= handOversSent;
        }
    }

    /**
     * One part. {@code key} is unique in the run ({@link ShardOfRun#shardPart}, {@link ShardOfRun#handOverPart});
     * {@code finishedAt} null
     * while it has not finished.
     *
     * @param failure why the part failed as a whole (its account unreachable, not dispatched), or null
     * @param handedOver groups a shard handed over (its hand-overs are parts of their own)
     */
    public record Part(
            String key,
            ShardOfRun shard,
            boolean handOver,
            Instant finishedAt,
            Map<Outcome, Integer> counts,
            String failure,
            int handedOver) {
        public Part {
            counts = Map.copyOf(counts);
        }

        public boolean finished() {
            return finishedAt != null;
        }
    }
}
