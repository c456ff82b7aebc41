package dev.sgrevoker.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.intake.trigger.EventOrigin;
import dev.sgrevoker.intake.trigger.SqsBatch;
import dev.sgrevoker.intake.trigger.TriggerConfig;
import dev.sgrevoker.intake.trigger.TriggerFamily;
import dev.sgrevoker.model.Provenance;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.report.ResultDocument;
import dev.sgrevoker.report.ResultNotDeliveredException;
import dev.sgrevoker.revoke.TransientFailure;
import java.time.Instant;
import java.util.List;

/**
 * An SQS batch: each message on its own, with its own result event. The response's batchItemFailures names only the
 * messages worth retrying (throttling, EC2 5xx, out of time, result event undeliverable); a malformed message or a
 * final outcome (NOT_FOUND, InvalidGroup.NotFound, UnauthorizedOperation) is reported and not retried.
 */
final class SqsMessages {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SqsMessages() {}

    static ObjectNode handle(JsonNode event, TriggerConfig config, Invocation invocation, Context context) {
        ArrayNode failures = JSON.arrayNode();
        ArrayNode messages = JSON.arrayNode();
        String trigger = TriggerFamily.SQS_BATCH.wireName();
        List<SqsBatch.Message> batch = SqsBatch.messages(event, config);
        for (int i = 0; i < batch.size(); i++) {
            SqsBatch.Message m = batch.get(i);
            // SqsBatch answers one message per record, in order.
            Provenance from = EventOrigin.ofMessage(event.get("Records").get(i), Instant.now());
            RevocationResult result = m.accepted()
                    ? invocation.revoke(
                            m.result(),
                            context.getAwsRequestId(),
                            m.messageId(),
                            from,
                            context::getRemainingTimeInMillis)
                    : RevocationResult.rejected(
                            context.getAwsRequestId(),
                            trigger,
                            m.messageId(),
                            new RevocationResult.Rejection(
                                    m.rejected().field(), m.rejected().reason()),
                            from);
            boolean retry = result.permissions().stream().anyMatch(TransientFailure::is);
            ObjectNode document;
            try {
                document = invocation.report(result, context.getLogger());
            } catch (ResultNotDeliveredException e) {
                context.getLogger()
                        .log("sg-revoker result event of message " + m.messageId() + " not delivered: " + e.getMessage()
                                + "\n");
                document = ResultDocument.response(result);
                retry = true;
            }
            if (retry) {
                failures.addObject().put("itemIdentifier", m.messageId());
            }
            messages.add(document.put("retry", retry));
        }
        ObjectNode response = JSON.objectNode();
        response.set("batchItemFailures", failures);
        response.set("messages", messages);
        return response;
    }
}
