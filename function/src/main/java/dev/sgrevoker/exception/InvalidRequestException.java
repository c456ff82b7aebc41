package dev.sgrevoker.exception;

/** A request that cannot be understood; nothing of it is revoked. The message names the field and the reason. */
public final class InvalidRequestException extends RuntimeException {
    private final String field;
    private final String reason;

    public InvalidRequestException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
