package dev.sgrevoker.revoke;

import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.PermissionOutcome;
import java.util.Set;

/**
 * Which failures are worth another try later (an SQS message left for retry) and which are final. Throttling, EC2's
 * 5xx answers, network errors and running out of time pass; a missing group, a refused permission or a malformed
 * request will not change by retrying.
 */
public final class TransientFailure {
    private static final Set<String> CODES = Set.of(
            "RequestLimitExceeded",
            "Throttling",
            "ThrottlingException",
            "InternalError",
            "InternalFailure",
            "ServiceUnavailable",
            "Unavailable",
            "ClientError",
            Revoker.OUT_OF_TIME);

    private TransientFailure() {}

    public static boolean is(PermissionOutcome p) {
        return p.outcome() == Outcome.FAILED
                && p.errorCode() != null
                && (CODES.contains(p.errorCode()) || p.errorCode().startsWith("HTTP5"));
    }
}
