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
import dev.sgrevoker.report.bucket.ReportBucket;
import dev.sgrevoker.report.bucket.RunReport;
import dev.sgrevoker.report.view.RulesCsv;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A run's own report, written with its roll-up: index.html and the run's rules.csv from its shards' reports. */
class RunReportTest {
    private static final Sweep SWEEP = new Sweep(
            Policy.of(
                    Controls.byId("EC2.13", List.of(), List.of()).orElseThrow().check()),
            Sweep.Scope.EVERYTHING,
            false,
            null);
    private static final String HEADER = String.join(",", RulesCsv.COLUMNS) + "\r\n";

    /** A bucket in memory: objects by key; puts refused while {@code refusePuts}. */
    static final class Bucket implements ReportBucket {
        final Map<String, String> objects = new LinkedHashMap<>();
        final List<String> reads = new ArrayList<>();
        boolean refusePuts;

        @Override
        public String name() {
            return "reports-bucket";
        }

        @Override
        public void put(String key, Path file, String contentType) {
            if (refusePuts) {
                throw new Refused("PutObject s3://reports-bucket/" + key + " refused: AccessDenied: no");
            }
            try {
                objects.put(key, Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Optional<InputStream> read(String key) {
            reads.add(key);
            return Optional.ofNullable(objects.get(key))
                    .map(text -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private final Bucket bucket = new Bucket();
    private final List<ObjectNode> rollUps = new ArrayList<>();
    private final SweepRuns runs = new SweepRuns(
            new InMemoryRunTable(),
            new SweepRunsTest.RecordingQueue(),
            rollUps::add,
            new SweepRuns.Settings(5, Duration.ofMinutes(60)),
            () -> Instant.parse("2026-12-07T12:00:00Z"),
            Optional.of(new RunReport(bucket)));

    private static RevocationResult result(List<PermissionOutcome> outcomes) {
        return RevocationResult.forSweep(
                new RevocationResult.Origin("inv", TriggerFamily.SQS_BATCH, "m", null),
                false,
                outcomes,
                new RevocationResult.SweepSummary(1, 1, outcomes.size(), 0, 0));
    }

    private static PermissionOutcome skipped(String group) {
        return PermissionOutcome.skipped(PermissionOutcome.Subject.skippedAtIntake(group), null, "why");
    }

    private static String rows(String account, String region, String... groups) {
        StringBuilder b = new StringBuilder(HEADER);
        for (String g : groups) {
            b.append(account).append(',').append(region).append(",vpc-1,").append(g);
            b.append(",web,sgr-").append(g).append(",ingress,tcp,22,22,0.0.0.0/0,,,EC2.13,DRY_RUN,,,,3\r\n");
        }
        return b.toString();
    }

    /** Three shards, two with a report in the bucket; the third unreachable, so it wrote none. */
    private SweepRuns.Dispatched runOfThree() {
        SweepRuns.Dispatched d = runs.dispatch(
                SWEEP,
                List.of(
                        new SweepRuns.Pair("111111111111", "us-east-1"),
                        new SweepRuns.Pair("222222222222", "us-east-1"),
                        new SweepRuns.Pair("333333333333", "eu-west-1")),
                null);
        String run = "reports/" + d.runId() + "/";
        bucket.objects.put(run + "111111111111/us-east-1/rules.csv", rows("111111111111", "us-east-1", "sg-a", "sg-b"));
        bucket.objects.put(run + "333333333333/eu-west-1/rules.csv", rows("333333333333", "eu-west-1", "sg-c"));
        return d;
    }

    private Optional<RunReport.Written> finishAll(SweepRuns.Dispatched d) {
        ShardOfRun first = d.shards().get(0);
        ShardOfRun second = d.shards().get(1);
        ShardOfRun third = d.shards().get(2);
        assertEquals(
                Optional.empty(),
                runs.finished(first, first.shardPart(), false, result(List.of(skipped("sg-a"), skipped("sg-b")))));
        runs.finished(
                second,
                second.shardPart(),
                false,
                result(List.of(PermissionOutcome.failed(
                        PermissionOutcome.Subject.wholeAccount(AccountRegion.OWN),
                        FailureCode.Ours.ASSUME_ROLE_FAILED,
                        "role <m> could not be assumed"))));
        return runs.finished(third, third.shardPart(), false, result(List.of(skipped("sg-c"))));
    }

    private static String rowOf(String html, String account) {
        int at = html.indexOf("<tr><td data-label=\"Account\" class=\"v\">" + account);
        return html.substring(at, html.indexOf("</tr>", at));
    }

    @Test
    void theRollUpWritesTheRunsIndexAndOneRulesCsvAndNamesThem() {
        SweepRuns.Dispatched d = runOfThree();
        String prefix = "reports/" + d.runId() + "/";

        RunReport.Written written = finishAll(d).orElseThrow();

        assertEquals(
                List.of(prefix + "rules.csv", prefix + "index.html"),
                written.location().keys());
        JsonNode report = rollUps.get(0).get("report");
        assertEquals("reports-bucket", report.get("bucket").asText());
        assertEquals(prefix, report.get("prefix").asText());
        assertEquals(prefix + "index.html", report.get("keys").get(1).asText());
        assertFalse(report.has("notWritten"));
        assertEquals(
                prefix + "222222222222/us-east-1/rules.csv",
                report.get("shardsWithoutReport").get(0).get("key").asText());
        assertTrue(
                rollUps.get(0)
                        .get("summary")
                        .asText()
                        .contains("The run's page: s3://reports-bucket/" + prefix + "index.html"),
                rollUps.get(0).get("summary").asText());

        String csv = bucket.objects.get(prefix + "rules.csv");
        assertTrue(csv.startsWith(HEADER), csv);
        assertEquals(csv.indexOf("account,region"), csv.lastIndexOf("account,region"), "one header");
        List<String> lines = csv.lines().skip(1).toList();
        assertEquals(3, lines.size(), csv);
        assertTrue(lines.get(0).startsWith("111111111111,us-east-1,vpc-1,sg-a,"));
        assertTrue(lines.get(1).startsWith("111111111111,us-east-1,vpc-1,sg-b,"));
        assertTrue(lines.get(2).startsWith("333333333333,eu-west-1,vpc-1,sg-c,"));

        String html = bucket.objects.get(prefix + "index.html");
        String first = rowOf(html, "111111111111");
        assertTrue(first.contains("<a href=\"111111111111/us-east-1/report.html\">report</a>"), first);
        assertTrue(first.contains("data-label=\"Skipped\">2</td>"), first);
        String lost = rowOf(html, "222222222222");
        assertFalse(lost.contains("<a "), lost);
        assertTrue(lost.contains("no report</span> AssumeRoleFailed: role &lt;m&gt; could not be assumed"), lost);
        assertTrue(lost.contains("data-label=\"Failed\">1</td>"), lost);
        assertTrue(rowOf(html, "333333333333").contains("<a href=\"333333333333/eu-west-1/report.html\">"));
        assertTrue(html.contains("1 shard without a report"), html);
    }

    @Test
    void aShardsRulesCsvOfOtherColumnsIsNamedNotAppended() {
        SweepRuns.Dispatched d = runOfThree();
        String prefix = "reports/" + d.runId() + "/";
        bucket.objects.put(prefix + "333333333333/eu-west-1/rules.csv", "account,region,old\r\n3,eu,x\r\n");

        finishAll(d);

        String csv = bucket.objects.get(prefix + "rules.csv");
        assertFalse(csv.contains("3,eu,x"), csv);
        JsonNode none = rollUps.get(0).get("report").get("shardsWithoutReport");
        assertEquals(2, none.size());
        assertTrue(none.get(1).get("reason").asText().contains("columns would not line up"));
        assertTrue(rowOf(bucket.objects.get(prefix + "index.html"), "333333333333")
                .contains("no report</span> no report: its header is not"));
    }

    @Test
    void aReportTheBucketRefusesNeverStopsTheRollUpAndIsNamed() {
        SweepRuns.Dispatched d = runOfThree();
        String prefix = "reports/" + d.runId() + "/";
        bucket.refusePuts = true;

        RunReport.Written written = finishAll(d).orElseThrow();

        assertEquals(1, rollUps.size(), "the roll-up went out");
        assertEquals(List.of(), written.location().keys());
        JsonNode report = rollUps.get(0).get("report");
        assertEquals(0, report.get("keys").size());
        assertEquals(
                prefix + "rules.csv", report.get("notWritten").get(0).get("key").asText());
        assertEquals(
                prefix + "index.html",
                report.get("notWritten").get(1).get("key").asText());
        assertTrue(report.get("notWritten").get(1).get("reason").asText().contains("AccessDenied"));
        assertTrue(
                rollUps.get(0).get("summary").asText().contains("index.html could not be written: PutObject"),
                rollUps.get(0).get("summary").asText());
    }

    @Test
    void theDeadlineWritesTheReportOfARunAsItStands() {
        Instant[] now = {Instant.parse("2026-12-07T12:00:00Z")};
        SweepRuns late = new SweepRuns(
                new InMemoryRunTable(),
                new SweepRunsTest.RecordingQueue(),
                rollUps::add,
                new SweepRuns.Settings(5, Duration.ofMinutes(10)),
                () -> now[0],
                Optional.of(new RunReport(bucket)));
        SweepRuns.Dispatched d = late.dispatch(SWEEP, List.of(new SweepRuns.Pair("111111111111", "us-east-1")), null);
        now[0] = now[0].plus(Duration.ofMinutes(11));

        SweepRuns.Deadline deadline = late.deadline(d.runId());

        String prefix = "reports/" + d.runId() + "/";
        assertEquals(
                List.of(prefix + "rules.csv", prefix + "index.html"),
                deadline.report().location().keys());
        assertEquals(HEADER, bucket.objects.get(prefix + "rules.csv"), "no shard finished: the header alone");
        assertTrue(rowOf(bucket.objects.get(prefix + "index.html"), "111111111111")
                .contains("no report</span> the shard never finished"));
    }
}
