package dev.sgrevoker.intake.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sgrevoker.model.Provenance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;

/** Who asked, as the record's header names it, read from each trigger's own event. */
class EventOriginTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");

    private static JsonNode json(Map<String, Object> event) {
        return MAPPER.valueToTree(event);
    }

    @ParameterizedTest
    @Event(value = "events/cloudtrail-ip-permissions.json", type = Map.class)
    void aCloudTrailCallNamesItsCaller(Map<String, Object> event) {
        Provenance p = EventOrigin.of(json(event), NOW);
        assertEquals("arn:aws:iam::123456789012:user/bob", p.principal());
        assertEquals("7400a4bd-d520-3e73-7dd9-beffc1e29501", p.eventId());
        assertEquals("2022-11-16T02:34:24Z", p.eventTime());
        assertEquals("aws.ec2", p.source());
        assertEquals(NOW, p.receivedAt());
    }

    @ParameterizedTest
    @Event(value = "events/securityhub-ec2-13-ssh.json", type = Map.class)
    void aSecurityHubFindingNamesTheFindingAndItsProduct(Map<String, Object> event) {
        Provenance p = EventOrigin.of(json(event), NOW);
        assertEquals(
                List.of("arn:aws:securityhub:us-east-1:123456789012:security-control/EC2.13/finding/"
                        + "0c9e3465-1b2a-4c3d-9e8f-7ae591cbef2c"),
                p.findingIds());
        assertEquals("arn:aws:securityhub:us-east-1::product/aws/securityhub", p.product());
        assertEquals("aws.securityhub", p.source());
    }

    @ParameterizedTest
    @Event(value = "events/config-restricted-ssh.json", type = Map.class)
    void aConfigChangeNamesItsRule(Map<String, Object> event) {
        Provenance p = EventOrigin.of(json(event), NOW);
        assertEquals("securityhub-restricted-ssh-9412a869", p.configRule());
        assertEquals("81d83bb1-13dc-cb1e-b370-5c8151b020f7", p.eventId());
    }

    @ParameterizedTest
    @Event(value = "events/eventbridge-request.json", type = Map.class)
    void anEventBridgeRequestNamesItsSource(Map<String, Object> event) {
        assertEquals("sg-revoker.requests", EventOrigin.of(json(event), NOW).source());
    }

    @ParameterizedTest
    @Event(value = "events/sqs-batch.json", type = Map.class)
    void anSqsMessageNamesItsSenderAndWhatItsBodyNames(Map<String, Object> event) {
        Envelope.Batch batch = TriggerCasesTest.batch(json(event));
        TriggerConfig config = TriggerCasesTest.config(Map.of());
        Provenance direct = SqsBatch.message(batch, 0, config, NOW).from();
        assertEquals("AIDAEXAMPLESENDER0001", direct.senderId());
        assertEquals(null, direct.eventId(), "a direct request inside names no event");
        Provenance routed = SqsBatch.message(batch, 1, config, NOW).from();
        assertEquals("AIDAEXAMPLESENDER0001", routed.senderId());
        assertEquals("6f9e3b2a-0c1d-4e5f-8a9b-0c1d2e3f4a5b", routed.eventId());
        assertEquals("sg-revoker.requests", routed.source());
        Provenance malformed = SqsBatch.message(batch, 2, config, NOW).from();
        assertEquals("AIDAEXAMPLESENDER0001", malformed.senderId(), "a malformed body still has a sender");
    }
}
