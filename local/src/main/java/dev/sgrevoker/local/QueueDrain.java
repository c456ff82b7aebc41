package dev.sgrevoker.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Lambda's SQS event source mapping, locally: receive up to 10 messages, invoke the handler with them as an SQS
 * event, delete the ones the response does not list in batchItemFailures; until the queue answers empty.
 */
final class QueueDrain {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BATCHES = 100;

    interface Invoker {
        byte[] invoke(byte[] event, Context context) throws Throwable;
    }

    private QueueDrain() {}

    static void drain(String queueUrl, Invoker handler, Supplier<Context> contexts, PrintStream out, PrintStream log) {
        try (SqsClient sqs = SqsClient.create()) {
            String arn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            for (int batch = 1; batch <= MAX_BATCHES; batch++) {
                List<Message> messages = sqs.receiveMessage(r ->
                                r.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(300))
                        .messages();
                if (messages.isEmpty()) {
                    log.println("DRAIN " + queueUrl + ": empty");
                    return;
                }
                log.println("DRAIN " + queueUrl + ": batch " + batch + " of " + messages.size() + " message(s)");
                byte[] response = handler.invoke(event(messages, arn), contexts.get());
                out.println(new String(response, StandardCharsets.UTF_8).strip());
                out.flush();
                Set<String> failed = new HashSet<>();
                JSON.readTree(response)
                        .path("batchItemFailures")
                        .forEach(f -> failed.add(f.path("itemIdentifier").asText()));
                for (Message m : messages) {
                    if (!failed.contains(m.messageId())) {
                        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                    }
                }
            }
        } catch (Throwable t) {
            log.println("DRAIN " + queueUrl + " stopped: " + t);
        }
    }

    private static byte[] event(List<Message> messages, String arn) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message m : messages) {
            ObjectNode r = records.addObject();
            r.put("messageId", m.messageId());
            r.put("receiptHandle", m.receiptHandle());
            r.put("body", m.body());
            r.putObject("attributes");
            r.putObject("messageAttributes");
            r.put("md5OfBody", m.md5OfBody());
            r.put("eventSource", "aws:sqs");
            r.put("eventSourceARN", arn);
            r.put("awsRegion", System.getenv().getOrDefault("AWS_REGION", "us-east-1"));
        }
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }
}
