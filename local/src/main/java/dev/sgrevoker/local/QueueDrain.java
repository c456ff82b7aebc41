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
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
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

    /**
     * Drains {@code queueUrls} in order, round after round, until a whole round finds them all empty: a sweep run's
     * shards (FIFO, one message at a time, as the template's batch size 1) may hand groups over to the request queue.
     * A delayed message (a run's deadline) is not waited for.
     */
    static void drainAll(
            List<String> queueUrls, Invoker handler, Supplier<Context> contexts, PrintStream out, PrintStream log) {
        for (int round = 0; round < MAX_BATCHES; round++) {
            boolean any = false;
            for (String url : queueUrls) {
                any |= drain(url, handler, contexts, out, log);
            }
            if (!any) {
                return;
            }
        }
    }

    /** Returns whether it handed the function anything. */
    static boolean drain(
            String queueUrl, Invoker handler, Supplier<Context> contexts, PrintStream out, PrintStream log) {
        boolean fifo = queueUrl.endsWith(".fifo");
        boolean any = false;
        try (SqsClient sqs = SqsClient.create()) {
            String arn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            for (int batch = 1; batch <= MAX_BATCHES; batch++) {
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                                .maxNumberOfMessages(fifo ? 1 : 10)
                                .visibilityTimeout(300)
                                .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                        .messages();
                if (messages.isEmpty()) {
                    log.println("DRAIN " + queueUrl + ": empty");
                    return any;
                }
                any = true;
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
        return any;
    }

    private static byte[] event(List<Message> messages, String arn) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message m : messages) {
            ObjectNode r = records.addObject();
            r.put("messageId", m.messageId());
            r.put("receiptHandle", m.receiptHandle());
            r.put("body", m.body());
            ObjectNode attributes = r.putObject("attributes");
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            r.putObject("messageAttributes");
            r.put("md5OfBody", m.md5OfBody());
            r.put("eventSource", "aws:sqs");
            r.put("eventSourceARN", arn);
            r.put("awsRegion", System.getenv().getOrDefault("AWS_REGION", "us-east-1"));
        }
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }
}
