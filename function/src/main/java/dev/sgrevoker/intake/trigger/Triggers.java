package dev.sgrevoker.intake.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.DirectInvoke;
import dev.sgrevoker.policy.SweepOrder;
import java.util.List;

/**
 * Turns one event (not an SQS batch: see {@link SqsBatch}) into the requests to run and the skips to report.
 * Pure: the handler supplies configuration and does all I/O.
 */
public final class Triggers {
    private Triggers() {}

    public static TriggerResult normalise(JsonNode event, TriggerConfig config) {
        TriggerFamily family = TriggerShape.detect(event);
        return switch (family) {
            case DIRECT -> direct(event, "", family, config);
            case SQS_BATCH ->
                throw new IllegalArgumentException("an SQS batch is normalised per message: use SqsBatch.messages");
            default -> envelope(event, family, config);
        };
    }

    private static TriggerResult envelope(JsonNode event, TriggerFamily family, TriggerConfig config) {
        config.accounts().checkEvent(EventJson.requiredText(event, "account", "account"), "account");
        return switch (family) {
            case EVENTBRIDGE_REQUEST -> direct(event.get("detail"), "detail", family, config);
            // A bare schedule runs the configured sweep (SWEEP); the handler refuses it when none is configured.
            case SCHEDULED_EVENT -> TriggerResult.sweep(family, new SweepOrder.Configured());
            case CLOUDTRAIL_AUTHORIZE_INGRESS -> CloudTrailIngress.normalise(event, config);
            case SECURITY_HUB_FINDINGS -> SecurityHubFindings.normalise(event, config);
            case CONFIG_COMPLIANCE_CHANGE -> ConfigComplianceChange.normalise(event, config);
            default -> throw new IllegalStateException("not an EventBridge family: " + family);
        };
    }

    /** A direct-invoke payload; inside an envelope its errors are named below {@code detail}. */
    private static TriggerResult direct(JsonNode payload, String path, TriggerFamily family, TriggerConfig config) {
        if (SweepDocument.handles(payload)) {
            return SweepDocument.normalise(payload, path, family, config);
        }
        try {
            DirectInvoke.Parsed parsed = DirectInvoke.parse(payload);
            return new TriggerResult(family, parsed.form(), parsed.requests(), List.of());
        } catch (InvalidRequestException e) {
            if (path.isEmpty()) {
                throw e;
            }
            String field = e.field().equals("(input)") ? path : path + "." + e.field();
            throw new InvalidRequestException(field, e.reason());
        }
    }
}
