package dev.sgrevoker.handler;

import dev.sgrevoker.revoke.CallPacer;
import dev.sgrevoker.revoke.PacingInterceptor;
import dev.sgrevoker.revoke.SdkEc2Gateway;
import java.io.ByteArrayInputStream;
import java.util.function.Supplier;
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
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients, built once per execution environment. Region and endpoint (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_EC2,
 * aws.endpointUrl…) come from the SDK's own settings. What is chosen here is only what start-up or SnapStart needs.
 */
record AwsClients(Ec2Client ec2, CallPacer revokes, EventBridgeClient events, Supplier<SqsClient> sqs) {
    /** Throttling (RequestLimitExceeded) and 5xx are retried with the SDK's backoff; a few more tries than its 3. */
    private static final int ATTEMPTS = 6;

    static AwsClients fromEnvironment() {
        // One HTTP client (and one TLS context and trust store) for both services.
        SdkHttpClient http = UrlConnectionHttpClient.create();
        AwsCredentialsProvider credentials = credentials();
        CallPacer describes = CallPacer.describing();
        CallPacer revokes = CallPacer.mutating();
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
        // Only a sweep that runs out of time sends to the request queue: the SQS client is built then, once.
        Supplier<SqsClient> sqs = new Supplier<>() {
            private SqsClient client;

            @Override
            public synchronized SqsClient get() {
                if (client == null) {
                    client = SqsClient.builder()
                            .httpClient(http)
                            .credentialsProvider(credentials)
                            .overrideConfiguration(common())
                            .build();
                }
                return client;
            }
        };
        return new AwsClients(ec2, revokes, events, sqs);
    }

    SdkEc2Gateway gateway() {
        return new SdkEc2Gateway(ec2, revokes);
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
