package dev.sgrevoker.handler;

import dev.sgrevoker.config.FunctionConfig;
import dev.sgrevoker.intake.trigger.OrganizationAccounts;
import dev.sgrevoker.priming.SnapStartPriming;
import dev.sgrevoker.report.FindingUpdater;
import dev.sgrevoker.report.ResultFallback;
import dev.sgrevoker.report.ResultPublisher;
import dev.sgrevoker.report.bucket.ReportBucket;
import dev.sgrevoker.revoke.Ec2Gateways;
import dev.sgrevoker.revoke.HandOver;
import dev.sgrevoker.run.SweepRuns;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What a handler is built from: its configuration, the engine's ports, and where results, unfinished sweeps and
 * metric lines go. Lambda's come from {@link Wiring}; a test's from {@link RevokeHandler#builder()}.
 *
 * @param gateways EC2 per account and region, and what a sweep reads of the function's own ({@link
 *     dev.sgrevoker.revoke.RuleInventory#NONE}: this handler cannot sweep)
 * @param reportBucket where reports and plans go (REPORT_BUCKET); empty: none are written, and no plan applied
 * @param metrics where each EMF metric line goes (stdout in Lambda, where CloudWatch Logs reads it)
 * @param priming the SnapStart hook, kept by the handler: org.crac holds it only weakly
 * @param findingUpdater where the notes on Security Hub findings acted on go ({@link FindingUpdater#NONE}: nowhere)
 * @param ec2ThrottlingRetries the EC2 calls retried after throttling since it was last asked (0 for fakes)
 * @param organization the organization's accounts, for ALLOWED_ACCOUNT_IDS=organization (else NONE: never read)
 * @param runs sweep runs (dispatch, the run table, the roll-up): empty without the shard queue and the run table
 */
public record Parts(
        FunctionConfig config,
        Ec2Gateways gateways,
        ResultPublisher publisher,
        ResultFallback fallback,
        HandOver handOver,
        Optional<ReportBucket> reportBucket,
        Consumer<String> metrics,
        Optional<SnapStartPriming> priming,
        LongSupplier ec2ThrottlingRetries,
        OrganizationAccounts organization,
        FindingUpdater findingUpdater,
        Optional<SweepRuns> runs) {}
