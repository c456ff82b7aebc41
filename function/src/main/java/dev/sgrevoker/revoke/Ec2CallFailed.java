package dev.sgrevoker.revoke;

import dev.sgrevoker.model.FailureCode;

/** EC2 refused or could not be reached: EC2's own code where it gave one, else ours (e.g. ClientError). */
public final class Ec2CallFailed extends RuntimeException {
    private final FailureCode code;
    private final boolean answerLost;

    public Ec2CallFailed(FailureCode code, String message) {
        this(code, message, false);
    }

    /** {@code answerLost}: the SDK retried the call, so an earlier attempt may have taken effect unseen. */
    public Ec2CallFailed(FailureCode code, String message, boolean answerLost) {
        super(message);
        this.code = code;
        this.answerLost = answerLost;
    }

    public FailureCode code() {
        return code;
    }

    /** Whether EC2 answered with this code of its own. */
    public boolean is(String ec2Code) {
        return code instanceof FailureCode.Aws aws && aws.is(ec2Code);
    }

    public boolean answerLost() {
        return answerLost;
    }
}
