package dev.sgrevoker.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.intake.InputJson;
import dev.sgrevoker.intake.trigger.TriggerConfig;
import dev.sgrevoker.intake.trigger.TriggerFamily;
import dev.sgrevoker.intake.trigger.TriggerShape;
import dev.sgrevoker.intake.trigger.Triggers;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.report.EventBridgeResultPublisher;
import dev.sgrevoker.report.ResultPublisher;
import dev.sgrevoker.revoke.CrossAccountRevoker;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.revoke.Ec2Gateways;
import dev.sgrevoker.revoke.Guards;
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
        this(System.getenv());
    }

    /** Real clients as in Lambda, with configuration from {@code environment} (Lambda's own, or a test's). */
    public RevokeHandler(Map<String, String> environment) {
        this(AwsClients.fromEnvironment(environment), environment);
    }

    private RevokeHandler(AwsClients clients, Map<String, String> environment) {
        this(
                clients.gateways(),
                new EventBridgeResultPublisher(
                        clients.events(),
                        Optional.ofNullable(environment.get("EVENT_BUS_NAME"))
                                .filter(s -> !s.isBlank())
                                .orElse("default"),
                        Duration.ofMillis(200)),
                environment);
        new SnapStartPriming(clients.gateway(), clients.events()).register();
    }

    /** Every request in the function's own account through {@code ec2}; one for a member account fails, naming it. */
    public RevokeHandler(Ec2Gateway ec2, ResultPublisher publisher, Map<String, String> environment) {
        this(Ec2Gateways.ownOnly(ec2), publisher, environment);
    }

    public RevokeHandler(Ec2Gateways gateways, ResultPublisher publisher, Map<String, String> environment) {
        this.invocation =
                new Invocation(new CrossAccountRevoker(gateways, Guards.fromEnvironment(environment)), publisher);
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
        return InputJson.read(input); // bounded and strict: duplicate keys, nesting and size are refused
    }
}
