package dev.sgrevoker.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.trigger.PolicySettings;
import dev.sgrevoker.intake.trigger.TriggerConfig;
import dev.sgrevoker.intake.trigger.TriggerFamily;
import dev.sgrevoker.intake.trigger.TriggerShape;
import dev.sgrevoker.intake.trigger.Triggers;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.report.EventBridgeResultPublisher;
import dev.sgrevoker.report.ResultPublisher;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.revoke.HandOver;
import dev.sgrevoker.revoke.Revoker;
import dev.sgrevoker.revoke.RuleInventory;
import dev.sgrevoker.revoke.Sweeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The Lambda entry point for every trigger. It only wires: intake, revocation, result event, response. */
public final class RevokeHandler implements RequestStreamHandler {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Invocation invocation;
    private final Map<String, String> environment;
    private volatile TriggerConfig config;

    /** Lambda's constructor: clients built once per execution environment, endpoints from the SDK's own settings. */
    public RevokeHandler() {
        this(AwsClients.fromEnvironment(), System.getenv(), true);
    }

    /** The real clients with this configuration instead of the process environment (local runs and tests). */
    public RevokeHandler(Map<String, String> environment) {
        this(AwsClients.fromEnvironment(), environment, false);
    }

    private RevokeHandler(AwsClients clients, Map<String, String> environment, boolean snapStart) {
        this(
                clients.gateway(),
                new EventBridgeResultPublisher(
                        clients.events(),
                        Optional.ofNullable(environment.get("EVENT_BUS_NAME"))
                                .filter(s -> !s.isBlank())
                                .orElse("default"),
                        Duration.ofMillis(200)),
                environment,
                Optional.ofNullable(environment.get(RequestQueueHandOver.ENV))
                        .filter(s -> !s.isBlank())
                        .<HandOver>map(url -> new RequestQueueHandOver(url, clients.sqs()))
                        .orElse(HandOver.NONE));
        if (snapStart) {
            new SnapStartPriming(clients.gateway(), clients.events()).register();
        }
    }

    public RevokeHandler(Ec2Gateway ec2, ResultPublisher publisher, Map<String, String> environment) {
        this(ec2, publisher, environment, HandOver.NONE);
    }

    private RevokeHandler(
            Ec2Gateway ec2, ResultPublisher publisher, Map<String, String> environment, HandOver handOver) {
        // Read once per execution environment; a limit or mode that cannot be read fails the start, loudly.
        PolicySettings settings = PolicySettings.fromEnvironment(environment);
        Revoker revoker = new Revoker(ec2, Revoker.RESERVE_MILLIS, settings.guardrails());
        Sweeper sweeper = ec2 instanceof RuleInventory inventory ? new Sweeper(inventory, revoker) : null;
        this.invocation = new Invocation(revoker, publisher, new Invocation.Sweeps(sweeper, settings, handOver));
        this.environment = environment;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = read(input);
        TriggerConfig config = config(context);
        ObjectNode response;
        if (TriggerShape.detect(event) == TriggerFamily.SQS_BATCH) {
            response = SqsMessages.handle(event, config, invocation, context);
        } else {
            RevocationResult result = invocation.revoke(
                    Triggers.normalise(event, config),
                    context.getAwsRequestId(),
                    null,
                    context::getRemainingTimeInMillis);
            response = invocation.report(result, context.getLogger());
        }
        MAPPER.writeValue(output, response);
    }

    /** Read once: the function's own account comes from the invoked ARN, which only the first Context brings. */
    private TriggerConfig config(Context context) {
        if (config == null) {
            config = TriggerConfig.fromEnvironment(environment, context.getInvokedFunctionArn());
        }
        return config;
    }

    private static JsonNode read(InputStream input) throws IOException {
        try {
            return MAPPER.readTree(input);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("(input)", "is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
