package dev.sgrevoker.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.DirectInvoke;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.report.EventBridgeResultPublisher;
import dev.sgrevoker.report.ResultDocument;
import dev.sgrevoker.report.ResultPublisher;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.revoke.Revoker;
import dev.sgrevoker.revoke.SdkEc2Gateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The Lambda entry point. It only wires: intake, revocation, result event, response. */
public final class RevokeHandler implements RequestStreamHandler {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Revoker revoker;
    private final ResultPublisher publisher;

    /** Lambda's constructor: clients built once per execution environment, endpoints from the SDK's own settings. */
    public RevokeHandler() {
        this(new SdkEc2Gateway(AwsClients.ec2()), AwsClients.eventBridge());
    }

    private RevokeHandler(Ec2Gateway ec2, EventBridgeClient events) {
        this(ec2, new EventBridgeResultPublisher(events,
                Optional.ofNullable(System.getenv("EVENT_BUS_NAME")).filter(s -> !s.isBlank()).orElse("default"),
                Duration.ofMillis(200)));
        new SnapStartPriming(ec2, events).register();
    }

    public RevokeHandler(Ec2Gateway ec2, ResultPublisher publisher) {
        this.revoker = new Revoker(ec2);
        this.publisher = publisher;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode payload = read(input);
        DirectInvoke.Parsed parsed = DirectInvoke.parse(payload);
        boolean dryRun = parsed.requests().stream().allMatch(RevocationRequest::dryRun);
        RevocationResult result = new RevocationResult(context.getAwsRequestId(), parsed.form(), dryRun,
                revoker.revoke(parsed.requests(), context::getRemainingTimeInMillis));
        ObjectNode response = ResultDocument.response(result);
        // Logged before publishing, so the result survives in the logs even if the event cannot be delivered.
        context.getLogger().log("sg-revoker result " + response + "\n");
        publisher.publish(result);
        MAPPER.writeValue(output, response);
    }

    private static JsonNode read(InputStream input) throws IOException {
        try {
            return MAPPER.readTree(input);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("(input)", "is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
