package dev.sgrevoker.intake.trigger;

import static dev.sgrevoker.intake.trigger.TriggerCasesTest.config;
import static dev.sgrevoker.intake.trigger.TriggerCasesTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.Finding;
import dev.sgrevoker.model.Requested;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No loop: imported findings only while NEW; a custom action whatever the workflow; the findings acted on named. */
class FindingWorkflowTest {
    private static final String ACTION = "arn:aws:securityhub:us-east-1:123456789012:action/custom/RevokeOpenIngress";
    private final TriggerConfig config = config(Map.of());
    private final TriggerConfig actions = config(Map.of("SECURITYHUB_ACTION_TARGETS", ACTION));

    private static ObjectNode finding(ObjectNode event) {
        return (ObjectNode) event.withArray("/detail/findings").get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOTIFIED", "RESOLVED", "SUPPRESSED"})
    void anImportedFindingPastNewIsNotActedOnSoOurOwnUpdateDoesNotLoop(String status) {
        ObjectNode event = (ObjectNode) fixture("securityhub-ec2-13-ssh.json");
        finding(event).putObject("Workflow").put("Status", status);

        TriggerResult r = Triggers.normalise(event, config);

        assertTrue(r.requests().isEmpty(), r.toString());
        assertTrue(r.findings().isEmpty(), "not acted on, so no note");
        assertTrue(r.skips().get(0).reason().contains("workflow status is " + status), r.toString());
        assertTrue(r.skips().get(0).reason().contains("only NEW imported findings"), r.toString());
    }

    @Test
    void anImportedFindingWithoutAWorkflowIsNotActedOn() {
        ObjectNode event = (ObjectNode) fixture("securityhub-ec2-13-ssh.json");
        finding(event).remove("Workflow");
        finding(event).remove("WorkflowState");

        TriggerResult r = Triggers.normalise(event, config);

        assertTrue(r.requests().isEmpty(), r.toString());
        assertTrue(r.skips().get(0).reason().contains("no Workflow.Status"), r.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NEW", "NOTIFIED", "RESOLVED", "SUPPRESSED"})
    void aCustomActionIsActedOnWhateverTheWorkflowSinceAPersonAsked(String status) {
        ObjectNode event = (ObjectNode) fixture("securityhub-custom-action.json");
        finding(event).putObject("Workflow").put("Status", status);

        TriggerResult r = Triggers.normalise(event, actions);

        assertEquals(1, r.requests().size(), r.toString());
        assertEquals(1, r.findings().size());
    }

    @Test
    void eachFindingActedOnIsNamedWithItsProductItsFirstObservationAndItsRequestsReasons() {
        ObjectNode event = (ObjectNode) fixture("securityhub-ec2-13-ssh.json");
        finding(event).put("FirstObservedAt", "2025-06-01T10:00:00.000Z");

        TriggerResult r = Triggers.normalise(event, config);

        Finding f = r.findings().get(0);
        assertEquals(finding(event).get("Id").asText(), f.id());
        assertEquals("arn:aws:securityhub:us-east-1::product/aws/securityhub", f.productArn());
        assertEquals(Instant.parse("2025-06-01T10:00:00Z"), f.firstObservedAt());
        assertEquals(
                ((Requested.BySelection) r.requests().get(0).items().get(0)).why(),
                f.reasons().get(0));
    }

    @Test
    void anUnreadableFirstObservationGivesNoExposureRatherThanAMadeUpOne() {
        ObjectNode event = (ObjectNode) fixture("securityhub-ec2-13-ssh.json");
        finding(event).put("FirstObservedAt", "yesterday");

        assertNull(Triggers.normalise(event, config).findings().get(0).firstObservedAt());
    }

    @Test
    void aCloudTrailRevertKnowsWhenTheCallAddedTheRule() {
        ObjectNode event = (ObjectNode) fixture("cloudtrail-ip-permissions.json");
        ((ObjectNode) event.get("detail")).put("eventTime", "2022-11-16T02:34:24Z");
        TriggerResult r = Triggers.normalise(event, config);
        assertEquals(1, r.requests().size(), r.toString());
        assertEquals(Instant.parse("2022-11-16T02:34:24Z"), r.ruleAddedAt());

        ((ObjectNode) event.get("detail")).put("eventTime", 7);
        assertNull(Triggers.normalise(event, config).ruleAddedAt(), "read leniently: no figure, not a refusal");
    }
}
