package dev.sgrevoker.aws;

import dev.sgrevoker.intake.trigger.OrganizationAccounts;
import dev.sgrevoker.report.FindingUpdater;
import dev.sgrevoker.report.bucket.ReportBucket;
import dev.sgrevoker.revoke.Ec2Gateways;
import dev.sgrevoker.revoke.MemberAccess;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
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
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients, built once per execution environment. Region and endpoint (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_EC2,
 * aws.endpointUrl…) come from the SDK's own settings. What is chosen here is only what start-up or SnapStart needs.
 * It owns the EC2 call pacers of every account it reaches, and starts them afresh after a SnapStart restore.
 */
public final class AwsClients {
    /** Throttling (RequestLimitExceeded) and 5xx are retried with the SDK's backoff; a few more tries than its 3. */
    private static final int ATTEMPTS = 6;
    /** A priming pacer's burst and rate: it never waits (its calls reach no service). */
    private static final int UNBOUNDED = 1_000_000;

    private final SdkEc2Gateway gateway;
    private final Ec2Gateways gateways;
    private final EventBridgeClient events;
    private final Supplier<SqsClient> sqs;
    private final Supplier<DynamoDbClient> dynamo;
    private final Pacers pacers;
    private final ThrottlingRetries throttling;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Supplier<FindingsApi> securityHub;
    private S3Client s3;

    private AwsClients(
            SdkEc2Gateway gateway,
            Ec2Gateways gateways,
            EventBridgeClient events,
            Supplier<SqsClient> sqs,
            Supplier<DynamoDbClient> dynamo,
            Pacers pacers,
            ThrottlingRetries throttling,
            SdkHttpClient http,
            AwsCredentialsProvider credentials,
            Supplier<FindingsApi> securityHub) {
        this.gateway = gateway;
        this.http = http;
        this.credentials = credentials;
        this.gateways = gateways;
        this.events = events;
        this.sqs = sqs;
        this.dynamo = dynamo;
        this.pacers = pacers;
        this.throttling = throttling;
        this.securityHub = securityHub;
    }

    /**
     * S3 for reports and plans, built on first use (most invocations write none), and then kept. {@code pathStyle}:
     * address the bucket by path, as a local endpoint (moto) needs; AWS takes either.
     */
    public synchronized S3Client s3(boolean pathStyle) {
        if (s3 == null) {
            s3 = S3Client.builder()
                    .httpClient(http)
                    .credentialsProvider(credentials)
                    .overrideConfiguration(common())
                    .forcePathStyle(pathStyle)
                    .build();
        }
        return s3;
    }

    /**
     * The organization's accounts (ALLOWED_ACCOUNT_IDS=organization), under {@code units} when named: Organizations
     * is called on first need, through the same HTTP client and the function's credentials.
     */
    public OrganizationAccounts organization(List<String> units, String functionRegion) {
        Supplier<OrganizationAccountList.Calls> calls =
                new OnFirstUse<>(() -> OrganizationsCalls.of(http, credentials, functionRegion));
        return new OrganizationAccountList(calls, units, System::nanoTime);
    }

    /** EC2 calls of every account retried after throttling since the last time this was asked. */
    public long drainEc2ThrottlingRetries() {
        return throttling.drain();
    }

    /** The notes on Security Hub findings acted on: its client is built on first use, or by priming. */
    public FindingUpdater findingUpdater(Duration backoff) {
        return new SecurityHubFindingUpdater(securityHub, backoff);
    }

    /** The function's own account's EC2, which is also a sweep's inventory. */
    public SdkEc2Gateway gateway() {
        return gateway;
    }

    /** EC2 per account: the function's own, and member accounts when a member role is configured. */
    public Ec2Gateways gateways() {
        return gateways;
    }

    public EventBridgeClient events() {
        return events;
    }

    /** SQS, built on first use. */
    public Supplier<SqsClient> sqs() {
        return sqs;
    }

    /** DynamoDB (the run table), built on first use: only sweep runs need it. */
    public Supplier<DynamoDbClient> dynamo() {
        return dynamo;
    }

    /**
     * After a SnapStart restore every EC2 pacer starts full, as in a new instance: the tokens priming spent were
     * spent at snapshot time, timed by a clock that may stand still across the snapshot.
     */
    public void restartPacers() {
        pacers.restartAll();
    }

    /** SnapStart priming's S3 step, through the report writer's client ({@link PrimingCalls#s3}). */
    public void primeS3(String bucket, boolean pathStyle) {
        PrimingCalls.s3(s3(pathStyle), bucket);
    }

    /**
     * The priming handler's report bucket: the function's own, on an S3 client like {@link #s3} whose HTTP client
     * never connects ({@link PrimingStandIns}): each put is signed, read and answered here, nothing is written.
     */
    public ReportBucket primingReportBucket(String bucket, boolean pathStyle) {
        S3Client answeredHere = S3Client.builder()
                .httpClient(PrimingStandIns.ANSWERS)
                .credentialsProvider(credentials)
                .overrideConfiguration(common())
                .forcePathStyle(pathStyle)
                .build();
        return new S3ReportBucket(bucket, () -> answeredHere);
    }

    /**
     * The priming handler's EventBridge: a client like {@link #events} whose HTTP client never connects ({@link
     * PrimingStandIns}): each PutEvents is signed and answered here, as EventBridge answers one it takes whole.
     */
    public EventBridgeClient primingEvents() {
        return EventBridgeClient.builder()
                .httpClient(PrimingStandIns.ANSWERS)
                .credentialsProvider(credentials)
                .overrideConfiguration(common())
                .build();
    }

    /**
     * SnapStart priming's EC2 after its first rounds: the function's own EC2 code (SDK client, pacing interceptor, RAM
     * lookups) on an HTTP client that never connects ({@link PrimingStandIns#ANSWERS}: every read finds nothing, a
     * revoke is answered as carried out, RAM lists no share), with pacers that never wait. So further rounds, which let
     * the JIT compile what a first invocation runs, make no call and spend none of the account's EC2 budget.
     */
    public SdkEc2Gateway primingEc2() {
        return ec2(
                PrimingStandIns.ANSWERS,
                credentials,
                new CallPacer(UNBOUNDED, UNBOUNDED),
                new CallPacer(UNBOUNDED, UNBOUNDED),
                new ThrottlingRetries(),
                null);
    }

    /** SnapStart priming's Security Hub step, through the notes' client ({@link PrimingCalls#securityHub}). */
    public void primeSecurityHub() {
        PrimingCalls.securityHub(securityHub.get());
    }

    /** SnapStart priming's run-table step, through the run table's client ({@link PrimingCalls#runTable}). */
    public void primeRunTable(String table) {
        PrimingCalls.runTable(dynamo.get(), table);
    }

    /** SnapStart priming's EventBridge step ({@link PrimingCalls#eventBridge}). */
    public void primeEventBridge() {
        PrimingCalls.eventBridge(events);
    }

    /**
     * The clients for an instance of which up to {@code instances} run at once (the function's concurrency cap): each
     * paces its EC2 calls at its share of the account's buckets. {@code members}: how member accounts are reached.
     */
    public static AwsClients create(int instances, MemberAccess members) {
        // One HTTP client (and one TLS context and trust store) for every service and account.
        SdkHttpClient http = UrlConnectionHttpClient.create();
        AwsCredentialsProvider credentials = lambdaCredentials();
        Pacers pacers = new Pacers(instances);
        ThrottlingRetries throttling = new ThrottlingRetries();
        SdkEc2Gateway own = ec2(http, credentials, pacers, throttling, null);
        EventBridgeClient events = EventBridgeClient.builder()
                .httpClient(http)
                .credentialsProvider(credentials)
                .overrideConfiguration(common())
                .build();
        // Every other place's client on first use; STS only when a member account is first asked for.
        Ec2Gateways gateways = new MemberAccountGateways(
                new MemberAccountGateways.Place(own, own),
                members,
                (placeCredentials, region) -> {
                    SdkEc2Gateway there = ec2(
                            http,
                            placeCredentials == null ? credentials : placeCredentials,
                            pacers,
                            throttling,
                            region);
                    return new MemberAccountGateways.Place(there, there);
                },
                () -> MemberRoleCredentials.stsClient(http, credentials, common()));
        // SQS (the result fallback, a sweep's hand-over) is rarely needed: its client is built on first use, once.
        Supplier<SqsClient> sqs = new OnFirstUse<>(() -> SqsClient.builder()
                .httpClient(http)
                .credentialsProvider(credentials)
                .overrideConfiguration(common())
                .build());
        // Security Hub (a note on each finding acted on) is built on first use too, or by SnapStart priming.
        Supplier<FindingsApi> securityHub = new OnFirstUse<>(
                () -> SignedFindingsApi.create(credentials, new DefaultAwsRegionProviderChain().getRegion()));
        // DynamoDB (the run table): only sweep runs need it.
        Supplier<DynamoDbClient> dynamo = new OnFirstUse<>(() -> DynamoDbClient.builder()
                .httpClient(http)
                .credentialsProvider(credentials)
                .overrideConfiguration(common())
                .build());
        return new AwsClients(own, gateways, events, sqs, dynamo, pacers, throttling, http, credentials, securityHub);
    }

    /**
     * An EC2 client and its pacing for one account and region (null: the SDK's, the function's own): EC2's buckets
     * are per account and region, so each place has its own.
     */
    private static SdkEc2Gateway ec2(
            SdkHttpClient http,
            AwsCredentialsProvider credentials,
            Pacers pacers,
            ThrottlingRetries throttling,
            String region) {
        return ec2(http, credentials, pacers.describing(), pacers.mutating(), throttling, region);
    }

    private static SdkEc2Gateway ec2(
            SdkHttpClient http,
            AwsCredentialsProvider credentials,
            CallPacer describes,
            CallPacer revokes,
            ThrottlingRetries throttling,
            String region) {
        Ec2ClientBuilder builder = Ec2Client.builder();
        if (region != null) {
            builder.region(Region.of(region));
        }
        Ec2Client ec2 = builder.httpClient(http)
                .credentialsProvider(credentials)
                .overrideConfiguration(common().toBuilder()
                        .addExecutionInterceptor(new PacingInterceptor(describes, revokes))
                        .addMetricPublisher(throttling)
                        .build())
                .build();
        AwsCredentialsProvider ramCredentials = credentials;
        Supplier<SharedGroups.RamResources> ram = new OnFirstUse<>(() -> RamCalls.of(
                http,
                ramCredentials,
                region != null ? Region.of(region) : new DefaultAwsRegionProviderChain().getRegion()));
        return new SdkEc2Gateway(ec2, describes, revokes, ram);
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
