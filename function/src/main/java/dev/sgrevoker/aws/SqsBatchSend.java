package dev.sgrevoker.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * Messages sent with SendMessageBatch, ten a call (SQS's most), each message's answer given back in order: the id
 * SQS gave it, or why it was not sent. A shard's queue and the hand-over's request queue both send this way.
 */
final class SqsBatchSend {
    private static final int PER_CALL = 10;

    /** One message's answer: {@code messageId} when SQS took it, else {@code refusal}, why not. */
    record Answer(String messageId, String refusal) {
        boolean sent() {
            return messageId != null;
        }
    }

    private SqsBatchSend() {}

    /**
     * Sends one message per item to {@code queueUrl}, its entry as {@code entry} writes it (body, group …; the batch
     * id is set here). An item SQS neither took nor refused is answered {@code noAnswer}.
     */
    static <T> List<Answer> send(
            Supplier<SqsClient> sqs,
            String queueUrl,
            List<T> items,
            Function<T, SendMessageBatchRequestEntry.Builder> entry,
            String noAnswer) {
        List<Answer> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += PER_CALL) {
            out.addAll(batch(sqs, queueUrl, items.subList(i, Math.min(items.size(), i + PER_CALL)), entry, noAnswer));
        }
        return out;
    }

    private static <T> List<Answer> batch(
            Supplier<SqsClient> sqs,
            String queueUrl,
            List<T> batch,
            Function<T, SendMessageBatchRequestEntry.Builder> entry,
            String noAnswer) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(entry.apply(batch.get(i)).id(Integer.toString(i)).build());
        }
        List<Answer> out = new ArrayList<>();
        try {
            SendMessageBatchResponse response =
                    sqs.get().sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            for (int i = 0; i < batch.size(); i++) {
                String id = Integer.toString(i);
                Answer answer = new Answer(null, noAnswer);
                for (SendMessageBatchResultEntry ok : response.successful()) {
                    if (ok.id().equals(id)) {
                        answer = new Answer(ok.messageId(), null);
                    }
                }
                for (BatchResultErrorEntry failed : response.failed()) {
                    if (failed.id().equals(id)) {
                        answer = new Answer(null, failed.code() + ": " + failed.message());
                    }
                }
                out.add(answer);
            }
        } catch (SdkException e) {
            batch.forEach(item -> out.add(new Answer(null, "SendMessageBatch failed: " + e.getMessage())));
        }
        return out;
    }
}
