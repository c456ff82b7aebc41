package dev.sgrevoker.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.aws.AwsClients;
import dev.sgrevoker.aws.EventBridgeResultPublisher;
import dev.sgrevoker.aws.RequestQueueHandOver;
import dev.sgrevoker.aws.SqsResultFallback;
import dev.sgrevoker.intake.InputJson;
import dev.sgrevoker.intake.trigger.EventOrigin;
import dev.sgrevoker.intake.trigger.PolicySettings;
import dev.sgrevoker.intake.trigger.TriggerConfig;
import dev.sgrevoker.intake.trigger.TriggerShape;
import dev.sgrevoker.intake.trigger.Triggers;
import dev.sgrevoker.model.Provenance;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.report.JsonText;
import dev.sgrevoker.report.ResultFallback;
import dev.sgrevoker.report.ResultPublisher;
import dev.sgrevoker.revoke.CrossAccountRevoker;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.revoke.Ec2Gateways;
import dev.sgrevoker.revoke.HandOver;
import dev.sgrevoker.revoke.Reserve;
import dev.sgrevoker.revoke.Safeguards;
import dev.sgrevoker.revoke.Sweeper;
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

    /** Where undelivered results go: the template's ResultFallbackQueue. */
    public static final String RESULT_FALLBACK_QUEUE_URL = "RESULT_FALLBACK_QUEUE_URL";

    /** The function's own account, for where the invoked ARN does not carry it (empty in AWS: the ARN does). */
    public static final String ACCOUNT_ID = "ACCOUNT_ID";

    private final Invocation invocation;
    private final Map<String, String> environment;
    private volatile TriggerConfig config;

    /** Lambda's constructor: clients built once per execution environment, endpoints from the SDK's own settings. */
    public RevokeHandler() {
        this(System.getenv(), true);
    }

    /** Real clients as in Lambda, with configuration from {@code environment} (a test's, a local run's). */
    public RevokeHandler(Map<String, String> environment) {
        this(environment, false);
    }

    private RevokeHandler(Map<String, String> environment, boolean snapStart) {
        this(AwsClients.fromEnvironment(environment), environment, snapStart);
    }

    private RevokeHandler(AwsClients clients, Map<String, String> environment, boolean snapStart) {
        this(
                clients.gateways(),
                new EventBridgeResultPublisher(
                        clients.events(),
                        Optional.ofNullable(environment.get("EVENT_BUS_NAME"))
                                .filter(s -> !s.isBlank())
                                .orElse("default"),
                        Duration.ofMillis(200)),
                Optional.ofNullable(environment.get(RESULT_FALLBACK_QUEUE_URL))
                        .filter(s -> !s.isBlank())
                        .<ResultFallback>map(url -> new SqsResultFallback(clients.sqs(), url))
                        .orElse(ResultFallback.NONE),
                environment,
                Optional.ofNullable(environment.get(RequestQueueHandOver.ENV))
                        .filter(s -> !s.isBlank())
                        .<HandOver>map(url -> new RequestQueueHandOver(url, clients.sqs()))
                        .orElse(HandOver.NONE));
        if (snapStart) {
            new SnapStartPriming(clients.gateway(), clients.events()).register();
        }
    }

    /** Every request in the function's own account through {@code ec2}; one for a member account fails, naming it. */
    public RevokeHandler(Ec2Gateway ec2, ResultPublisher publisher, Map<String, String> environment) {
        this(Ec2Gateways.ownOnly(ec2), publisher, ResultFallback.NONE, environment, HandOver.NONE);
    }

    public RevokeHandler(
            Ec2Gateway ec2, ResultPublisher publisher, ResultFallback fallback, Map<String, String> environment) {
        this(Ec2Gateways.ownOnly(ec2), publisher, fallback, environment, HandOver.NONE);
    }

    public RevokeHandler(
            Ec2Gateways gateways, ResultPublisher publisher, ResultFallback fallback, Map<String, String> environment) {
        this(gateways, publisher, fallback, environment, HandOver.NONE);
    }

    private RevokeHandler(
            Ec2Gateways gateways,
            ResultPublisher publisher,
            ResultFallback fallback,
            Map<String, String> environment,
            HandOver handOver) {
        // Read once per execution environment; a limit or mode that cannot be read fails the start, loudly.
        PolicySettings settings = PolicySettings.fromEnvironment(environment);
        RecordLog log = new RecordLog();
        Reserve reserve = new Reserve();
        CrossAccountRevoker revoker =
                new CrossAccountRevoker(gateways, new Safeguards(settings.guardrails(), reserve, log));
        // Sweeps run in the function's own account, through the same engine and guards.
        Sweeper sweeper = new Sweeper(gateways.ownInventory(), revoker.own());
        this.invocation = new Invocation(
                revoker,
                publisher,
                fallback,
                log,
                new Metrics(line -> System.out.println(line)),
                reserve,
                new Invocation.Sweeps(sweeper, settings, handOver));
        this.environment = environment;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        invocation.log().begin(context.getLogger(), context.getAwsRequestId());
        JsonNode event = read(input);
        TriggerConfig config = config(context);
        JsonNode response;
        if (TriggerShape.detect(event) == TriggerFamily.SQS_BATCH) {
            response = SqsMessages.response(SqsMessages.handle(event, config, invocation, context));
        } else {
            Provenance from = EventOrigin.of(event, Instant.now());
            invocation.log().about(null, from);
            RevocationResult result = invocation.revoke(
                    Triggers.normalise(event, config),
                    context.getAwsRequestId(),
                    null,
                    from,
                    context::getRemainingTimeInMillis);
            response = invocation.report(result).document();
        }
        JsonText.write(response, output);
    }

    /**
     * Read once: the function's own account comes from the invoked ARN, which only the first Context brings, unless
     * ACCOUNT_ID names it: where the ARN cannot tell (sam local invoke's emulator always says 012345678912).
     */
    private TriggerConfig config(Context context) {
        if (config == null) {
            config = TriggerConfig.fromEnvironment(
                    environment, withOwnAccount(context.getInvokedFunctionArn(), environment.get(ACCOUNT_ID)));
        }
        return config;
    }

    /** The ARN with its account field replaced by {@code account}, when one is given. */
    static String withOwnAccount(String functionArn, String account) {
        if (account == null || account.isBlank() || functionArn == null) {
            return functionArn;
        }
        if (!account.trim().matches("\\d{12}")) {
            throw new IllegalArgumentException(ACCOUNT_ID + ": '" + account + "' is not a 12-digit account id");
        }
        String[] parts = functionArn.split(":", -1);
        if (parts.length < 7) {
            return functionArn; // not an ARN: the account policy refuses it with its own words
        }
        parts[4] = account.trim();
        return String.join(":", parts);
    }

    private static JsonNode read(InputStream input) throws IOException {
        return InputJson.read(input); // bounded and strict: duplicate keys, nesting and size are refused
    }
}
