package dev.sgrevoker.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.handler.RevokeHandler;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.InputJson;
import dev.sgrevoker.intake.trigger.SweepDocument;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.Cidr;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.model.ShardOfRun;
import dev.sgrevoker.policy.Controls;
import dev.sgrevoker.policy.Policy;
import dev.sgrevoker.report.JsonText;
import dev.sgrevoker.revoke.AccountUnreachable;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.revoke.Ec2Gateways;
import dev.sgrevoker.revoke.HandOver;
import dev.sgrevoker.revoke.InMemoryEc2;
import dev.sgrevoker.revoke.RuleInventory;
import dev.sgrevoker.testing.Lambda;
import dev.sgrevoker.testing.LocalContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A sweep run through the handler, hermetic: the dispatch reads nothing, each shard (drained as the FIFO shard queue
 * would deliver it) sweeps its own place through the run's say, a member role that cannot be assumed fails its shard
 * only, the run-wide limit and a cancel stop shards, and one roll-up follows the last shard.
 */
class SweepRunFlowTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MEMBER = "222222222222";
    private static final String WEB = "sg-0aaaaaaaaaaaaaaaa";
    private static final String APP = "sg-0bbbbbbbbbbbbbbbb";

    private final InMemoryEc2 ec2 = new InMemoryEc2()
            .group(WEB, new DescribedRule("sgr-00000000000000001", WEB, false, ssh(), Map.of()))
            .group(APP, new DescribedRule("sgr-00000000000000002", APP, false, ssh(), Map.of()));
    private final InMemoryRunTable table = new InMemoryRunTable();
    private final SweepRunsTest.RecordingQueue queue = new SweepRunsTest.RecordingQueue();
    private final List<ObjectNode> rollUps = new ArrayList<>();
    private final List<RevocationResult> results = new ArrayList<>();
    private final List<String> metrics = new ArrayList<>();

    private static Permission ssh() {
        return new Permission(
                Protocol.TCP, new PortRange(22, 22), new RuleSource.Ipv4Range(Cidr.ipv4("0.0.0.0/0", "t")), null);
    }

    /** The own account's EC2; the member account's role cannot be assumed. */
    private final Ec2Gateways gateways = new Ec2Gateways() {
        @Override
        public Ec2Gateway forAccount(AccountRegion where) {
            if (where.equals(AccountRegion.OWN)) {
                return ec2;
            }
            throw new AccountUnreachable(
                    FailureCode.Ours.ASSUME_ROLE_FAILED,
                    "arn:aws:iam::" + MEMBER + ":role/sg-revoker-member could not be assumed: AccessDenied");
        }

        @Override
        public RuleInventory ownInventory() {
            return ec2;
        }
    };

    /** Keeps what a shard hands over, as the request queue would carry it (the sweep's policy and run bound). */
    private static final class KeptHandOver implements HandOver {
        final List<SweptRulesMessageBody> sent = new ArrayList<>();
        private final Policy policy;
        private final ShardOfRun run;

        KeptHandOver(Policy policy, ShardOfRun run) {
            this.policy = policy;
            this.run = run;
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public HandOver forSweep(Policy sweepPolicy, ShardOfRun shard) {
            KeptHandOver bound = new KeptHandOver(sweepPolicy, shard);
            bound.sent.addAll(sent);
            kept = bound;
            return bound;
        }

        @Override
        public List<Sent> send(List<Part> parts) {
            List<Sent> out = new ArrayList<>();
            for (Part p : parts) {
                sent.add(new SweptRulesMessageBody(JsonText.of(new dev.sgrevoker.intake.trigger.SweptRulesMessage(
                                p.groupId(), p.dryRun(), p.maxRevocations(), p.ruleIds(), policy, run, p.reserved())
                        .toJson(Controls.EC2_18_AUTHORIZED_TCP_PORTS, List.of()))));
                out.add(new Sent("the request queue as message h-" + sent.size(), null, null));
            }
            return out;
        }
    }

    record SweptRulesMessageBody(String json) {}

    private static KeptHandOver kept;

    private RevokeHandler handler(int runLimit) {
        return handler(runLimit, HandOver.NONE);
    }

    private RevokeHandler handler(int runLimit, HandOver handOver) {
        SweepRuns runs = new SweepRuns(
                table,
                queue,
                rollUps::add,
                new SweepRuns.Settings(runLimit, Duration.ofMinutes(60)),
                () -> Instant.parse("2026-12-07T12:00:00Z"));
        return RevokeHandler.builder()
                .environment(Map.of(
                        "ALLOWED_ACCOUNT_IDS", MEMBER,
                        "ORGANIZATION_SWEEPS", "enforce",
                        "SHARD_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/shards.fifo",
                        "RUN_TABLE_NAME", "runs",
                        "REQUEST_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/requests"))
                .gateways(gateways)
                .handOver(handOver)
                .publisher(results::add)
                .metrics(metrics::add)
                .runs(runs)
                .build();
    }

    /** The queued shards as the FIFO queue's event source hands them over: one batch, MessageGroupId set. */
    private String shardBatch() {
        ArrayNode records = MAPPER.createArrayNode();
        for (int i = 0; i < queue.shards.size(); i++) {
            ShardOfRun shard = queue.shards.get(i);
            String body = JsonText.of(new dev.sgrevoker.intake.trigger.ShardMessage(shard, queue.sweeps.get(i))
                    .toJson(Controls.EC2_18_AUTHORIZED_TCP_PORTS, List.of()));
            ObjectNode r = records.addObject();
            r.put("messageId", "m-" + i).put("receiptHandle", "h").put("body", body);
            r.putObject("attributes").put("SenderId", "AROAFUNCTION").put("MessageGroupId", shard.pair());
            r.put("eventSource", "aws:sqs")
                    .put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:shards.fifo")
                    .put("awsRegion", "us-east-1");
        }
        ObjectNode event = MAPPER.createObjectNode();
        event.set("Records", records);
        return event.toString();
    }

    private JsonNode dispatch(RevokeHandler handler, String extra) {
        return Lambda.invoke(
                        handler,
                        "{\"sweep\": {\"controls\": [\"EC2.13\"], \"accounts\": [\"123456789012\", \"" + MEMBER
                                + "\"], \"enforce\": true" + extra + "}}")
                .response();
    }

    @Test
    void aSweepOverTwoAccountsIsDispatchedAndEachShardEndsOnItsOwnThenOneRollUp() {
        RevokeHandler handler = handler(200);
        JsonNode dispatched = dispatch(handler, "");
        String runId = dispatched.get("runId").asText();
        assertEquals(2, dispatched.get("shards").size(), dispatched.toString());
        assertEquals(MEMBER, dispatched.get("shards").get(1).get("account").asText());
        assertEquals(List.of(), ec2.calls, "the dispatch reads and revokes nothing");
        assertEquals(2, queue.shards.size());

        JsonNode batch = Lambda.invoke(handler, shardBatch()).response();
        assertEquals("[]", batch.get("batchItemFailures").toString(), "an unreachable member is final, not retried");
        RevocationResult own = results.get(1);
        RevocationResult member = results.get(2);
        assertEquals(runId, own.run().runId());
        assertEquals("123456789012", own.run().shard().account());
        assertEquals(2, own.counts().get(dev.sgrevoker.model.Outcome.REVOKED));
        assertEquals(List.of(), ec2.groups.get(WEB), "the own account's shard revoked");
        assertEquals(
                FailureCode.Ours.ASSUME_ROLE_FAILED, member.permissions().get(0).code());
        assertEquals(MEMBER, member.run().shard().account());

        assertEquals(1, rollUps.size());
        JsonNode rollUp = rollUps.get(0);
        assertTrue(rollUp.get("complete").asBoolean());
        assertEquals(runId, rollUp.get("runId").asText());
        assertEquals(2, rollUp.get("totals").get("REVOKED").asInt());
        assertEquals(MEMBER, rollUp.get("failedShards").get(0).get("account").asText());
        assertTrue(rollUp.get("failedShards").get(0).get("failure").asText().startsWith("AssumeRoleFailed"));
    }

    @Test
    void pastTheRunsLimitAShardRevokesNoneAndTheStopIsCountedByReason() {
        RevokeHandler handler = handler(200);
        dispatch(handler, ", \"maxRevocationsPerRun\": 1");
        Lambda.invoke(handler, shardBatch());
        RevocationResult own = results.get(1);
        assertEquals(
                List.of(FailureCode.Ours.RUN_LIMIT_EXCEEDED, FailureCode.Ours.RUN_LIMIT_EXCEEDED),
                own.permissions().stream().map(p -> p.code()).toList());
        assertEquals(1, ec2.groups.get(WEB).size(), "nothing revoked");
        assertTrue(metrics.stream().anyMatch(l -> l.contains("\"Reason\":\"RunLimit\"")), metrics.toString());
        JsonNode response = Lambda.invoke(
                        handler, "{\"cancelRun\": \"" + own.run().runId() + "\"}")
                .response();
        assertTrue(response.get("runNote").asText().contains("cancelled"), response.toString());
    }

    @Test
    void aCancelledRunsShardsRevokeNothingAndAnUnknownRunIsRefused() {
        RevokeHandler handler = handler(200);
        String runId = dispatch(handler, "").get("runId").asText();
        Lambda.invoke(handler, "{\"cancelRun\": \"" + runId + "\"}");
        Lambda.invoke(handler, shardBatch());
        RevocationResult own = results.get(2);
        assertTrue(
                own.permissions().stream().allMatch(p -> p.code() == FailureCode.Ours.RUN_CANCELLED),
                own.permissions().toString());
        assertEquals(1, ec2.groups.get(WEB).size());
        InvalidRequestException unknown = assertThrows(
                InvalidRequestException.class, () -> Lambda.invoke(handler, "{\"cancelRun\": \"run-unknown\"}"));
        assertEquals("cancelRun", unknown.field());
    }

    @Test
    void aShardForARunThatDoesNotExistIsRefusedBeforeAnythingIsRead() {
        RevokeHandler handler = handler(200);
        queue.shards.add(new ShardOfRun("run-made-up", "123456789012", "us-east-1"));
        queue.sweeps.add(SweepDocument.parse(
                InputJson.read("{\"controls\": [\"EC2.13\"], \"enforce\": true}", FieldPath.root()),
                FieldPath.root(),
                Controls.EC2_18_AUTHORIZED_TCP_PORTS,
                List.of()));
        Lambda.invoke(handler, shardBatch());
        assertEquals("sweepShard.runId", results.get(0).rejected().field());
        assertEquals(List.of(), ec2.calls);
    }

    @Test
    void aShardOutOfTimeHandsItsGroupsOverAndTheRollUpWaitsForThem() {
        RevokeHandler handler = handler(200, new KeptHandOver(null, null));
        dispatch(handler, "");
        queue.shards.remove(1); // only the own account's shard here
        queue.sweeps.remove(1);
        String ownShardOnly = shardBatch();
        // The member's shard is not part of this test: finish it as failed first, through the handler.
        Lambda.invoke(handler, ownShardOnly, LocalContext.forTest().withRemainingMillis(5_300));
        RevocationResult shard = results.get(1);
        assertEquals(2, shard.sweep().handedOverGroups(), shard.toString());
        assertEquals(List.of(), rollUps, "two hand-overs still to come");
        assertEquals(2, kept.sent.size());
        assertTrue(kept.sent.get(0).json().contains("\"Run\""), kept.sent.get(0).json());
        ArrayNode records = MAPPER.createArrayNode();
        for (int i = 0; i < kept.sent.size(); i++) {
            ObjectNode r = records.addObject();
            r.put("messageId", "h-" + i)
                    .put("receiptHandle", "h")
                    .put("body", kept.sent.get(i).json());
            r.putObject("attributes").put("SenderId", "AROAFUNCTION");
            r.put("eventSource", "aws:sqs")
                    .put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:requests")
                    .put("awsRegion", "us-east-1");
        }
        Lambda.invoke(handler, MAPPER.createObjectNode().set("Records", records).toString());
        assertEquals(List.of(), ec2.groups.get(WEB), "the hand-over revoked, judged again where it was consumed");
        assertEquals(List.of(), rollUps, "the member's shard has not finished");
        assertEquals(2, table.read(shard.run().runId()).orElseThrow().run().reserved(), "each hand-over reserved once");
    }
}
