package dev.sgrevoker.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.model.TriggerFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The EMF line CloudWatch turns into metrics: the directive names every value the line carries. */
class MetricsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void oneLinePerResultWithCountsPerOutcomeByTriggerAndInTotal() throws Exception {
        List<String> lines = new ArrayList<>();
        var stopped = PermissionOutcome.skipped(
                PermissionOutcome.Subject.inGroup(AccountRegion.OWN, "sg-0123456789abcdef0", null),
                FailureCode.Ours.BLAST_RADIUS_EXCEEDED,
                "the limit of 20 revocations per invocation was reached");
        var failed = PermissionOutcome.failed(
                PermissionOutcome.Subject.inGroup(AccountRegion.OWN, "sg-0123456789abcdef0", null),
                FailureCode.Aws.ec2("UnauthorizedOperation", 403),
                "denied");
        var result = RevocationResult.forRequests(
                RevocationResult.Origin.of("id", TriggerFamily.SECURITY_HUB_FINDINGS, null),
                InputForm.SECURITY_HUB_FINDING,
                false,
                List.of(stopped, failed));

        new Metrics(lines::add).result(result, Metrics.Delivery.FALLBACK, 3);

        assertEquals(2, lines.size(), "the result's line, and the stop by its reason");
        JsonNode byReason = MAPPER.readTree(lines.get(1));
        assertEquals(
                "[[\"Reason\"]]",
                byReason.at("/_aws/CloudWatchMetrics/0/Dimensions").toString());
        assertEquals("MaxRevocations", byReason.get("Reason").asText());
        assertEquals(1, byReason.get("BlastRadiusStops").asInt());
        JsonNode line = MAPPER.readTree(lines.get(0));
        JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
        assertEquals("sg-revoker", directive.get("Namespace").asText());
        assertEquals("[[\"Trigger\"],[]]", directive.get("Dimensions").toString());
        List<String> names = new ArrayList<>();
        directive.get("Metrics").forEach(m -> {
            names.add(m.get("Name").asText());
            assertEquals("Count", m.get("Unit").asText());
            assertEquals(true, line.get(m.get("Name").asText()).isInt(), "a value for " + m);
        });
        assertEquals(
                List.of(
                        "Revoked",
                        "NotFound",
                        "Failed",
                        "DryRun",
                        "Skipped",
                        "Exempt",
                        "BlastRadiusStops",
                        "ResultFallbacks",
                        "ResultsUndelivered",
                        "Ec2ThrottlingRetries",
                        "FindingUpdatesFailed",
                        "ReportsFailed"),
                names);
        assertEquals("securityhub-findings", line.get("Trigger").asText());
        assertEquals(1, line.get("Failed").asInt());
        assertEquals(1, line.get("Skipped").asInt());
        assertEquals(1, line.get("BlastRadiusStops").asInt());
        assertEquals(1, line.get("ResultFallbacks").asInt());
        assertEquals(0, line.get("ResultsUndelivered").asInt());
        assertEquals(3, line.get("Ec2ThrottlingRetries").asInt());
        assertEquals(0, line.get("ReportsFailed").asInt(), "no report bucket, nothing refused");
        assertEquals(false, line.has("ExposureSeconds"), "no revoked rule, no exposure");
        assertEquals(true, line.at("/_aws/Timestamp").isLong(), line.toString());
    }

    @Test
    void eachRevokedRulesExposureIsOneValueInSecondsAtMostAHundredALine() throws Exception {
        List<PermissionOutcome> revoked = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            var rule = new DescribedRule(
                    "sgr-" + i,
                    "sg-0123456789abcdef0",
                    false,
                    new Permission(Protocol.TCP, new PortRange(i, i), new RuleSource.Ipv4Range("0.0.0.0/0"), null),
                    Map.of());
            var subject = PermissionOutcome.Subject.inGroup(AccountRegion.OWN, "sg-0123456789abcdef0", null)
                    .asking(rule.permission(), rule.ruleId());
            revoked.add(PermissionOutcome.revoked(subject, List.of(rule), null).exposedFor(i));
        }
        var result = RevocationResult.forRequests(
                RevocationResult.Origin.of("id", TriggerFamily.CLOUDTRAIL_AUTHORIZE_INGRESS, null),
                InputForm.CLOUDTRAIL_AUTHORIZE_INGRESS,
                false,
                revoked);
        List<String> lines = new ArrayList<>();

        new Metrics(lines::add).result(result, Metrics.Delivery.EVENT, 0);

        assertEquals(2, lines.size());
        List<Long> values = new ArrayList<>();
        for (String text : lines) {
            JsonNode line = MAPPER.readTree(text);
            assertEquals("cloudtrail-authorize-ingress", line.get("Trigger").asText());
            JsonNode exposure = null;
            for (JsonNode m : line.at("/_aws/CloudWatchMetrics/0/Metrics")) {
                if (m.get("Name").asText().equals("ExposureSeconds")) {
                    exposure = m;
                }
            }
            assertEquals("Seconds", exposure.get("Unit").asText());
            assertTrue(line.get("ExposureSeconds").size() <= 100);
            line.get("ExposureSeconds").forEach(v -> values.add(v.asLong()));
        }
        assertEquals(150, values.size());
        assertEquals(149L, values.get(149));
        assertEquals(150, MAPPER.readTree(lines.get(0)).get("Revoked").asInt(), "counts once, in the first line");
        assertEquals(false, MAPPER.readTree(lines.get(1)).has("Revoked"));
    }
}
