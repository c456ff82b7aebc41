package dev.sgrevoker.intake.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.InputJson;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.PlanLine;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.policy.SweepOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plan sent back: only what picks lines is read; the rest (before-images, expiry) is the stored plan's. */
class ApplyDocumentTest {
    private static SweepOrder.ApplyPlan parse(String json) {
        TriggerResult t =
                ApplyDocument.normalise(InputJson.read(json, FieldPath.root()), FieldPath.root(), TriggerFamily.DIRECT);
        assertEquals(InputForm.PLAN, t.form());
        return (SweepOrder.ApplyPlan) t.sweep();
    }

    @Test
    void aReviewedPlanPicksLinesAndItsEditedImagesAndExpiryAreNotRead() {
        SweepOrder.ApplyPlan plan = parse("""
                {"apply": {"planId": "4c1f7c55-1f43/123456789012/us-east-1", "createdAt": "x",
                  "expiresAt": "2999-01-01T00:00:00Z", "approvedBy": "alice (CHG-42)",
                  "rules": [{"account": "123456789012", "region": "us-east-1", "groupId": "sg-0123456789abcdef0",
                             "ruleId": "sgr-0123456789abcdef0", "direction": "ingress",
                             "permission": {"IpProtocol": "tcp", "FromPort": 1, "ToPort": 65535}}]}}""");
        assertEquals("alice (CHG-42)", plan.approvedBy());
        assertEquals(
                List.of(new PlanLine(
                        "123456789012", "us-east-1", "sg-0123456789abcdef0", "sgr-0123456789abcdef0", false)),
                plan.lines());
    }

    @Test
    void byReferenceEveryStoredLine() {
        SweepOrder.ApplyPlan plan = parse("""
                {"apply": {"planId": "inv/123456789012/us-east-1",
                  "planUri": "s3://b/reports/inv/123456789012/us-east-1/plan.json"}}""");
        assertNull(plan.lines());
    }

    @Test
    void refusedNamingTheField() {
        assertEquals(
                "apply",
                assertThrows(
                                InvalidRequestException.class,
                                () -> parse("{\"apply\": {\"planId\": \"a/123456789012/x\"}}"))
                        .field());
        assertEquals(
                "apply.planId",
                assertThrows(
                                InvalidRequestException.class,
                                () -> parse("{\"apply\": {\"planId\": \"../x\", \"rules\": []}}"))
                        .field());
        assertEquals(
                "apply.rules[0].ruleId",
                assertThrows(InvalidRequestException.class, () -> parse("""
                                        {"apply": {"planId": "a/123456789012/us-east-1", "rules": [{"account": "123456789012",
                                          "region": "us-east-1", "groupId": "sg-0123456789abcdef0", "ruleId": "x"}]}}""")).field());
        assertEquals(
                "apply.extra",
                assertThrows(
                                InvalidRequestException.class,
                                () -> parse("{\"apply\": {\"planId\": \"a/123456789012/us-east-1\", \"extra\": 1}}"))
                        .field());
    }
}
