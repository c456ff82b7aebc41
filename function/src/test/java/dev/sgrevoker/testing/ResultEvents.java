package dev.sgrevoker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The result events as a subscriber sees them: an EventBridge rule on the default bus matching
 * {"source":["sg-revoker"]} feeds a fresh SQS queue, which the test reads back.
 */
public final class ResultEvents {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final SqsClient sqs;
    private final String queueUrl;

    public ResultEvents(MotoServer moto) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        URI endpoint = URI.create(moto.url());
        this.sqs = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        String name = "results-" + UUID.randomUUID();
        this.queueUrl = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        try (EventBridgeClient events = EventBridgeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            events.putRule(r -> r.name(name).eventBusName("default").eventPattern("{\"source\":[\"sg-revoker\"]}"));
            events.putTargets(r -> r.rule(name)
                    .eventBusName("default")
                    .targets(t -> t.id("queue").arn(queueArn)));
        }
    }

    /** Exactly {@code count} events (whole envelopes), failing if fewer arrive in time or more are waiting. */
    public List<JsonNode> await(int count) {
        List<JsonNode> events = receive(count, Duration.ofSeconds(10));
        if (events.size() < count) {
            throw new AssertionError("expected " + count + " result event(s), got " + events.size() + ": " + events);
        }
        // Delivery is synchronous in moto; one short extra poll catches a duplicate.
        List<JsonNode> extra = receive(1, Duration.ofMillis(300));
        if (!extra.isEmpty()) {
            throw new AssertionError("expected " + count + " result event(s), got more: " + events + " then " + extra);
        }
        return events;
    }

    /** The detail of the one result event. */
    public JsonNode awaitOneDetail() {
        return await(1).get(0).get("detail");
    }

    public void assertNone() {
        List<JsonNode> events = receive(1, Duration.ofMillis(500));
        if (!events.isEmpty()) {
            throw new AssertionError("expected no result event, got " + events);
        }
    }

    private List<JsonNode> receive(int count, Duration within) {
        List<JsonNode> events = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        do {
            List<Message> batch = sqs.receiveMessage(
                            r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            for (Message m : batch) {
                events.add(parse(m.body()));
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
            if (events.size() >= count) {
                break;
            }
            sleep();
        } while (System.nanoTime() < deadline);
        return events;
    }

    private static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("result event is not JSON: " + body, e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
