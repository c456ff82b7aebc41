package dev.sgrevoker.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.ShardOfRun;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.policy.Controls;
import dev.sgrevoker.policy.Policy;
import dev.sgrevoker.policy.Sweep;
import dev.sgrevoker.revoke.RunGate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Sweep runs: dispatch, the run's say (reservation once, the run-wide limit, cancel), the roll-up and the deadline. */
class SweepRunsTest {
    private static final Sweep SWEEP = new Sweep(
            Policy.of(
                    Controls.byId("EC2.13", List.of(), List.of()).orElseThrow().check()),
            Sweep.Scope.EVERYTHING,
            true,
            null);
    private static final List<SweepRuns.Pair> PAIRS = List.of(
            new SweepRuns.Pair("111111111111", "us-east-1"),
            new SweepRuns.Pair("222222222222", "us-east-1"),
            new SweepRuns.Pair("222222222222", "eu-west-1"));

    private final InMemoryRunTable table = new InMemoryRunTable();
    private final RecordingQueue queue = new RecordingQueue();
    private final List<ObjectNode> rollUps = Collections.synchronizedList(new ArrayList<>());
    private Instant now = Instant.parse("2026-12-07T12:00:00Z");
    private final SweepRuns runs =
            new SweepRuns(table, queue, rollUps::add, new SweepRuns.Settings(5, Duration.ofMinutes(60)), () -> now);

    /** Records what was sent; {@code refuse} names pairs SQS will not take. */
    static final class RecordingQueue implements ShardQueue {
        final List<ShardOfRun> shards = new ArrayList<>();
        final List<Sweep> sweeps = new ArrayList<>();
        final List<Duration> deadlines = new ArrayList<>();
        final List<String> refuse = new ArrayList<>();

        @Override
        public List<String> send(Sweep sweep, List<ShardOfRun> sent) {
            List<String> out = new ArrayList<>();
            for (ShardOfRun s : sent) {
                shards.add(s);
                sweeps.add(sweep);
                out.add(refuse.contains(s.pair()) ? "AccessDenied: not allowed" : null);
            }
            return out;
        }

        @Override
        public void deadline(String runId, Duration delay) {
            deadlines.add(delay);
        }
    }

    private static RevocationResult result(List<PermissionOutcome> outcomes, int handedOverGroups) {
        return RevocationResult.forSweep(
                new RevocationResult.Origin("inv", TriggerFamily.SQS_BATCH, "m", null),
                true,
                outcomes,
                new RevocationResult.SweepSummary(1, 1, outcomes.size(), 0, handedOverGroups));
    }

    private static PermissionOutcome skipped(String group, FailureCode code) {
        return PermissionOutcome.skipped(PermissionOutcome.Subject.skippedAtIntake(group), code, "why");
    }

    @Test
    void aDispatchStartsTheRunThenSendsOneShardPerPairAndItsDeadline() {
        SweepRuns.Dispatched d = runs.dispatch(SWEEP, PAIRS, null);
        assertTrue(d.runId().startsWith("run-2026-12-07T12-00-00Z-"), d.runId());
        assertEquals(3, queue.shards.size());
        assertEquals("222222222222:eu-west-1", queue.shards.get(2).pair());
        assertEquals(List.of(Duration.ofMinutes(15)), queue.deadlines, "SQS delays at most 15 minutes");
        assertEquals(5, d.limit(), "MAX_REVOCATIONS_PER_RUN by default");
        RunState state = table.read(d.runId()).orElseThrow();
        assertEquals(3, state.run().progress().shardsLeft());
        assertEquals(now.plus(Duration.ofMinutes(60)), state.run().deadline());
        assertEquals(5, runs.dispatch(SWEEP, PAIRS, 99).limit(), "a sweep may not raise the run's limit");
        assertEquals(3, runs.dispatch(SWEEP, PAIRS, 3).limit(), "but may lower it");
    }

    @Test
    void aShardSqsWouldNotTakeIsFinishedAsFailedSoTheRunStillEnds() {
        queue.refuse.add("222222222222:us-east-1");
        SweepRuns.Dispatched d = runs.dispatch(SWEEP, PAIRS, null);
        assertEquals(null, d.notSent().get(0));
        assertTrue(d.notSent().get(1).startsWith("AccessDenied"));
        RunState state = table.read(d.runId()).orElseThrow();
        assertEquals(2, state.run().progress().shardsLeft());
    }

    @Test
    void aRedeliveredShardGetsItsFirstAnswerAndNeverReservesTwice() {
        SweepRuns.Dispatched d = runs.dispatch(SWEEP, PAIRS, null);
        ShardOfRun shard = d.shards().get(0);
        RunGate gate = runs.gate(shard, shard.shardPart(), false);
        assertEquals(Optional.empty(), gate.admit(3));
        assertEquals(
                Optional.empty(), runs.gate(shard, shard.shardPart(), false).admit(3), "redelivered");
        assertEquals(3, table.read(d.runId()).orElseThrow().run().reserved());
        assertEquals(1, table.reservationsWritten);
        // Dry runs, and a hand-over its shard reserved for, reserve nothing.
        assertEquals(Optional.empty(), runs.gate(d.shards().get(1), "x", false).admit(0));
        assertEquals(
                Optional.empty(),
                runs.gate(shard, shard.handOverPart("sg-1"), true).admit(2));
        assertEquals(3, table.read(d.runId()).orElseThrow().run().reserved());
    }

    @Test
    void concurrentShardsNeverPassTheRunsLimitAndTheOnesRefusedSaySo() throws Exception {
        SweepRuns.Dispatched d = runs.dispatch(
                SWEEP,
                List.of(
                        new SweepRuns.Pair("111111111111", "us-east-1"),
                        new SweepRuns.Pair("222222222222", "us-east-1"),
                        new SweepRuns.Pair("333333333333", "us-east-1"),
                        new SweepRuns.Pair("444444444444", "us-east-1")),
                null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<RunGate.Stop>>> answers = new ArrayList<>();
        for (ShardOfRun shard : d.shards()) {
            answers.add(pool.submit(() -> {
                start.await();
                return runs.gate(shard, shard.shardPart(), false).admit(2);
            }));
        }
        start.countDown();
        int granted = 0;
        for (Future<Optional<RunGate.Stop>> f : answers) {
            Optional<RunGate.Stop> stop = f.get(10, TimeUnit.SECONDS);
            if (stop.isEmpty()) {
                granted++;
            } else {
                assertEquals(FailureCode.Ours.RUN_LIMIT_EXCEEDED, stop.get().code());
                assertTrue(
                        stop.get().reason().contains("at most 5 rules"),
                        stop.get().reason());
            }
        }
        pool.shutdown();
        assertEquals(2, granted, "2 + 2 fit in 5; a third 2 does not");
        assertEquals(4, table.read(d.runId()).orElseThrow().run().reserved());
    }

    @Test
    void aCancelledRunsPartsNotYetStartedRevokeNothing() {
        SweepRuns.Dispatched d = runs.dispatch(SWEEP, PAIRS, null);
        assertTrue(runs.cancel(d.runId()).isPresent());
        assertFalse(runs.cancel("run-unknown").isPresent());
        ShardOfRun shard = d.shards().get(0);
        Optional<RunGate.Stop> stop = runs.gate(shard, shard.shardPart(), false).admit(1);
        assertEquals(FailureCode.Ours.RUN_CANCELLED, stop.orElseThrow().code());
        // A hand-over its shard reserved for, and a dry run, are stopped alike.
        assertEquals(
                FailureCode.Ours.RUN_CANCELLED,
                runs.gate(shard, shard.handOverPart("sg-1"), true)
                        .admit(0)
                        .orElseThrow()
                        .code());
    }

    @Test
    void theRollUpGoesOutOnceWhenTheLastPartHandOversIncludedHasFinished() {
        SweepRuns.Dispatched d = runs.dispatch(SWEEP, PAIRS.subList(0, 2), null);
        ShardOfRun first = d.shards().get(0);
        ShardOfRun second = d.shards().get(1);
        // The first shard's hand-over finishes before its shard does: the run is not done yet.
        runs.finished(first, first.handOverPart("sg-h"), true, result(List.of(skipped("sg-h", null)), 0));
        runs.finished(
                first,
                first.shardPart(),
                false,
                result(List.of(skipped("sg-a", FailureCode.Ours.HANDED_OVER), skipped("sg-b", null)), 1));
        assertEquals(List.of(), rollUps);
        RevocationResult unreachable = result(
                List.of(PermissionOutcome.failed(
                        PermissionOutcome.Subject.wholeAccount(AccountRegion.OWN),
                        FailureCode.Ours.ASSUME_ROLE_FAILED,
                        "role arn:aws:iam::222222222222:role/m could not be assumed")),
                0);
        runs.finished(second, second.shardPart(), false, unreachable);
        runs.finished(second, second.shardPart(), false, unreachable); // redelivered: counted once
        assertEquals(1, rollUps.size());
        JsonNode r = rollUps.get(0);
        assertTrue(r.get("complete").asBoolean());
        assertEquals(2, r.get("totals").get("SKIPPED").asInt(), "the handed-over rule counted once, where it ended");
        assertEquals(1, r.get("totals").get("FAILED").asInt());
        assertEquals("222222222222", r.get("failedShards").get(0).get("account").asText());
        assertTrue(r.get("failedShards").get(0).get("failure").asText().startsWith("AssumeRoleFailed: "));
        assertEquals("changes", r.get("attention").asText());
        assertTrue(r.get("summary").asText().contains("222222222222 us-east-1: AssumeRoleFailed"), r.toString());
    }

    @Test
    void aShardLostToTheDeadLetterQueueIsNamedWhenTheDeadlineComes() {
        SweepRuns.Dispatched d = runs.dispatch(SWEEP, PAIRS.subList(0, 2), null);
        ShardOfRun first = d.shards().get(0);
        runs.finished(first, first.shardPart(), false, result(List.of(skipped("sg-a", null)), 0));
        now = now.plus(Duration.ofMinutes(20));
        assertTrue(runs.deadline(d.runId()).note().contains("sent again"));
        assertEquals(Duration.ofMinutes(15), queue.deadlines.get(1));
        now = now.plus(Duration.ofMinutes(41));
        runs.deadline(d.runId());
        assertEquals(1, rollUps.size());
        JsonNode r = rollUps.get(0);
        assertFalse(r.get("complete").asBoolean());
        assertEquals(
                "222222222222", r.get("unfinishedShards").get(0).get("account").asText());
        assertTrue(r.get("summaryTitle").asText().contains("did NOT finish"), r.toString());
        assertTrue(
                runs.deadline(d.runId()).note().contains("reported at"), "a deadline after the roll-up does nothing");
        assertEquals(1, rollUps.size());
    }
}
