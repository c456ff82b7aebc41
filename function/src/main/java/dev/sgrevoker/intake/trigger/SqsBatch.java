package dev.sgrevoker.intake.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sgrevoker.exception.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;

/**
 * An SQS event: each record's body is one revocation request (any direct-invoke form) or one EventBridge event routed
 * through the queue. Messages are independent: each is normalised on its own, and a malformed one is rejected
 * alone (a final failure, never worth a retry) without touching the others.
 */
public final class SqsBatch {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SqsBatch() {}

    /** One message: exactly one of {@code result} (what to run and skip) and {@code rejected} (why it is malformed). */
    public record Message(String messageId, TriggerResult result, InvalidRequestException rejected) {
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
     * Every record, in order. Throws only when the batch itself is not an SQS event we can answer for (no
     * messageId means no way to report that message in batchItemFailures).
     */
    public static List<Message> messages(JsonNode event, TriggerConfig config) {
        if (TriggerShape.detect(event) != TriggerFamily.SQS_BATCH) {
            throw new IllegalArgumentException("not an SQS event");
        }
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < event.get("Records").size(); i++) {
            out.add(message(event, i, config));
        }
        return out;
    }

    /** The record at {@code index} alone, so a caller can keep whatever happens to one away from the others. */
    public static Message message(JsonNode event, int index, TriggerConfig config) {
        JsonNode record = event.get("Records").get(index);
        String at = "Records[" + index + "]";
        String messageId = EventJson.requiredText(record, "messageId", at + ".messageId");
        try {
            return new Message(messageId, message(record, at, config), null);
        } catch (InvalidRequestException e) {
            return new Message(messageId, null, e);
        }
    }

    private static TriggerResult message(JsonNode record, String at, TriggerConfig config) {
        String field = at + ".body";
        JsonNode bodyNode = record.get("body");
        if (bodyNode == null || !bodyNode.isTextual()) {
            throw new InvalidRequestException(
                    field, "is required: the message text holding a revocation request or an EventBridge event");
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(bodyNode.asText());
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(field, "is not valid JSON: " + e.getOriginalMessage());
        }
        try {
            if (body != null && body.isObject() && body.has("Records")) {
                throw new InvalidRequestException(
                        "Records", "an SQS event inside an SQS message is not accepted; " + TriggerFamily.ACCEPTED);
            }
            return Triggers.normalise(body, config);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(
                    e.field().equals("(input)") ? field : field + "." + e.field(), e.reason());
        }
    }
}
