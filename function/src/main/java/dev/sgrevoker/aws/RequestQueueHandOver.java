package dev.sgrevoker.aws;

import dev.sgrevoker.intake.trigger.SweptRulesMessage;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.report.JsonText;
import dev.sgrevoker.revoke.HandOver;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * Hands a sweep's unfinished groups to the request queue, one message per group, so the SQS path
 * revokes them with its own retries and dead-letter queue. The client is built on first use: most invocations never
 * hand over.
 */
public final class RequestQueueHandOver implements HandOver {
    private static final int PER_CALL = 10;

    private final String queueUrl;
    private final Supplier<SqsClient> sqs;

    public RequestQueueHandOver(String queueUrl, Supplier<SqsClient> sqs) {
        this.queueUrl = queueUrl;
        this.sqs = sqs;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public List<Sent> send(List<Part> parts) {
        List<Sent> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i += PER_CALL) {
            out.addAll(sendBatch(parts.subList(i, Math.min(parts.size(), i + PER_CALL))));
        }
        return out;
    }

    /** An ordinary request of the SQS path: one group's rule ids, each with why the sweep selected it. */
    private static SweptRulesMessage message(Part part) {
        return new SweptRulesMessage(part.groupId(), part.dryRun(), part.maxRevocations(), part.rules());
    }

    private List<Sent> sendBatch(List<Part> batch) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .messageBody(JsonText.of(message(batch.get(i)).toJson()))
                    .build());
        }
        List<Sent> out = new ArrayList<>();
        try {
            SendMessageBatchResponse response =
                    sqs.get().sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            for (int i = 0; i < batch.size(); i++) {
                String id = Integer.toString(i);
                Sent sent = new Sent(null, FailureCode.Ours.HAND_OVER_FAILED, "SQS gave no answer for the message");
                for (SendMessageBatchResultEntry ok : response.successful()) {
                    if (ok.id().equals(id)) {
                        sent = new Sent("the request queue as message " + ok.messageId(), null, null);
                    }
                }
                for (BatchResultErrorEntry failed : response.failed()) {
                    if (failed.id().equals(id)) {
                        sent = new Sent(
                                null, FailureCode.Ours.HAND_OVER_FAILED, failed.code() + ": " + failed.message());
                    }
                }
                out.add(sent);
            }
        } catch (SdkException e) {
            batch.forEach(p -> out.add(
                    new Sent(null, FailureCode.Ours.HAND_OVER_FAILED, "SendMessageBatch failed: " + e.getMessage())));
        }
        return out;
    }
}
