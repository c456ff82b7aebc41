package dev.sgrevoker.revoke;

import dev.sgrevoker.model.FailureCode;

/**
 * No EC2 for the account a request names: member access is not configured, or its role could not be assumed (STS's
 * refusal, throttling or 5xx). Nothing was sent to that account's EC2.
 */
public final class AccountUnreachable extends RuntimeException {
    private final FailureCode code;

    public AccountUnreachable(FailureCode code, String message) {
        super(message);
        this.code = code;
    }

    public FailureCode code() {
        return code;
    }
}
