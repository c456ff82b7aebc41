package dev.sgrevoker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** A fresh queue in moto, as the template's fallback queue: a test hands its URL over and reads back what came. */
public final class SqsQueue {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final SqsClient sqs;
    private final String url;

    public SqsQueue(MotoServer moto) {
        this.sqs = SqsClient.builder()
                .endpointOverride(URI.create(moto.url()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        String name = "fallback-" + UUID.randomUUID();
        this.url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
    }

    public String url() {
        return url;
    }

    /** Every message waiting now, as JSON bodies, removed from the queue. */
    public List<JsonNode> drain() {
        List<JsonNode> bodies = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(
                            r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            for (Message m : batch) {
                try {
                    bodies.add(MAPPER.readTree(m.body()));
                } catch (IOException e) {
                    throw new UncheckedIOException(m.body(), e);
                }
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        } while (!batch.isEmpty());
        return bodies;
    }
}
