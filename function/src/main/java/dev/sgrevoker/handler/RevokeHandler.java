package dev.sgrevoker.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.aws.AwsClients;
import dev.sgrevoker.aws.EventBridgeResultPublisher;
import dev.sgrevoker.aws.RequestQueueHandOver;
import dev.sgrevoker.aws.SqsResultFallback;
import dev.sgrevoker.config.FunctionConfig;
import dev.sgrevoker.config.PolicySettings;
import dev.sgrevoker.intake.InputJson;
import dev.sgrevoker.intake.trigger.Envelope;
import dev.sgrevoker.intake.trigger.EventOrigin;
import dev.sgrevoker.intake.trigger.TriggerConfig;
import dev.sgrevoker.intake.trigger.TriggerShape;
import dev.sgrevoker.intake.trigger.Triggers;
import dev.sgrevoker.model.Provenance;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.report.JsonText;
import dev.sgrevoker.report.ResultFallback;
import dev.sgrevoker.report.ResultPublisher;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.revoke.Ec2Gateways;
import dev.sgrevoker.revoke.HandOver;
import dev.sgrevoker.revoke.RuleInventory;
import dev.sgrevoker.telemetry.InvocationIds;
import dev.sgrevoker.telemetry.Metrics;
import dev.sgrevoker.telemetry.RecordLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The Lambda entry point for every trigger. It only wires: intake, revocation, result event, response. */
public final class RevokeHandler implements RequestStreamHandler {

    private final Invocation invocation;
    private final FunctionConfig config;
    private volatile TriggerConfig triggers;

    /** Lambda's constructor: clients built once per execution environment, endpoints from the SDK's own settings. */
    public RevokeHandler() {
        this(FunctionConfig.fromEnvironment(), true);
    }

    /** Real clients as in Lambda, with configuration from {@code environment} (a test's, a local run's). */
    public RevokeHandler(Map<String, String> environment) {
        this(FunctionConfig.read(environment), false);
    }

    private RevokeHandler(FunctionConfig config, boolean snapStart) {
        this(AwsClients.create(config.maxConcurrency(), config.memberAccess()), config, snapStart);
    }

    private RevokeHandler(AwsClients clients, FunctionConfig config, boolean snapStart) {
        this(
                clients.gateways(),
                new EventBridgeResultPublisher(
                        clients.events(), config.delivery().eventBusName(), Duration.ofMillis(200)),
                config.delivery()
                        .resultFallbackQueueUrl()
                        .<ResultFallback>map(url -> new SqsResultFallback(clients.sqs(), url))
                        .orElse(ResultFallback.NONE),
                config,
                config.delivery()
                        .requestQueueUrl()
                        .<HandOver>map(url -> new RequestQueueHandOver(url, clients.sqs()))
                        .orElse(HandOver.NONE));
        if (snapStart) {
            new SnapStartPriming(clients.gateway(), clients.events(), config, clients::restartPacers).register();
        }
    }

    /** Every request in the function's own account through {@code ec2}; one for a member account fails, naming it. */
    public RevokeHandler(Ec2Gateway ec2, ResultPublisher publisher, Map<String, String> environment) {
        this(ec2, publisher, FunctionConfig.read(environment));
    }

    RevokeHandler(Ec2Gateway ec2, ResultPublisher publisher, FunctionConfig config) {
        this(Ec2Gateways.ownOnly(ec2), publisher, ResultFallback.NONE, config, HandOver.NONE);
    }

    public RevokeHandler(
            Ec2Gateway ec2, ResultPublisher publisher, ResultFallback fallback, Map<String, String> environment) {
        this(Ec2Gateways.ownOnly(ec2), publisher, fallback, FunctionConfig.read(environment), HandOver.NONE);
    }

    public RevokeHandler(
            Ec2Gateways gateways, ResultPublisher publisher, ResultFallback fallback, Map<String, String> environment) {
        this(gateways, publisher, fallback, FunctionConfig.read(environment), HandOver.NONE);
    }

    private RevokeHandler(
            Ec2Gateways gateways,
            ResultPublisher publisher,
            ResultFallback fallback,
            FunctionConfig config,
            HandOver handOver) {
        // Read once per execution environment; a setting that cannot be read has already failed the start.
        PolicySettings settings = config.policy();
        Optional<RuleInventory> inventory =
                gateways.forAccount(null) instanceof RuleInventory own ? Optional.of(own) : Optional.empty();
        this.invocation = new Invocation(
                gateways,
                publisher,
                fallback,
                new Metrics(line -> System.out.println(line)),
                new Invocation.Sweeps(inventory, settings, handOver));
        this.config = config;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        RecordLog log = new RecordLog(context.getLogger(), InvocationIds.of(context.getAwsRequestId()));
        JsonNode event = read(input);
        TriggerConfig config = config(context);
        JsonNode response = switch (TriggerShape.detect(event)) {
            case Envelope.Batch batch ->
                SqsMessages.response(SqsMessages.handle(batch, config, invocation, log, context));
            case Envelope.Single single -> {
                Provenance from = EventOrigin.of(single, Instant.now());
                RecordLog about = log.about(null, from);
                RevocationResult result = invocation.revoke(
                        Triggers.normalise(single, config),
                        new Invocation.Call(about, from, context::getRemainingTimeInMillis));
                yield invocation.report(result, about).document();
            }
        };
        JsonText.write(response, output);
    }

    /**
     * Read at the first invocation: the function's own account and region come from the invoked ARN, which only a
     * Context brings (unless ACCOUNT_ID names the account: sam local invoke's emulator always says 012345678912).
     */
    private TriggerConfig config(Context context) {
        if (triggers == null) {
            triggers = config.triggerConfig(context.getInvokedFunctionArn());
        }
        return triggers;
    }

    private static JsonNode read(InputStream input) throws IOException {
        return InputJson.read(input); // bounded and strict: duplicate keys, nesting and size are refused
    }
}
