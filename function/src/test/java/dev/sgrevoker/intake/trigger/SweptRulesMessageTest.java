package dev.sgrevoker.intake.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.InputJson;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.ShardOfRun;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.policy.Controls;
import dev.sgrevoker.policy.Policy;
import dev.sgrevoker.policy.SweepOrder;
import dev.sgrevoker.report.JsonText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-over message read back is what was written: the request queue's writer and the SQS path share it. */
class SweptRulesMessageTest {
    private static final List<PortRange> TCP = Controls.EC2_18_AUTHORIZED_TCP_PORTS;
    private static final Policy POLICY = SweepDocument.parse(
                    InputJson.read("""
                            {"controls": ["EC2.13", "EC2.18"],
                             "allowedSources": {"cidrs": ["10.0.0.0/8"], "accounts": ["111122223333"]}}""", FieldPath.root()), FieldPath.root(), TCP, List.of())
            .policy();
    private static final SweptRulesMessage MESSAGE = new SweptRulesMessage(
            "sg-0123456789abcdef0",
            true,
            7,
            List.of("sgr-0123456789abcdef0", "sgr-0fedcba9876543210"),
            POLICY,
            new ShardOfRun("run-2026-12-07T12-00-00Z-0a1b2c3d", "123456789012", "us-east-1"),
            true);

    /** As it travels: written as text, as the request queue carries it, then read as any SQS body is. */
    private static JsonNode sent(SweptRulesMessage message) {
        return InputJson.read(JsonText.of(message.toJson(TCP, List.of())), FieldPath.named("body"));
    }

    @Test
    void whatIsWrittenIsReadBackPolicyAndRunIncluded() {
        JsonNode body = sent(MESSAGE);
        assertEquals(
                MESSAGE,
                SweptRulesMessage.read(body.get(SweptRulesMessage.KEY), FieldPath.named("sweptRules"), TCP, List.of()));
        SweptRulesMessage alone = new SweptRulesMessage(
                "sg-0123456789abcdef0", false, 7, List.of("sgr-0123456789abcdef0"), POLICY, null, false);
        assertEquals(alone, SweptRulesMessage.read(sent(alone).get("sweptRules"), FieldPath.root(), TCP, List.of()));
    }

    @Test
    void theSqsPathTakesItAsARequestByRuleIdWithoutAReasonUnderTheSweepsLimitAndPolicy() {
        TriggerResult r = Triggers.normalise(sent(MESSAGE), TriggerCasesTest.config(Map.of()));
        assertEquals(TriggerFamily.DIRECT, r.family());
        assertEquals(InputForm.SWEEP, r.form());
        assertEquals(new SweepOrder.Continuation(7, POLICY, MESSAGE.run(), true), r.sweep());
        assertEquals(true, r.requests().get(0).dryRun());
        assertEquals(AccountRegion.OWN, r.requests().get(0).where());
        assertEquals(
                List.of(
                        new Requested.ByRuleId("sgr-0123456789abcdef0"),
                        new Requested.ByRuleId("sgr-0fedcba9876543210")),
                r.requests().get(0).items());
    }

    @Test
    void aRunInAnAccountTheFunctionMayNotActForIsRefusedNamingTheField() {
        SweptRulesMessage elsewhere = new SweptRulesMessage(
                "sg-0123456789abcdef0",
                false,
                7,
                List.of("sgr-0123456789abcdef0"),
                POLICY,
                new ShardOfRun("run-1", "999999999999", "us-east-1"),
                false);
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> Triggers.normalise(sent(elsewhere), TriggerCasesTest.config(Map.of())));
        assertEquals("sweptRules.Run.account", e.field());
    }

    @Test
    void aLimitBelowOneIsNotRead() {
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> SweptRulesMessage.read(
                        ((ObjectNode) MESSAGE.toJson(TCP, List.of()).get("sweptRules")).put("MaxRevocations", 0),
                        FieldPath.root(),
                        TCP,
                        List.of()));
        assertEquals("MaxRevocations", e.field());
    }
}
