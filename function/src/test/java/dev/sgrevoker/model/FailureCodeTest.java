package dev.sgrevoker.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Whether a failure is worth another try is decided by the code's type and status, never by its spelling. */
class FailureCodeTest {

    @Test
    void throttlingAndTheServicesTryAgainAnswersAreTransientWhateverTheirStatus() {
        assertTrue(FailureCode.Aws.ec2("RequestLimitExceeded", 503).transientFailure());
        assertTrue(FailureCode.Aws.ec2("Throttling", 400).transientFailure());
        assertTrue(new FailureCode.Aws("STS", "ThrottlingException", 400).transientFailure());
        assertTrue(FailureCode.Aws.ec2("Unavailable", 400).transientFailure());
    }

    @Test
    void anyServerErrorIsTransientAndAClientErrorIsFinal() {
        assertTrue(FailureCode.Aws.ec2(null, 503).transientFailure(), "a bare 5xx");
        assertTrue(FailureCode.Aws.ec2("SomethingNew", 500).transientFailure(), "a 5xx with a code we do not know");
        assertFalse(FailureCode.Aws.ec2("UnauthorizedOperation", 403).transientFailure());
        assertFalse(FailureCode.Aws.ec2("InvalidGroup.NotFound", 400).transientFailure());
        assertFalse(FailureCode.Aws.ec2(null, 404).transientFailure());
    }

    @Test
    void ofOurOwnOnlyRunningOutOfTimeAndAnUnfinishedCallAreTransient() {
        for (FailureCode.Ours code : FailureCode.Ours.values()) {
            boolean expected = code == FailureCode.Ours.TIME_BUDGET_EXHAUSTED || code == FailureCode.Ours.CLIENT_ERROR;
            assertTrue(code.transientFailure() == expected, code.name());
        }
    }

    @Test
    void aBlankCodeIsNoCode() {
        assertTrue(FailureCode.Aws.ec2(" ", 503).code() == null);
    }
}
