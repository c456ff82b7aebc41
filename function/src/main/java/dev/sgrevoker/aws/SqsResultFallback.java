package dev.sgrevoker.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.report.JsonText;
import dev.sgrevoker.report.ResultFallback;
import dev.sgrevoker.report.ResultNotDeliveredException;
import dev.sgrevoker.report.ResultParts;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Keeps undelivered results on a durable SQS queue (the template's ResultFallbackQueue, 14 days): one message per
 * part, its body the event's detail exactly as EventBridge would have carried it, so it can be put again as is.
 */
public final class SqsResultFallback implements ResultFallback {
    /** Built on first use: most invocations never need the fallback, so start-up does not pay for the client. */
    private final Supplier<SqsClient> sqs;

    private final String queueUrl;

    public SqsResultFallback(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void keep(RevocationResult result) {
        List<ObjectNode> parts = ResultParts.of(result);
        try {
            for (ObjectNode part : parts) {
                sqs.get()
                        .sendMessage(r -> r.queueUrl(queueUrl)
                                .messageBody(JsonText.of(part))
                                .messageAttributes(java.util.Map.of(
                                        "detail-type",
                                                MessageAttributeValue.builder()
                                                        .dataType("String")
                                                        .stringValue(EventBridgeResultPublisher.DETAIL_TYPE)
                                                        .build(),
                                        "invocationId",
                                                MessageAttributeValue.builder()
                                                        .dataType("String")
                                                        .stringValue(result.invocationId())
                                                        .build())));
            }
        } catch (SdkException e) {
            throw new ResultNotDeliveredException("the fallback queue did not take the result: " + e.getMessage());
        }
    }
}
