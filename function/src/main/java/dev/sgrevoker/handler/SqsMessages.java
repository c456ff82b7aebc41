package dev.sgrevoker.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.intake.trigger.SqsBatch;
import dev.sgrevoker.intake.trigger.TriggerConfig;
import dev.sgrevoker.intake.trigger.TriggerFamily;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.report.ResultDocument;
import dev.sgrevoker.report.ResultNotDeliveredException;
import dev.sgrevoker.revoke.TransientFailure;

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
        for (SqsBatch.Message m : SqsBatch.messages(event, config)) {
            RevocationResult result = m.accepted()
                    ? invocation.revoke(
                            m.result(), context.getAwsRequestId(), m.messageId(), context::getRemainingTimeInMillis)
                    : RevocationResult.rejected(
                            context.getAwsRequestId(),
                            trigger,
                            m.messageId(),
                            new RevocationResult.Rejection(
                                    m.rejected().field(), m.rejected().reason()));
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
