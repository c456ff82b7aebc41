package dev.sgrevoker.telemetry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.report.JsonText;
import dev.sgrevoker.report.WireStrings;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * CloudWatch metrics as Embedded Metric Format lines: CloudWatch Logs turns them into metrics, with no agent and no
 * client. One line per result: a count per outcome (Revoked, NotFound, Failed, Skipped, DryRun, and any outcome the
 * model adds, e.g. Exempt), BlastRadiusStops, ResultFallbacks and ResultsUndelivered; each by trigger and in total.
 * Written to stdout as a bare JSON object, since EMF must be the whole log event and LambdaLogger's JSON format
 * would wrap it.
 */
public final class Metrics {
    /** Public, as {@link #name}: the template's dashboard and alarms name the metrics the function writes. */
    public static final String NAMESPACE = "sg-revoker";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final Consumer<String> out;

    public Metrics(Consumer<String> out) {
        this.out = out;
    }

    /** How the result was delivered, for the delivery metrics. */
    public enum Delivery {
        EVENT,
        FALLBACK,
        LOG_ONLY
    }

    public void result(RevocationResult result, Delivery delivery) {
        Map<String, Integer> values = new LinkedHashMap<>();
        result.counts().forEach((outcome, n) -> values.put(name(outcome), n));
        // A permission the blast-radius limit stopped counts as one stop per result.
        boolean stopped =
                result.permissions().stream().anyMatch(p -> p.code() == FailureCode.Ours.BLAST_RADIUS_EXCEEDED);
        values.put("BlastRadiusStops", stopped ? 1 : 0);
        values.put("ResultFallbacks", delivery == Delivery.FALLBACK ? 1 : 0);
        values.put("ResultsUndelivered", delivery == Delivery.LOG_ONLY ? 1 : 0);
        out.accept(JsonText.of(document(WireStrings.trigger(result.trigger()), values)));
    }

    private static ObjectNode document(String trigger, Map<String, Integer> values) {
        ObjectNode doc = JSON.objectNode();
        ObjectNode aws = doc.putObject("_aws");
        aws.put("Timestamp", System.currentTimeMillis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensions = directive.putArray("Dimensions");
        dimensions.addArray().add("Trigger");
        dimensions.addArray(); // and in total, which the alarms watch
        ArrayNode metrics = directive.putArray("Metrics");
        values.keySet().forEach(name -> metrics.addObject().put("Name", name).put("Unit", "Count"));
        doc.put("Trigger", trigger);
        values.forEach(doc::put);
        return doc;
    }

    /** NOT_FOUND becomes NotFound: the metric names the operator reads. */
    public static String name(Outcome outcome) {
        StringBuilder b = new StringBuilder();
        for (String word : outcome.name().split("_")) {
            b.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }
}
