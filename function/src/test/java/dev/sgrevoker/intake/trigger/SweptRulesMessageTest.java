package dev.sgrevoker.intake.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.InputJson;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.policy.SweepOrder;
import dev.sgrevoker.report.JsonText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-over message read back is what was written: the request queue's writer and the SQS path share it. */
class SweptRulesMessageTest {
    private static final SweptRulesMessage MESSAGE = new SweptRulesMessage(
            "sg-0123456789abcdef0",
            true,
            7,
            List.of(
                    new Requested.ByRuleId("sgr-0123456789abcdef0", "EC2.13: port 22 (SSH) open to the world"),
                    new Requested.ByRuleId("sgr-0fedcba9876543210", "allowedSources: \"quoted\", ünïcode & more")));

    /** As it travels: written as text, as the request queue carries it, then read as any SQS body is. */
    private static JsonNode sent(SweptRulesMessage message) {
        return InputJson.read(JsonText.of(message.toJson()), FieldPath.named("body"));
    }

    @Test
    void whatIsWrittenIsReadBack() {
        JsonNode body = sent(MESSAGE);
        assertEquals(MESSAGE, SweptRulesMessage.read(body.get(SweptRulesMessage.KEY), FieldPath.named("sweptRules")));
        assertEquals(
                MESSAGE.withDryRun(false),
                SweptRulesMessage.read(sent(MESSAGE.withDryRun(false)).get("sweptRules"), FieldPath.root()));
    }

    @Test
    void theSqsPathTakesItAsARequestByRuleIdUnderTheSweepsLimit() {
        TriggerResult r = Triggers.normalise(sent(MESSAGE), TriggerCasesTest.config(Map.of()));
        assertEquals(TriggerFamily.DIRECT, r.family());
        assertEquals(InputForm.SWEEP, r.form());
        assertEquals(new SweepOrder.Continuation(7), r.sweep());
        assertEquals(true, r.requests().get(0).dryRun());
        assertEquals(
                List.<Requested>copyOf(MESSAGE.rules()), r.requests().get(0).items());
    }

    @Test
    void aRuleWithoutAReasonCannotBeWrittenNorALimitBelowOneRead() {
        assertThrows(
                NullPointerException.class,
                () -> new SweptRulesMessage(
                        "sg-0123456789abcdef0", false, 1, List.of(new Requested.ByRuleId("sgr-0123456789abcdef0"))));
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> SweptRulesMessage.read(
                        ((ObjectNode) MESSAGE.toJson().get("sweptRules")).put("MaxRevocations", 0), FieldPath.root()));
        assertEquals("MaxRevocations", e.field());
    }
}
