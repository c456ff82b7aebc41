package dev.sgrevoker.handler;

import dev.sgrevoker.revoke.CallPacer;
import dev.sgrevoker.revoke.PacingInterceptor;
import dev.sgrevoker.revoke.SdkEc2Gateway;
import java.io.ByteArrayInputStream;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The SDK clients, built once per execution environment. Region and endpoint (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_EC2,
 * aws.endpointUrl…) come from the SDK's own settings. What is chosen here is only what start-up or SnapStart needs.
 */
record AwsClients(Ec2Client ec2, CallPacer revokes, EventBridgeClient events) {
    /** Throttling (RequestLimitExceeded) and 5xx are retried with the SDK's backoff; a few more tries than its 3. */
    private static final int ATTEMPTS = 6;

    /** Caps the instances running at once (reserved concurrency): each paces EC2 calls at its share of the buckets. */
    static final String MAX_CONCURRENCY = "MAX_CONCURRENCY";

    static AwsClients fromEnvironment() {
        // One HTTP client (and one TLS context and trust store) for both services.
        SdkHttpClient http = UrlConnectionHttpClient.create();
        AwsCredentialsProvider credentials = credentials();
        int instances = instances(System.getenv(MAX_CONCURRENCY));
        CallPacer describes = CallPacer.describing(instances);
        CallPacer revokes = CallPacer.mutating(instances);
        Ec2Client ec2 = Ec2Client.builder()
                .httpClient(http)
                .credentialsProvider(credentials)
                .overrideConfiguration(common().toBuilder()
                        .addExecutionInterceptor(new PacingInterceptor(describes, revokes))
                        .build())
                .build();
        EventBridgeClient events = EventBridgeClient.builder()
                .httpClient(http)
                .credentialsProvider(credentials)
                .overrideConfiguration(common())
                .build();
        return new AwsClients(ec2, revokes, events);
    }

    SdkEc2Gateway gateway() {
        return new SdkEc2Gateway(ec2, revokes);
    }

    /** Unset: one instance at a time, the whole bucket. */
    static int instances(String maxConcurrency) {
        if (maxConcurrency == null || maxConcurrency.isBlank()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(maxConcurrency.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(MAX_CONCURRENCY + ": '" + maxConcurrency + "' is not a positive number");
    }

    private static ClientOverrideConfiguration common() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(ATTEMPTS)
                        .build())
                // Lambda has no ~/.aws files: an empty profile spares reading and parsing them at start-up.
                .defaultProfileFileSupplier(AwsClients::noProfile)
                .build();
    }

    /**
     * Lambda's own credentials: environment variables, or the container endpoint that SnapStart-restored instances
     * use; system properties first for tests and local runs.
     */
    private static AwsCredentialsProvider credentials() {
        return AwsCredentialsProviderChain.of(
                SystemPropertyCredentialsProvider.create(),
                EnvironmentVariableCredentialsProvider.create(),
                ContainerCredentialsProvider.builder().build());
    }

    private static ProfileFile noProfile() {
        return ProfileFile.builder()
                .content(new ByteArrayInputStream(new byte[0]))
                .type(ProfileFile.Type.CONFIGURATION)
                .build();
    }
}
