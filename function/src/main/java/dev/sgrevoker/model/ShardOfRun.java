package dev.sgrevoker.model;

import java.util.Objects;

/**
 * Which sweep run a shard or hand-over belongs to, and the (account, region) it sweeps: what its result names and
 * what the run's state is kept under. {@code account} is the 12-digit id, the function's own included.
 */
public record ShardOfRun(String runId, String account, String region) {
    public ShardOfRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
    }

    /** {@code account:region}: the shard's FIFO message group and its key in the run's state. */
    public String pair() {
        return account + ":" + region;
    }

    /** The shard's part of the run: {@code shard#account:region}. */
    public String shardPart() {
        return "shard#" + pair();
    }

    /** A group it handed over, a part of its own: {@code handover#account:region#group} (once per shard). */
    public String handOverPart(String groupId) {
        return "handover#" + pair() + "#" + groupId;
    }
}
