package dev.sgrevoker.intake.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.DirectInvoke;
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
            case DIRECT -> direct(event, "", family);
            case SQS_BATCH ->
                throw new IllegalArgumentException("an SQS batch is normalised per message: use SqsBatch.messages");
            default -> envelope(event, family, config);
        };
    }

    private static TriggerResult envelope(JsonNode event, TriggerFamily family, TriggerConfig config) {
        String account = EventJson.requiredText(event, "account", "account");
        config.accounts().checkEvent(account, "account");
        // The account each request acts in (null: our own); a Security Hub finding names its own, per finding.
        return switch (family) {
            case EVENTBRIDGE_REQUEST ->
                direct(event.get("detail"), "detail", family).inAccount(config.accounts(), account);
            case CLOUDTRAIL_AUTHORIZE_INGRESS ->
                CloudTrailIngress.normalise(event, config)
                        .inAccount(config.accounts(), detailAccount(event, "detail.recipientAccountId", account));
            case CONFIG_COMPLIANCE_CHANGE ->
                ConfigComplianceChange.normalise(event, config)
                        .inAccount(config.accounts(), detailAccount(event, "detail.awsAccountId", account));
            case SCHEDULED_EVENT ->
                throw new InvalidRequestException(
                        "detail-type",
                        "a 'Scheduled Event' without Input would run the"
                                + " configured sweep, and no sweep is configured yet; give the schedule's target an Input holding a revocation request");
            case SECURITY_HUB_FINDINGS -> SecurityHubFindings.normalise(event, config);
            default -> throw new IllegalStateException("not an EventBridge family: " + family);
        };
    }

    /** The account the event's detail names (already checked against the allowed ones), else the event's. */
    private static String detailAccount(JsonNode event, String path, String eventAccount) {
        String named = EventJson.text(event, path, path);
        return named != null ? named : eventAccount;
    }

    /** A direct-invoke payload; inside an envelope its errors are named below {@code detail}. */
    private static TriggerResult direct(JsonNode payload, String path, TriggerFamily family) {
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
