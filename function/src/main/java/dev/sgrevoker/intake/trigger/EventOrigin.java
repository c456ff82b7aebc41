package dev.sgrevoker.intake.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.model.Provenance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who asked, read from the raw event for the record's header. Never refuses anything: a field that is absent or of
 * the wrong type is left out, since the normalisers alone decide whether an event is acceptable.
 */
public final class EventOrigin {

    private EventOrigin() {}

    /** An event the function was invoked with (not an SQS batch: see {@link #ofMessage}). */
    public static Provenance of(Envelope.Single event, Instant receivedAt) {
        return switch (event) {
            case Envelope.Direct direct -> Provenance.receivedAt(receivedAt); // a direct invoke names no one
            case Envelope.EventBridge bridged -> of(bridged.event(), receivedAt);
        };
    }

    /** Leniently, from an event whose shape may not have been recognised (an SQS body that was refused). */
    static Provenance of(JsonNode event, Instant receivedAt) {
        if (event == null || !event.isObject() || !event.has("detail-type")) {
            return Provenance.receivedAt(receivedAt); // a direct invoke names no one
        }
        JsonNode detail = event.path("detail");
        List<String> findings = new ArrayList<>();
        Set<String> products = new LinkedHashSet<>();
        detail.path("findings").forEach(f -> {
            addText(findings, f.path("Id"));
            String product = text(f.path("ProductArn"));
            products.add(product != null ? product : text(f.path("ProductName")));
        });
        products.remove(null);
        String rule = text(detail.path("configRuleName"));
        if (rule == null) {
            rule = text(detail.at(
                    "/newEvaluationResult/evaluationResultIdentifier/evaluationResultQualifier" + "/configRuleName"));
        }
        return new Provenance(
                receivedAt,
                text(event.path("id")),
                text(event.path("time")),
                text(event.path("source")),
                text(detail.at("/userIdentity/arn")),
                null,
                findings,
                products.isEmpty() ? null : String.join(",", products),
                rule);
    }

    /**
     * One SQS record: its sender, and whoever asked in the event its body carries ({@code body}, as the normaliser
     * read it; null when it could not be read).
     */
    static Provenance ofMessage(JsonNode record, JsonNode body, Instant receivedAt) {
        return of(body, receivedAt).viaQueue(text(record.at("/attributes/SenderId")));
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }

    private static void addText(List<String> out, JsonNode n) {
        String s = text(n);
        if (s != null) {
            out.add(s);
        }
    }
}
