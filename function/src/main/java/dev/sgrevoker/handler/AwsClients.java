package dev.sgrevoker.handler;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * SDK clients with the light URL-connection HTTP client. Region, credentials and endpoint (AWS_ENDPOINT_URL,
 * AWS_ENDPOINT_URL_EC2, ...) come from the SDK's own settings, so nothing here overrides them.
 */
final class AwsClients {
    /** Throttling (RequestLimitExceeded) is retried with the SDK's backoff; a few more tries than its default 3. */
    private static final int ATTEMPTS = 6;

    private AwsClients() {
    }

    static Ec2Client ec2() {
        return Ec2Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(ATTEMPTS).build()))
                .build();
    }

    static EventBridgeClient eventBridge() {
        return EventBridgeClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(ATTEMPTS).build()))
                .build();
    }
}
