package dev.sgrevoker.intake.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.intake.DirectInvoke;
import dev.sgrevoker.intake.Excerpt;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.policy.SweepOrder;
import java.util.List;

/**
 * Turns one event (not an SQS batch: see {@link SqsBatch}), its family recognised, into the requests to run and the
 * skips to report.
 * Pure: the handler supplies configuration and does all I/O.
 */
public final class Triggers {
    private Triggers() {}

    /** One event, its family already recognised. */
    public static TriggerResult normalise(Envelope.Single event, TriggerConfig config) {
        return switch (event) {
            case Envelope.Direct direct -> direct(direct.payload(), direct.at(), TriggerFamily.DIRECT, config);
            case Envelope.EventBridge bridged ->
                envelope(new EventJson(bridged.event(), bridged.at()), bridged.family(), config);
        };
    }

    /** A bare event, recognised here (tests and tools: the handler recognises its event once, up front). */
    public static TriggerResult normalise(JsonNode event, TriggerConfig config) {
        return switch (TriggerShape.detect(event)) {
            case Envelope.Single single -> normalise(single, config);
            case Envelope.Batch batch ->
                throw new IllegalArgumentException("an SQS batch is normalised per message: use SqsBatch.messages");
        };
    }

    private static TriggerResult envelope(EventJson event, TriggerFamily family, TriggerConfig config) {
        String account = event.requiredText("account");
        config.accounts().checkEvent(account, event.at("account"));
        // The account and region each request acts in (null: our own); a Security Hub finding names its own, per
        // finding. Each normaliser has refused an account or region out of reach.
        return switch (family) {
            case EVENTBRIDGE_REQUEST -> request(event, config).inAccount(config.accounts(), account);
            // A bare schedule runs the configured sweep (SWEEP); the handler refuses it when none is configured.
            case SCHEDULED_EVENT ->
                TriggerResult.sweep(family, new SweepOrder.Configured()).inAccount(config.accounts(), account);
            case CLOUDTRAIL_AUTHORIZE_INGRESS ->
                CloudTrailIngress.normalise(event, config)
                        .inPlace(
                                config.accounts(),
                                detailAccount(event, "recipientAccountId", account),
                                event.text("detail", "awsRegion"));
            case CONFIG_COMPLIANCE_CHANGE ->
                ConfigComplianceChange.normalise(event, config)
                        .inPlace(
                                config.accounts(),
                                detailAccount(event, "awsAccountId", account),
                                event.text("detail", "awsRegion"));
            case SECURITY_HUB_FINDINGS -> SecurityHubFindings.normalise(event, config);
            default -> throw new IllegalStateException("not an EventBridge family: " + family);
        };
    }

    /** The account the event's detail names (already checked against the allowed ones), else the event's. */
    private static String detailAccount(EventJson event, String field, String eventAccount) {
        String named = event.text("detail", field);
        return named != null ? named : eventAccount;
    }

    /**
     * Our own detail-type, from a source configuration lists and from our own region. Anyone able to put events on
     * the bus could send one, so anything else is skipped unread.
     */
    private static TriggerResult request(EventJson event, TriggerConfig config) {
        TriggerFamily family = TriggerFamily.EVENTBRIDGE_REQUEST;
        String source = event.requiredText("source");
        String region = event.requiredText("region");
        String why = null;
        if (!config.trust().requestSources().contains(source)) {
            why = "revocation requests are accepted from the sources in REQUEST_SOURCES ("
                    + String.join(
                            ",",
                            config.trust().requestSources().stream().sorted().toList())
                    + "), not from '" + Excerpt.identifier(source) + "'";
        } else if (!region.equals(config.accounts().ownRegion())) {
            why = "the request was put in region " + Excerpt.of(region) + "; this function takes requests from its own"
                    + " region, " + config.accounts().ownRegion();
        }
        if (why != null) {
            Skip skip = new Skip(family, null, Excerpt.identifier(event.text("id")), why);
            return TriggerResult.skipped(family, DirectInvoke.formOf(event.node("detail")), skip);
        }
        return direct(event.node("detail"), event.at("detail"), family, config);
    }

    /** A direct-invoke payload, or a sweep; errors are named from {@code where}. */
    private static TriggerResult direct(JsonNode payload, FieldPath where, TriggerFamily family, TriggerConfig config) {
        if (SweepDocument.handles(payload)) {
            return SweepDocument.normalise(payload, where, family, config);
        }
        if (ApplyDocument.handles(payload)) {
            return ApplyDocument.normalise(payload, where, family);
        }
        if (RunMessages.handles(payload)) {
            return RunMessages.normalise(payload, where, family, config);
        }
        DirectInvoke.Parsed parsed = DirectInvoke.parse(payload, where);
        return new TriggerResult(family, parsed.form(), parsed.requests(), List.of());
    }
}
