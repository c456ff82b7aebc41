package dev.sgrevoker.intake.trigger;

import static dev.sgrevoker.model.TriggerFamily.ACCEPTED;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.intake.Excerpt;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.model.TriggerFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recognises which family a payload belongs to by its shape alone, once, into an {@link Envelope}. Something that
 * looks like an EventBridge event or an SQS event but is not one we accept is rejected here, naming the field, rather
 * than being read as a direct request; nothing is revoked for it.
 */
public final class TriggerShape {
    static final List<String> ENVELOPE =
            List.of("version", "id", "detail-type", "source", "account", "time", "region", "detail");
    static final String CLOUDTRAIL = "AWS API Call via CloudTrail";
    static final String AUTHORIZE_INGRESS = "AuthorizeSecurityGroupIngress";

    /** The AWS detail-types we accept, each with the only source that may send it. */
    private static final Map<String, String> AWS_DETAIL_TYPES = Map.of(
            "Scheduled Event",
            "aws.events",
            CLOUDTRAIL,
            "aws.ec2",
            "Security Hub Findings - Imported",
            "aws.securityhub",
            "Security Hub Findings - Custom Action",
            "aws.securityhub",
            "Config Rules Compliance Change",
            "aws.config");

    private TriggerShape() {}

    /** The invocation's payload. */
    public static Envelope detect(JsonNode payload) {
        if (payload != null && payload.isObject() && payload.has("Records")) {
            return sqs(payload);
        }
        return single(payload, FieldPath.root());
    }

    /**
     * A payload found at {@code where} in the input that is not an SQS event (an SQS message's body, whose own
     * Records its message refuses first); errors are named from there.
     */
    static Envelope.Single single(JsonNode payload, FieldPath where) {
        if (payload != null && payload.isObject() && looksLikeEnvelope(payload)) {
            return new Envelope.EventBridge(payload, where, envelope(new EventJson(payload, where)));
        }
        // Arrays are request lists; anything else DirectInvoke rejects with its own message.
        return new Envelope.Direct(payload, where);
    }

    /** detail-type or detail never occur in a direct request, so either marks an EventBridge event. */
    static boolean looksLikeEnvelope(JsonNode payload) {
        return payload.has("detail-type") || payload.has("detail");
    }

    private static Envelope.Batch sqs(JsonNode payload) {
        FieldPath where = FieldPath.root();
        JsonNode records = payload.get("Records");
        if (!records.isArray() || records.isEmpty()) {
            throw where.child("Records").invalid("must be a non-empty list of SQS records; " + ACCEPTED);
        }
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            JsonNode source =
                    r.has("eventSource") ? r.get("eventSource") : r.get("EventSource"); // SNS spells it EventSource
            if (source == null || !"aws:sqs".equals(source.asText())) {
                throw where.child("Records")
                        .index(i)
                        .child("eventSource")
                        .invalid((source == null ? "is missing" : "is '" + Excerpt.of(source.asText()) + "'")
                                + ": only SQS records (aws:sqs) are accepted; " + ACCEPTED);
            }
            out.add(r);
        }
        return new Envelope.Batch(payload, out);
    }

    private static TriggerFamily envelope(EventJson event) {
        for (String field : ENVELOPE) {
            if (!EventJson.present(event.node(field))) {
                throw event.at(field).invalid("is required in an EventBridge event; " + ACCEPTED);
            }
        }
        if (!event.node("detail").isObject()) {
            throw event.at("detail").invalid("must be a JSON object; " + ACCEPTED);
        }
        String detailType = Excerpt.of(event.requiredText("detail-type"));
        String source = Excerpt.of(event.requiredText("source"));
        if (detailType.equals(TriggerFamily.REQUEST_DETAIL_TYPE)) {
            if (source.startsWith("aws.")) {
                throw event.at("source")
                        .invalid("'" + source + "' is an AWS service source; '" + detailType
                                + "' comes from your own automation (a non-aws.* source listed in REQUEST_SOURCES); "
                                + ACCEPTED);
            }
            return TriggerFamily.EVENTBRIDGE_REQUEST;
        }
        String expectedSource = AWS_DETAIL_TYPES.get(detailType);
        if (expectedSource == null) {
            throw event.at("detail-type")
                    .invalid("'" + detailType + "' (source '" + source + "') is not an accepted event; " + ACCEPTED);
        }
        if (!expectedSource.equals(source)) {
            throw event.at("source")
                    .invalid("'" + detailType + "' is accepted from " + expectedSource + " only, not '" + source + "'; "
                            + ACCEPTED);
        }
        return switch (source) {
            case "aws.events" -> TriggerFamily.SCHEDULED_EVENT;
            case "aws.ec2" -> {
                String eventName = Excerpt.of(event.text("detail", "eventName"));
                if (!AUTHORIZE_INGRESS.equals(eventName)) {
                    throw event.at("detail", "eventName")
                            .invalid("'" + eventName + "': only CloudTrail records of " + AUTHORIZE_INGRESS
                                    + " are accepted; " + ACCEPTED);
                }
                yield TriggerFamily.CLOUDTRAIL_AUTHORIZE_INGRESS;
            }
            case "aws.securityhub" -> TriggerFamily.SECURITY_HUB_FINDINGS;
            default -> TriggerFamily.CONFIG_COMPLIANCE_CHANGE;
        };
    }
}
