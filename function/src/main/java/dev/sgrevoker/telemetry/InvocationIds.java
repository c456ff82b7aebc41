package dev.sgrevoker.telemetry;

import dev.sgrevoker.model.Provenance;

/**
 * The correlation ids every log line of an invocation carries: the Lambda request id and, once known, the event's id
 * and the SQS message's id. A value: each message of a batch gets its own, so nothing is left over from the last.
 */
public record InvocationIds(String requestId, String eventId, String messageId) {

    public static InvocationIds of(String requestId) {
        return new InvocationIds(requestId, null, null);
    }

    /** The same invocation, about an SQS message or an event (either may be null). */
    public InvocationIds about(String messageId, Provenance from) {
        return new InvocationIds(requestId, from == null ? null : from.eventId(), messageId);
    }
}
