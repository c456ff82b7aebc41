package dev.sgrevoker.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.trigger.TriggerConfig;
import dev.sgrevoker.intake.trigger.TriggerFamily;
import dev.sgrevoker.intake.trigger.TriggerShape;
import dev.sgrevoker.intake.trigger.Triggers;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.report.EventBridgeResultPublisher;
import dev.sgrevoker.report.ResultPublisher;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.revoke.Revoker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The Lambda entry point for every trigger. It only wires: intake, revocation, result event, response. */
public final class RevokeHandler implements RequestStreamHandler {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Invocation invocation;
    private final Map<String, String> environment;
    private volatile TriggerConfig config;

    /** Lambda's constructor: clients built once per execution environment, endpoints from the SDK's own settings. */
    public RevokeHandler() {
        this(AwsClients.fromEnvironment());
    }

    private RevokeHandler(AwsClients clients) {
        this(clients.gateway(), clients.events());
    }

    private RevokeHandler(Ec2Gateway ec2, EventBridgeClient events) {
        this(
                ec2,
                new EventBridgeResultPublisher(
                        events,
                        Optional.ofNullable(System.getenv("EVENT_BUS_NAME"))
                                .filter(s -> !s.isBlank())
                                .orElse("default"),
                        Duration.ofMillis(200)),
                System.getenv());
        new SnapStartPriming(ec2, events).register();
    }

    public RevokeHandler(Ec2Gateway ec2, ResultPublisher publisher, Map<String, String> environment) {
        this.invocation = new Invocation(new Revoker(ec2), publisher);
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
