package dev.sgrevoker.aws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.Requested;
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
 * Hands a sweep's unfinished groups to the request queue (REQUEST_QUEUE_URL), one message per group, so the SQS path
 * revokes them with its own retries and dead-letter queue. The client is built on first use: most invocations never
 * hand over.
 */
public final class RequestQueueHandOver implements HandOver {
    public static final String ENV = "REQUEST_QUEUE_URL";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
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

    private List<Sent> sendBatch(List<Part> batch) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .messageBody(JsonText.of(body(batch.get(i))))
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

    /** An ordinary request of the SQS path: one group's rule ids, each with why the sweep selected it. */
    public static ObjectNode body(Part part) {
        ObjectNode body = JSON.objectNode();
        ObjectNode swept = body.putObject("sweptRules");
        swept.put("GroupId", part.groupId());
        swept.put("DryRun", part.dryRun());
        swept.put("MaxRevocations", part.maxRevocations());
        var rules = swept.putArray("Rules");
        for (Requested.ByRuleId r : part.rules()) {
            rules.addObject().put("RuleId", r.ruleId()).put("Because", r.because());
        }
        return body;
    }
}
