package dev.sgrevoker.revoke;

/** EC2 refused or could not be reached; the code is EC2's own (e.g. UnauthorizedOperation) where it gave one. */
public final class Ec2CallFailed extends RuntimeException {
    private final String code;
    private final boolean answerLost;

    public Ec2CallFailed(String code, String message) {
        this(code, message, false);
    }

    /** {@code answerLost}: the SDK retried the call, so an earlier attempt may have taken effect unseen. */
    public Ec2CallFailed(String code, String message, boolean answerLost) {
        super(message);
        this.code = code;
        this.answerLost = answerLost;
    }

    public String code() {
        return code;
    }

    public boolean answerLost() {
        return answerLost;
    }
}
