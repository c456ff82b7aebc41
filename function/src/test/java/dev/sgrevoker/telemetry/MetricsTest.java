package dev.sgrevoker.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.TriggerFamily;
import java.util.ArrayList;
import java.util.List;
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

        new Metrics(lines::add).result(result, Metrics.Delivery.FALLBACK);

        assertEquals(1, lines.size());
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
                        "ResultsUndelivered"),
                names);
        assertEquals("securityhub-findings", line.get("Trigger").asText());
        assertEquals(1, line.get("Failed").asInt());
        assertEquals(1, line.get("Skipped").asInt());
        assertEquals(1, line.get("BlastRadiusStops").asInt());
        assertEquals(1, line.get("ResultFallbacks").asInt());
        assertEquals(0, line.get("ResultsUndelivered").asInt());
        assertEquals(true, line.at("/_aws/Timestamp").isLong(), line.toString());
    }
}
