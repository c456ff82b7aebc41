package dev.sgrevoker.model;

import java.util.List;

/**
 * A result's place in a sweep run. The dispatching result names the run and its {@code shards}; a shard's or a
 * hand-over's names its run, account and region ({@code shard}) and which part of the run it is ({@code part}); a
 * cancel or a deadline says what it did ({@code note}).
 */
public record RunNote(String runId, List<ShardOfRun> shards, ShardOfRun shard, String part, String note) {
    public RunNote {
        shards = List.copyOf(shards);
    }

    /** A shard's result. */
    public static RunNote ofShard(ShardOfRun shard) {
        return new RunNote(shard.runId(), List.of(), shard, shard.shardPart(), null);
    }

    /** The result of a group a shard handed over. */
    public static RunNote ofHandOver(ShardOfRun shard, String groupId) {
        return new RunNote(shard.runId(), List.of(), shard, shard.handOverPart(groupId), null);
    }

    /** A result about the run as a whole: its dispatch (with its shards), a cancel, a deadline. */
    public static RunNote ofRun(String runId, List<ShardOfRun> shards, String note) {
        return new RunNote(runId, shards, null, null, note);
    }

    public boolean handOver() {
        return part != null && part.startsWith("handover#");
    }
}
