package dev.sgrevoker.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.handler.RevokeHandler;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.Cidr;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.model.ShardOfRun;
import dev.sgrevoker.policy.Controls;
import dev.sgrevoker.report.JsonText;
import dev.sgrevoker.report.bucket.RunReport;
import dev.sgrevoker.revoke.AccountUnreachable;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.revoke.Ec2Gateways;
import dev.sgrevoker.revoke.InMemoryEc2;
import dev.sgrevoker.revoke.RuleInventory;
import dev.sgrevoker.testing.Lambda;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Through the handler: the last shard's invocation writes the run's report; what the bucket refuses is counted. */
class RunReportFlowTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MEMBER = "222222222222";
    private static final String WEB = "sg-0aaaaaaaaaaaaaaaa";

    private final InMemoryEc2 ec2 = new InMemoryEc2()
            .group(
                    WEB,
                    new DescribedRule(
                            "sgr-00000000000000001",
                            WEB,
                            false,
                            new Permission(
                                    Protocol.TCP,
                                    new PortRange(22, 22),
                                    new RuleSource.Ipv4Range(Cidr.ipv4("0.0.0.0/0", "t")),
                                    null),
                            Map.of()));
    private final SweepRunsTest.RecordingQueue queue = new SweepRunsTest.RecordingQueue();
    private final List<ObjectNode> rollUps = new ArrayList<>();
    private final List<String> metrics = new ArrayList<>();
    private final RunReportTest.Bucket bucket = new RunReportTest.Bucket();

    /** The own account's EC2; the member's role cannot be assumed. */
    private final Ec2Gateways gateways = new Ec2Gateways() {
        @Override
        public Ec2Gateway forAccount(AccountRegion where) {
            if (where.equals(AccountRegion.OWN)) {
                return ec2;
            }
            throw new AccountUnreachable(FailureCode.Ours.ASSUME_ROLE_FAILED, "AccessDenied");
        }

        @Override
        public RuleInventory ownInventory() {
            return ec2;
        }
    };

    private RevokeHandler handler() {
        SweepRuns runs = new SweepRuns(
                new InMemoryRunTable(),
                queue,
                rollUps::add,
                new SweepRuns.Settings(200, Duration.ofMinutes(60)),
                () -> Instant.parse("2026-12-07T12:00:00Z"),
                Optional.of(new RunReport(bucket)));
        return RevokeHandler.builder()
                .environment(Map.of(
                        "ALLOWED_ACCOUNT_IDS", MEMBER,
                        "SHARD_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/shards.fifo",
                        "RUN_TABLE_NAME", "runs",
                        "REQUEST_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/requests"))
                .gateways(gateways)
                .publisher(r -> {})
                .metrics(metrics::add)
                .reportBucket(bucket)
                .runs(runs)
                .build();
    }

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
        return MAPPER.createObjectNode().set("Records", records).toString();
    }

    private String run(RevokeHandler handler) {
        String runId = Lambda.invoke(
                        handler,
                        "{\"sweep\": {\"controls\": [\"EC2.13\"], \"accounts\": [\"123456789012\", \"" + MEMBER
                                + "\"]}}")
                .response()
                .get("runId")
                .asText();
        Lambda.invoke(handler, shardBatch());
        return runId;
    }

    @Test
    void theLastShardWritesTheRunsReportFromTheShardsOwnAFailedOneIncluded() {
        String runId = run(handler());

        String prefix = "reports/" + runId + "/";
        assertTrue(
                bucket.objects.containsKey(prefix + "123456789012/us-east-1/rules.csv"),
                bucket.objects.keySet().toString());
        JsonNode report = rollUps.get(0).get("report");
        assertEquals(2, report.get("keys").size(), report.toString());
        List<String> csv = bucket.objects.get(prefix + "rules.csv").lines().toList();
        assertEquals(3, csv.size(), "the header and each shard's row: " + csv);
        assertTrue(csv.get(1).startsWith("123456789012,us-east-1,"), csv.toString());
        assertTrue(csv.get(2).startsWith(MEMBER + ",us-east-1,") && csv.get(2).contains("FAILED,AssumeRoleFailed"));
        String index = bucket.objects.get(prefix + "index.html");
        assertTrue(index.contains("<a href=\"123456789012/us-east-1/report.html\">report</a></td>"), index);
        assertTrue(
                index.contains("<a href=\"" + MEMBER + "/us-east-1/report.html\">report</a> AssumeRoleFailed: "),
                "an unreachable shard's page is linked, its failure beside it: " + index);
    }

    @Test
    void whatTheBucketRefusesOfTheRunsReportIsCountedAndTheRollUpStillGoesOut() {
        bucket.refusePuts = true;
        run(handler());

        assertEquals(1, rollUps.size());
        assertEquals(2, rollUps.get(0).get("report").get("notWritten").size());
        assertTrue(
                metrics.stream().anyMatch(l -> l.contains("\"ReportsFailed\":2") && !l.contains("\"Revoked\"")),
                "a line of its own for the run's two objects: " + metrics);
    }
}
