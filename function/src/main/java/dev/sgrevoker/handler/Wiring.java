package dev.sgrevoker.handler;

import dev.sgrevoker.aws.AwsClients;
import dev.sgrevoker.aws.DynamoRunTable;
import dev.sgrevoker.aws.EventBridgeResultPublisher;
import dev.sgrevoker.aws.EventBridgeRunEvents;
import dev.sgrevoker.aws.PrimingStandIns;
import dev.sgrevoker.aws.RequestQueueHandOver;
import dev.sgrevoker.aws.S3ReportBucket;
import dev.sgrevoker.aws.SdkEc2Gateway;
import dev.sgrevoker.aws.SqsResultFallback;
import dev.sgrevoker.aws.SqsShardQueue;
import dev.sgrevoker.config.FunctionConfig;
import dev.sgrevoker.config.RunSettings;
import dev.sgrevoker.intake.trigger.OrganizationAccounts;
import dev.sgrevoker.priming.SnapStartPriming;
import dev.sgrevoker.report.FindingUpdater;
import dev.sgrevoker.report.ResultFallback;
import dev.sgrevoker.report.ResultPublisher;
import dev.sgrevoker.report.bucket.ReportBucket;
import dev.sgrevoker.report.bucket.RunReport;
import dev.sgrevoker.revoke.HandOver;
import dev.sgrevoker.run.SweepRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Chooses the real adapters for a configuration: the one place the handler's parts meet the SDK clients. */
final class Wiring {
    /** EMF lines go to stdout, whole (System.out is looked up per line, so a test can capture it). */
    static final Consumer<String> STDOUT = line -> System.out.println(line);

    /** The priming handler's metric lines are made up: dropped. */
    static final Consumer<String> DROPPED = line -> {};

    /** Between PutEvents attempts for the entries EventBridge did not take, doubling. */
    private static final Duration PUBLISH_BACKOFF = Duration.ofMillis(200);

    private Wiring() {}

    /** Lambda's: the SDK clients built once, and the SnapStart priming hook registered, kept by the handler. */
    static Parts lambda(FunctionConfig config) {
        AwsClients clients = AwsClients.create(config.maxConcurrency(), config.memberAccess());
        SnapStartPriming priming = priming(config, clients).register();
        return new Parts(
                config,
                clients.gateways(),
                publisher(config, clients),
                fallback(config, () -> clients),
                handOver(config, () -> clients),
                reportBucket(config, () -> clients),
                STDOUT,
                Optional.of(priming),
                clients::drainEc2ThrottlingRetries,
                organization(config, () -> clients),
                findingUpdater(config, () -> clients),
                runs(config, () -> clients));
    }

    /** In organization mode, the organization's accounts through Organizations; else none are ever read. */
    static OrganizationAccounts organization(FunctionConfig config, Supplier<AwsClients> clients) {
        return config.reach().organization()
                ? clients.get().organization(config.reach().organizationUnits(), config.region())
                : OrganizationAccounts.NONE;
    }

    /** Sweep runs, when the shard queue, the run table and the request queue (the deadline's) are configured. */
    static Optional<SweepRuns> runs(FunctionConfig config, Supplier<AwsClients> clients) {
        RunSettings runs = config.runs();
        Optional<String> requestQueue = config.delivery().requestQueueUrl();
        if (!runs.enabled() || requestQueue.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SweepRuns(
                new DynamoRunTable(
                        runs.runTableName().get(), () -> clients.get().dynamo().get()),
                new SqsShardQueue(
                        runs.shardQueueUrl().get(),
                        requestQueue.get(),
                        () -> clients.get().sqs().get(),
                        config.authorizedTcp(),
                        config.authorizedUdp()),
                detail -> new EventBridgeRunEvents(
                                clients.get().events(), config.delivery().eventBusName())
                        .rollUp(detail),
                new SweepRuns.Settings(runs.maxRevocationsPerRun(), runs.deadline()),
                Instant::now,
                reportBucket(config, clients).map(RunReport::new)));
    }

    /**
     * The priming hook (not yet registered): each priming handler is built as the function's is, on the made-up
     * group's EC2, with its results rendered and sent nowhere, and its metric lines dropped.
     */
    static SnapStartPriming priming(FunctionConfig config, AwsClients clients) {
        ResultPublisher publisher = PrimingStandIns.publisher(
                clients.primingEvents(), config.delivery().eventBusName());
        SdkEc2Gateway answered = clients.primingEc2();
        return new SnapStartPriming(new SnapStartPriming.Parts(
                ec2 -> RevokeHandler.builder()
                        .config(config)
                        .ec2(ec2)
                        .inventory(ec2)
                        .publisher(publisher)
                        .fallback(ResultFallback.NONE)
                        .handOver(HandOver.NONE)
                        // Priming reads no organization: an event of a member account is refused while priming.
                        .organization(OrganizationAccounts.NONE)
                        .reportBucket(config.reports()
                                .bucket()
                                .map(bucket -> clients.primingReportBucket(
                                        bucket, config.reports().pathStyle()))
                                .orElse(null))
                        .metrics(DROPPED)
                        .findingUpdater(PrimingStandIns.findingUpdater())
                        .build(),
                clients.gateway(),
                clients.gateway(),
                answered,
                answered,
                clients::primeEventBridge,
                config.reports()
                        .bucket()
                        .<Runnable>map(bucket ->
                                () -> clients.primeS3(bucket, config.reports().pathStyle())),
                config.delivery().updateFindings()
                        ? Optional.<Runnable>of(clients::primeSecurityHub)
                        : Optional.empty(),
                config.runs().runTableName().<Runnable>map(table -> () -> clients.primeRunTable(table)),
                clients::restartPacers,
                config.region(),
                config.policy().guardrails().defaultGroupEgress().revokes()));
    }

    /** The report bucket when one is configured (REPORT_BUCKET), on an S3 client built when first written to. */
    static Optional<ReportBucket> reportBucket(FunctionConfig config, Supplier<AwsClients> clients) {
        boolean pathStyle = config.reports().pathStyle();
        return config.reports()
                .bucket()
                .map(bucket -> new S3ReportBucket(bucket, () -> clients.get().s3(pathStyle)));
    }

    /** Result events on the configured bus. */
    static ResultPublisher publisher(FunctionConfig config, AwsClients clients) {
        return new EventBridgeResultPublisher(
                clients.events(), config.delivery().eventBusName(), PUBLISH_BACKOFF);
    }

    /** The fallback queue when one is configured; else none, and a lost event is the caller's to judge. */
    static ResultFallback fallback(FunctionConfig config, Supplier<AwsClients> clients) {
        return config.delivery()
                .resultFallbackQueueUrl()
                .<ResultFallback>map(url -> new SqsResultFallback(clients.get().sqs(), url))
                .orElse(ResultFallback.NONE);
    }

    /** The request queue when one is configured; else a sweep out of time fails its groups. */
    static HandOver handOver(FunctionConfig config, Supplier<AwsClients> clients) {
        return config.delivery()
                .requestQueueUrl()
                .<HandOver>map(url -> new RequestQueueHandOver(
                        url, () -> clients.get().sqs().get(), config.authorizedTcp(), config.authorizedUdp()))
                .orElse(HandOver.NONE);
    }

    /** Notes on the findings acted on, through Security Hub; none when UPDATE_FINDINGS is false. */
    static FindingUpdater findingUpdater(FunctionConfig config, Supplier<AwsClients> clients) {
        return config.delivery().updateFindings()
                ? (notes, within) ->
                        clients.get().findingUpdater(PUBLISH_BACKOFF).update(notes, within)
                : FindingUpdater.NONE;
    }
}
