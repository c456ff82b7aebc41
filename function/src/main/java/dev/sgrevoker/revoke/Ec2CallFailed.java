package dev.sgrevoker.revoke;

/** EC2 refused or could not be reached; the code is EC2's own (e.g. UnauthorizedOperation) where it gave one. */
public final class Ec2CallFailed extends RuntimeException {
    private final String code;

    public Ec2CallFailed(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
