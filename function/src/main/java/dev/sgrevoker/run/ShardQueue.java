package dev.sgrevoker.run;

import dev.sgrevoker.model.ShardOfRun;
import dev.sgrevoker.policy.Sweep;
import java.time.Duration;
import java.util.List;

/**
 * Where a run's messages go: its shards to the FIFO shard queue (one message group per account:region, a
 * deduplication id per run and pair), and its deadline, delayed, to the request queue (aws/ sends them).
 */
public interface ShardQueue {
    /** Sends one shard per pair, each with {@code sweep}; answers, per shard in order, null or why it was not sent. */
    List<String> send(Sweep sweep, List<ShardOfRun> shards);

    /** The run's deadline message, delivered after {@code delay} (SQS delays at most 15 minutes). */
    void deadline(String runId, Duration delay);
}
