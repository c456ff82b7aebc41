package dev.sgrevoker.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.aws.AwsClients;
import dev.sgrevoker.config.FunctionConfig;
import dev.sgrevoker.intake.InputJson;
import dev.sgrevoker.intake.trigger.Envelope;
import dev.sgrevoker.intake.trigger.EventOrigin;
import dev.sgrevoker.intake.trigger.OrganizationAccounts;
import dev.sgrevoker.intake.trigger.TriggerConfig;
import dev.sgrevoker.intake.trigger.TriggerShape;
import dev.sgrevoker.intake.trigger.Triggers;
import dev.sgrevoker.model.Provenance;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.priming.SnapStartPriming;
import dev.sgrevoker.report.FindingUpdater;
import dev.sgrevoker.report.JsonText;
import dev.sgrevoker.report.ResultFallback;
import dev.sgrevoker.report.ResultPublisher;
import dev.sgrevoker.report.bucket.ReportBucket;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.revoke.Ec2Gateways;
import dev.sgrevoker.revoke.HandOver;
import dev.sgrevoker.revoke.RuleInventory;
import dev.sgrevoker.run.SweepRuns;
import dev.sgrevoker.telemetry.InvocationIds;
import dev.sgrevoker.telemetry.RecordLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Lambda entry point for every trigger. It reads the event once, recognises its family once, and hands it to
 * intake, the engine and the report ({@link Invocation}, or {@link SqsMessages} for a batch); then writes the response.
 */
public final class RevokeHandler implements RequestStreamHandler {
    private final FunctionConfig config;
    private final Invocation invocation;
    /** Kept for as long as the handler lives: org.crac holds the hook only weakly, until the snapshot. */
    private final Optional<SnapStartPriming> priming;

    private final OrganizationAccounts organization;

    private volatile TriggerConfig triggers;

    /** Lambda's constructor: configuration and clients read and built once per execution environment. */
    public RevokeHandler() {
        this(Wiring.lambda(FunctionConfig.fromEnvironment()));
    }

    public RevokeHandler(Parts parts) {
        this.config = parts.config();
        this.invocation = new Invocation(parts);
        this.priming = parts.priming();
        this.organization = parts.organization();
    }

    /** A handler built from what a test gives it; whatever it does not give is the real one, as in Lambda. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        RecordLog log = new RecordLog(context.getLogger(), InvocationIds.of(context.getAwsRequestId()));
        JsonNode event = InputJson.read(input); // bounded and strict: duplicate keys, nesting and size are refused
        // The organization's accounts, where they are needed, are read at most once for this invocation.
        TriggerConfig config = triggerConfig(context).forOneInvocation();
        JsonNode response = switch (TriggerShape.detect(event)) {
            case Envelope.Batch batch ->
                SqsMessages.response(SqsMessages.handle(batch, config, invocation, log, context));
            case Envelope.Single single -> {
                Provenance from = EventOrigin.of(single, Instant.now());
                RecordLog about = log.about(null, from);
                RevocationResult result = invocation.revoke(
                        Triggers.normalise(single, config),
                        new Invocation.Call(about, from, context::getRemainingTimeInMillis, config.accounts()));
                yield invocation.report(result, about).document();
            }
        };
        JsonText.write(response, output);
    }

    /**
     * Read at the first invocation: the function's own account and region come from the invoked ARN, which only a
     * Context brings (unless ACCOUNT_ID names the account: sam local invoke's emulator always says 012345678912).
     */
    private TriggerConfig triggerConfig(Context context) {
        if (triggers == null) {
            triggers = config.triggerConfig(context.getInvokedFunctionArn(), organization);
            invocation.ownAccount(triggers.accounts().ownAccount());
        }
        return triggers;
    }

    /** For tests: set what differs from Lambda's wiring; the SDK clients are built only if a real part is needed. */
    public static final class Builder {
        private FunctionConfig config;
        private Ec2Gateways gateways;
        private Ec2Gateway own;
        private RuleInventory inventory;
        private ResultPublisher publisher;
        private ResultFallback fallback;
        private HandOver handOver;
        private OrganizationAccounts organization;
        private ReportBucket reportBucket;
        private Consumer<String> metrics = Wiring.STDOUT;
        private FindingUpdater findingUpdater;
        private SweepRuns runs;

        private Builder() {}

        /** The settings, as the function's environment would give them (default: none set). */
        public Builder environment(Map<String, String> environment) {
            return config(FunctionConfig.read(environment));
        }

        public Builder config(FunctionConfig config) {
            this.config = config;
            return this;
        }

        /** Every request in the function's own account through {@code own}; a member account's fails, naming it. */
        public Builder ec2(Ec2Gateway own) {
            this.own = own;
            return this;
        }

        /** EC2 per account and region, with what a sweep reads (its own: {@link #inventory} is for {@link #ec2}). */
        public Builder gateways(Ec2Gateways gateways) {
            this.gateways = gateways;
            return this;
        }

        /** What a sweep reads through {@link #ec2}'s gateway; without one, that handler cannot sweep. */
        public Builder inventory(RuleInventory inventory) {
            this.inventory = inventory;
            return this;
        }

        public Builder publisher(ResultPublisher publisher) {
            this.publisher = publisher;
            return this;
        }

        public Builder fallback(ResultFallback fallback) {
            this.fallback = fallback;
            return this;
        }

        public Builder handOver(HandOver handOver) {
            this.handOver = handOver;
            return this;
        }

        /** The organization's accounts, for ALLOWED_ACCOUNT_IDS=organization (default: Organizations, as in Lambda). */
        public Builder organization(OrganizationAccounts organization) {
            this.organization = organization;
            return this;
        }

        /** Where reports and plans go; unset: REPORT_BUCKET's, as in Lambda (none when it is empty). */
        public Builder reportBucket(ReportBucket reportBucket) {
            this.reportBucket = reportBucket;
            return this;
        }

        /** Sweep runs over a test's run table and queue (default: Lambda's, when configured). */
        public Builder runs(SweepRuns runs) {
            this.runs = runs;
            return this;
        }

        public Builder metrics(Consumer<String> metrics) {
            this.metrics = metrics;
            return this;
        }

        /** Where the notes on findings go (default: Security Hub, unless UPDATE_FINDINGS is false). */
        public Builder findingUpdater(FindingUpdater findingUpdater) {
            this.findingUpdater = findingUpdater;
            return this;
        }

        public RevokeHandler build() {
            FunctionConfig c = config != null ? config : FunctionConfig.read(Map.of());
            Supplier<AwsClients> clients = new Supplier<>() {
                private AwsClients built;

                @Override
                public AwsClients get() {
                    if (built == null) {
                        built = AwsClients.create(c.maxConcurrency(), c.memberAccess());
                    }
                    return built;
                }
            };
            if (gateways != null && (own != null || inventory != null)) {
                throw new IllegalStateException("gateways carry their own EC2 and inventory: give one or the other");
            }
            Ec2Gateways ec2 = gateways != null
                    ? gateways
                    : own != null || inventory != null
                            ? Ec2Gateways.ownOnly(
                                    own != null ? own : clients.get().gateway(),
                                    inventory != null ? inventory : RuleInventory.NONE)
                            : clients.get().gateways();
            return new RevokeHandler(new Parts(
                    c,
                    ec2,
                    publisher != null ? publisher : Wiring.publisher(c, clients.get()),
                    fallback != null ? fallback : Wiring.fallback(c, clients),
                    handOver != null ? handOver : Wiring.handOver(c, clients),
                    reportBucket != null ? Optional.of(reportBucket) : Wiring.reportBucket(c, clients),
                    metrics,
                    Optional.empty(),
                    gateways == null && own == null ? () -> clients.get().drainEc2ThrottlingRetries() : () -> 0,
                    organization != null ? organization : Wiring.organization(c, clients),
                    findingUpdater != null ? findingUpdater : Wiring.findingUpdater(c, clients),
                    runs != null ? Optional.of(runs) : Wiring.runs(c, clients)));
        }
    }
}
