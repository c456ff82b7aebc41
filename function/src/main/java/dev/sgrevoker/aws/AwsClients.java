package dev.sgrevoker.aws;

import dev.sgrevoker.revoke.Ec2Gateways;
import dev.sgrevoker.revoke.MemberAccess;
import java.io.ByteArrayInputStream;
import java.util.Map;
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
public record AwsClients(
        SdkEc2Gateway gateway, Ec2Gateways gateways, EventBridgeClient events, Supplier<SqsClient> sqs) {
    /** Throttling (RequestLimitExceeded) and 5xx are retried with the SDK's backoff; a few more tries than its 3. */
    private static final int ATTEMPTS = 6;

    /** Caps the instances running at once (reserved concurrency): each paces EC2 calls at its share of the buckets. */
    public static final String MAX_CONCURRENCY = "MAX_CONCURRENCY";

    public static AwsClients fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static AwsClients fromEnvironment(Map<String, String> env) {
        int instances = instances(env.get(MAX_CONCURRENCY));
        MemberAccess members = MemberAccess.fromEnvironment(env);
        // One HTTP client (and one TLS context and trust store) for every service and account.
        SdkHttpClient http = UrlConnectionHttpClient.create();
        AwsCredentialsProvider credentials = lambdaCredentials();
        SdkEc2Gateway own = ec2(http, credentials, instances);
        EventBridgeClient events = EventBridgeClient.builder()
                .httpClient(http)
                .credentialsProvider(credentials)
                .overrideConfiguration(common())
                .build();
        // STS is touched only when a member account is first asked for (MemberAccountGateways builds it then).
        Ec2Gateways gateways = members.enabled()
                ? new MemberAccountGateways(
                        own,
                        own,
                        members,
                        memberCredentials -> ec2(http, memberCredentials, instances),
                        () -> MemberRoleCredentials.stsClient(http, credentials, common()))
                : Ec2Gateways.ownOnly(own, own);
        // SQS (the result fallback, a sweep's hand-over) is rarely needed: its client is built on first use, once.
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
        return new AwsClients(own, gateways, events, sqs);
    }

    /** An EC2 client and its pacing for one account: EC2's buckets are per account, so each account has its own. */
    public static SdkEc2Gateway ec2(SdkHttpClient http, AwsCredentialsProvider credentials, int instances) {
        CallPacer describes = CallPacer.describing(instances);
        CallPacer revokes = CallPacer.mutating(instances);
        Ec2Client ec2 = Ec2Client.builder()
                .httpClient(http)
                .credentialsProvider(credentials)
                .overrideConfiguration(common().toBuilder()
                        .addExecutionInterceptor(new PacingInterceptor(describes, revokes))
                        .build())
                .build();
        return new SdkEc2Gateway(ec2, revokes);
    }

    /** Unset: one instance at a time, the whole bucket. */
    public static int instances(String maxConcurrency) {
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
    private static AwsCredentialsProvider lambdaCredentials() {
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
