package dev.sgrevoker.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.TriggerFamily;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The documented strings (docs/result.md, docs/revocation.md) come from one place and stay as documented. */
class WireStringsTest {

    @Test
    void ourCodesAreTheDocumentedOnes() {
        assertEquals("TimeBudgetExhausted", WireStrings.errorCode(FailureCode.Ours.TIME_BUDGET_EXHAUSTED));
        assertEquals("BlastRadiusExceeded", WireStrings.errorCode(FailureCode.Ours.BLAST_RADIUS_EXCEEDED));
        assertEquals("MemberAccountNotEnabled", WireStrings.errorCode(FailureCode.Ours.MEMBER_ACCOUNT_NOT_ENABLED));
        assertEquals("DryRunOperation", WireStrings.errorCode(FailureCode.Ours.DRY_RUN_OPERATION));
        assertEquals("InvalidGroup.NotFound", WireStrings.errorCode(FailureCode.Ours.NO_SUCH_GROUP));
        Set<String> distinct = new HashSet<>();
        Arrays.stream(FailureCode.Ours.values()).forEach(c -> distinct.add(WireStrings.errorCode(c)));
        assertEquals(FailureCode.Ours.values().length, distinct.size(), "no two codes read the same");
    }

    @Test
    void anAwsServicesCodeIsWrittenAsItGaveItAndABareStatusAsHttpStatus() {
        assertEquals("UnauthorizedOperation", WireStrings.errorCode(FailureCode.Aws.ec2("UnauthorizedOperation", 403)));
        assertEquals("HTTP503", WireStrings.errorCode(FailureCode.Aws.ec2(null, 503)));
    }

    @Test
    void triggersAndFormsKeepTheirNames() {
        assertEquals("securityhub-findings", WireStrings.trigger(TriggerFamily.SECURITY_HUB_FINDINGS));
        assertEquals("sqs-batch", WireStrings.trigger(TriggerFamily.SQS_BATCH));
        assertEquals("securityhub-finding", WireStrings.inputForm(InputForm.SECURITY_HUB_FINDING));
        assertEquals("cli-input-json", WireStrings.inputForm(InputForm.CLI_INPUT_JSON));
    }
}
