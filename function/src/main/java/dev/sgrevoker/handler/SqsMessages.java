package dev.sgrevoker.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.intake.trigger.Envelope;
import dev.sgrevoker.intake.trigger.SqsBatch;
import dev.sgrevoker.intake.trigger.TriggerConfig;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.Provenance;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.telemetry.RecordLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An SQS batch: each message on its own, with its own result. The response's batchItemFailures names only the
 * messages worth retrying (throttling, EC2 5xx, out of time, a result that could not be kept anywhere while nothing
 * was revoked, or anything unexpected while handling it); a malformed or refused message, or a final outcome
 * (NOT_FOUND, InvalidGroup.NotFound, UnauthorizedOperation), is reported and never retried.
 */
final class SqsMessages {
    private SqsMessages() {}

    static SQSBatchResponse handle(
            Envelope.Batch batch, TriggerConfig config, Invocation invocation, RecordLog log, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        // A message without an id cannot be named in batchItemFailures: the intake refuses the batch.
        List<String> messageIds = SqsBatch.messageIds(batch);
        List<String> groups = SqsBatch.messageGroupIds(batch);
        Set<String> held = new HashSet<>();
        for (int i = 0; i < messageIds.size(); i++) {
            String messageId = messageIds.get(i);
            String group = groups.get(i);
            if (group != null && held.contains(group)) {
                // FIFO: a later message of a group that failed must wait for it, so it is named too, untouched.
                failures.add(new SQSBatchResponse.BatchItemFailure(messageId));
                continue;
            }
            boolean retry;
            try {
                retry = one(batch, i, config, invocation, log, context);
            } catch (Throwable t) {
                // Whatever it is (a bug, a StackOverflowError), it is this message's alone: retried, then the DLQ.
                log.about(messageId, null).failure("message " + messageId, t, "retried; the others are unaffected");
                retry = true;
            }
            if (retry) {
                failures.add(new SQSBatchResponse.BatchItemFailure(messageId));
                if (group != null) {
                    held.add(group);
                }
            }
        }
        // Per-message results are in the result events and the logs; the response is what SQS acts on.
        return new SQSBatchResponse(failures);
    }

    /** The response Lambda's event source mapping reads, written without databind (see report.JsonText). */
    static ObjectNode response(SQSBatchResponse batch) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ArrayNode failures = response.putArray("batchItemFailures");
        batch.getBatchItemFailures().forEach(f -> failures.addObject().put("itemIdentifier", f.getItemIdentifier()));
        return response;
    }

    /** Handles one message; returns whether it is worth another receive. */
    private static boolean one(
            Envelope.Batch batch,
            int index,
            TriggerConfig config,
            Invocation invocation,
            RecordLog batchLog,
            Context context) {
        SqsBatch.Message m = SqsBatch.message(batch, index, config, Instant.now());
        Provenance from = m.from();
        RecordLog log = batchLog.about(m.messageId(), from);
        RevocationResult result = m.accepted()
                ? invocation.revoke(
                        m.result(),
                        new Invocation.Call(log, from, context::getRemainingTimeInMillis, config.accounts()))
                : RevocationResult.rejected(
                        new RevocationResult.Origin(
                                context.getAwsRequestId(), TriggerFamily.SQS_BATCH, m.messageId(), from),
                        new RevocationResult.Rejection(
                                m.rejected().field(), m.rejected().reason()));
        invocation.report(result, log);
        // Refused input is final; a transient failure of a rule is worth another receive.
        return result.permissions().stream().anyMatch(PermissionOutcome::transientFailure);
    }
}
