package dev.sgrevoker.intake.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.Excerpt;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.InputJson;
import dev.sgrevoker.model.Provenance;
import dev.sgrevoker.model.TriggerFamily;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An SQS event: each record's body is one revocation request (any direct-invoke form) or one EventBridge event routed
 * through the queue. Messages are independent: each is normalised on its own, and a malformed one is rejected
 * alone (a final failure, never worth a retry) without touching the others.
 */
public final class SqsBatch {
    private SqsBatch() {}

    /**
     * One message: exactly one of {@code result} (what to run and skip) and {@code rejected} (why it is malformed),
     * and who sent it ({@code from}, read from the same parse of the body).
     */
    public record Message(String messageId, TriggerResult result, InvalidRequestException rejected, Provenance from) {
        public Message {
            if ((result == null) == (rejected == null)) {
                throw new IllegalArgumentException("a message is either normalised or rejected");
            }
        }

        public boolean accepted() {
            return result != null;
        }
    }

    /**
     * Every record's messageId, in order. Throws when one has none: the batch is then not an SQS event we can answer
     * for, since a message without an id cannot be named in batchItemFailures.
     */
    public static List<String> messageIds(Envelope.Batch batch) {
        EventJson event = new EventJson(batch.event(), FieldPath.root());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < batch.records().size(); i++) {
            ids.add(event.requiredText(FieldPath.of("Records").index(i).child("messageId")));
        }
        return ids;
    }

    /**
     * Every record's {@code attributes.MessageGroupId}, in order: null for a standard queue's message. A FIFO queue
     * holds a group behind a failed message, so a batch names every later message of that group for retry too.
     */
    public static List<String> messageGroupIds(Envelope.Batch batch) {
        List<String> groups = new ArrayList<>();
        for (JsonNode record : batch.records()) {
            JsonNode group = record.path("attributes").path("MessageGroupId");
            groups.add(group.isTextual() ? group.asText() : null);
        }
        return groups;
    }

    /** Every record, in order; throws only as {@link #messageIds} does. */
    public static List<Message> messages(Envelope.Batch batch, TriggerConfig config) {
        messageIds(batch);
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < batch.records().size(); i++) {
            out.add(message(batch, i, config, Instant.now()));
        }
        return out;
    }

    /**
     * The record at {@code index} alone, so a caller can keep whatever happens to one away from the others. Its body
     * is read once, and its family recognised once, for the requests and for who asked.
     */
    public static Message message(Envelope.Batch batch, int index, TriggerConfig config, Instant receivedAt) {
        EventJson event = new EventJson(batch.event(), FieldPath.root());
        FieldPath record = FieldPath.of("Records").index(index);
        String messageId = event.requiredText(record.child("messageId"));
        FieldPath at = record.child("body");
        JsonNode body = null;
        try {
            body = body(event, at);
            return new Message(
                    messageId,
                    normalise(body, at, config),
                    null,
                    EventOrigin.ofMessage(event.node(record), body, receivedAt));
        } catch (InvalidRequestException e) {
            // A malformed body still has a sender; a refused one also names what it claimed.
            return new Message(messageId, null, e, EventOrigin.ofMessage(event.node(record), body, receivedAt));
        }
    }

    private static JsonNode body(EventJson batch, FieldPath at) {
        JsonNode bodyNode = batch.node(at);
        if (!bodyNode.isTextual()) {
            throw at.invalid("is required: the message text holding a revocation request or an EventBridge event");
        }
        return InputJson.read(bodyNode.asText(), at);
    }

    private static TriggerResult normalise(JsonNode body, FieldPath at, TriggerConfig config) {
        FieldPath inBody = at.nested();
        if (body != null && body.isObject() && body.has("Records")) {
            throw inBody.child("Records")
                    .invalid("an SQS event inside an SQS message is not accepted; " + TriggerFamily.ACCEPTED);
        }
        JsonNode source = body == null ? null : body.get("source");
        if (source != null
                && source.isTextual()
                && source.asText().startsWith("aws.")
                && !config.trust().queuedAlertsTrusted()) {
            // Only EventBridge can put an aws.* event on a bus; anyone allowed to send to the queue can write one.
            throw inBody.child("source")
                    .invalid("'" + Excerpt.of(source.asText()) + "' is an AWS service's event, and inside an SQS"
                            + " message nothing shows it came from that service; set QUEUED_ALERTS=trusted if only"
                            + " EventBridge rules send to this queue");
        }
        return Triggers.normalise(TriggerShape.single(body, inBody), config);
    }
}
