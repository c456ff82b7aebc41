package dev.sgrevoker.handler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeServiceClientConfiguration;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * The EventBridge client, built on a thread of its own while the EC2 client is built and the first invocation
 * does its EC2 work: the result event is the last thing an invocation sends, so a cold start does not wait for both
 * clients one after the other (bench/RESULTS.md, "what mattered"). Only what the function calls is passed on.
 */
final class BackgroundEventBridge implements EventBridgeClient {
    private final CompletableFuture<EventBridgeClient> client;

    BackgroundEventBridge(Supplier<EventBridgeClient> build) {
        this.client = CompletableFuture.supplyAsync(build, task -> {
            Thread thread = new Thread(task, "sg-revoker-eventbridge-client");
            thread.setDaemon(true);
            thread.start();
        });
    }

    @Override
    public PutEventsResponse putEvents(PutEventsRequest request) {
        return client().putEvents(request);
    }

    @Override
    public EventBridgeServiceClientConfiguration serviceClientConfiguration() {
        return client().serviceClientConfiguration();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        client().close();
    }

    private EventBridgeClient client() {
        try {
            return client.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
