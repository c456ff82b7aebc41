package dev.sgrevoker.report;

/** The result event could not be put on EventBridge after retries; the invocation fails so the loss is seen. */
public final class ResultNotDeliveredException extends RuntimeException {
    public ResultNotDeliveredException(String message) {
        super(message);
    }
}
