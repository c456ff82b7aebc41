package dev.sgrevoker.report.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.report.JsonText;
import dev.sgrevoker.report.ResultDocument;
import dev.sgrevoker.report.bucket.ReportBucket;
import dev.sgrevoker.report.bucket.ReportWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-07T12:00:00.123Z"), ZoneOffset.UTC);

    /** A bucket in memory: what was put, by key; keys in {@code refuse} are refused as S3 would. */
    static final class Bucket implements ReportBucket {
        final Map<String, String> objects = new LinkedHashMap<>();
        final Map<String, String> types = new LinkedHashMap<>();
        Set<String> refuse = Set.of();

        @Override
        public String name() {
            return "reports-bucket";
        }

        @Override
        public void put(String key, Path file, String contentType) {
            if (refuse.stream().anyMatch(key::endsWith)) {
                throw new Refused("PutObject s3://reports-bucket/" + key + " refused: AccessDenied: no");
            }
            try {
                objects.put(key, Files.readString(file, StandardCharsets.UTF_8));
                types.put(key, contentType);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Optional<InputStream> read(String key) {
            return Optional.empty();
        }
    }

    private static ReportWriter writer(Bucket bucket, int minEntries) {
        return new ReportWriter(bucket, new ReportWriter.Settings(minEntries, 7, "eu-west-1", "sg-revoker-fn", NOW));
    }

    @Test
    void aReportOnlySweepWritesItsPlanAndItsReportUnderItsRunAccountAndRegion() throws Exception {
        Bucket bucket = new Bucket();
        RevocationResult written = writer(bucket, 100).write(Results.sweep(), "999999999999");

        String prefix = "reports/inv-1/111122223333/eu-west-1/";
        List<String> keys = List.of("plan.json", "rules.csv", "report.html", "result.json").stream()
                .map(n -> prefix + n)
                .toList();
        assertEquals(keys, List.copyOf(bucket.objects.keySet()));
        assertEquals(keys, written.report().keys());
        assertEquals("inv-1/111122223333/eu-west-1", written.report().planId());
        assertEquals("text/csv; charset=utf-8", bucket.types.get(prefix + "rules.csv"));

        JsonNode plan =
                MAPPER.readTree(bucket.objects.get(prefix + "plan.json")).get("apply");
        assertEquals("2026-12-07T12:00:00Z", plan.get("createdAt").asText());
        assertEquals("2026-12-14T12:00:00Z", plan.get("expiresAt").asText());
        assertEquals(5, plan.get("rules").size(), "each DRY_RUN rule, the twin match's two included");
        JsonNode first = plan.get("rules").get(0);
        assertEquals("sgr-0000000000000000a", first.get("ruleId").asText());
        assertEquals("ingress", first.get("direction").asText());
        assertEquals("eu-west-1", first.get("region").asText());
        assertEquals("111122223333", first.get("account").asText());
        assertEquals(
                "ssh & rdp; #1 {x}",
                first.at("/permission/IpRanges/0/Description").asText());

        // result.json is the response, whole, naming where it went; streamed, yet the same text.
        RevocationResult named = Results.sweep().withReport(written.report());
        assertEquals(JsonText.of(ResultDocument.response(named)), bucket.objects.get(prefix + "result.json"));
        String csv = bucket.objects.get(prefix + "rules.csv");
        assertTrue(csv.startsWith("account,region,"), csv);
        assertTrue(csv.contains("111122223333,eu-west-1,"), csv);
        String page = bucket.objects.get(prefix + "report.html");
        assertTrue(page.contains("aws s3 cp s3://reports-bucket/" + prefix + "plan.json plan.json"), "apply command");
        assertTrue(page.contains("--function-name sg-revoker-fn"));
        String summary = dev.sgrevoker.report.Summary.of(written).text();
        assertTrue(summary.contains("\nReport: s3://reports-bucket/" + prefix + "report.html"), summary);
        assertTrue(summary.contains("s3://reports-bucket/" + prefix + "plan.json"), summary);
    }

    @Test
    void aRefusedObjectIsNamedAndTheOthersAreStillWritten() {
        Bucket bucket = new Bucket();
        bucket.refuse = Set.of("plan.json", "report.html");
        RevocationResult written = writer(bucket, 100).write(Results.sweep(), "111122223333");

        assertEquals(2, written.report().notWritten().size());
        assertTrue(written.report().notWritten().get(0).reason().contains("AccessDenied"));
        assertEquals(2, written.report().keys().size(), "rules.csv and result.json");
        assertNull(written.report().planId(), "no plan was stored, so there is none to apply");
        JsonNode header = ResultDocument.header(written);
        assertEquals(
                "reports/inv-1/111122223333/eu-west-1/plan.json",
                header.at("/report/notWritten/0/key").asText());
        assertFalse(header.has("planId"));
        assertEquals(written.permissions(), Results.sweep().permissions(), "the outcomes are untouched");
    }

    @Test
    void aSmallResultGetsNoReportAndOnlyADryRunGetsAPlan() {
        Bucket bucket = new Bucket();
        RevocationResult sweep = Results.sweep();
        RevocationResult small = RevocationResult.forRequests(
                sweep.origin(), dev.sgrevoker.model.InputForm.CLI_INPUT_JSON, false, sweep.permissions());
        assertSame(small, writer(bucket, 100).write(small, "111122223333"));
        assertTrue(bucket.objects.isEmpty());

        RevocationResult dryRun = RevocationResult.forRequests(
                sweep.origin(), dev.sgrevoker.model.InputForm.CLI_INPUT_JSON, true, sweep.permissions());
        RevocationResult planned = writer(bucket, 100).write(dryRun, "111122223333");
        assertEquals(
                List.of("reports/inv-1/111122223333/eu-west-1/plan.json"),
                planned.report().keys());

        RevocationResult big = writer(new Bucket(), 5).write(small, "111122223333");
        assertEquals(3, big.report().keys().size(), "more entries than REPORT_MIN_ENTRIES: the report, no plan");
    }

    @Test
    void aShardOfASweepRunIsFiledUnderTheRunAndItsAccountAndRegion() {
        Bucket bucket = new Bucket();
        RevocationResult shard = Results.sweep()
                .withRun(dev.sgrevoker.model.RunNote.ofShard(
                        new dev.sgrevoker.model.ShardOfRun("run-7f3a", "222233334444", "eu-west-1")));
        RevocationResult written = writer(bucket, 100).write(shard, "111122223333");
        assertEquals(
                "reports/run-7f3a/222233334444/eu-west-1/", written.report().prefix());
        assertEquals("run-7f3a/222233334444/eu-west-1", written.report().planId());
    }
}
