package dev.sgrevoker.telemetry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.report.JsonText;
import dev.sgrevoker.report.WireStrings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * CloudWatch metrics as Embedded Metric Format lines: CloudWatch Logs turns them into metrics, with no agent and no
 * client. One line per result: a count per outcome (Revoked, NotFound, Failed, Skipped, DryRun, and any outcome the
 * model adds, e.g. Exempt), BlastRadiusStops, ResultFallbacks, ResultsUndelivered, ReportsFailed,
 * Ec2ThrottlingRetries and the revoked rules' ExposureSeconds; each by trigger and in total.
 * Written to stdout as a bare JSON object, since EMF must be the whole log event and LambdaLogger's JSON format
 * would wrap it.
 */
public final class Metrics {
    /** Public, as {@link #name}: the template's dashboard and alarms name the metrics the function writes. */
    public static final String NAMESPACE = "sg-revoker";

    /** Per revoked rule whose trigger said when it appeared: the dashboard shows its p50 and p99. */
    public static final String EXPOSURE = "ExposureSeconds";

    /** EMF's limit on the values of one metric in one line. */
    static final int MAX_VALUES = 100;

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
        result(result, delivery, 0);
    }

    /**
     * The result's line; {@code ec2ThrottlingRetries}: the EC2 calls retried after throttling since the last result.
     * Each revoked rule's exposure is one ExposureSeconds value (EMF takes at most 100 a line: more lines follow).
     */
    public void result(RevocationResult result, Delivery delivery, long ec2ThrottlingRetries) {
        Map<String, Long> values = new LinkedHashMap<>();
        result.counts().forEach((outcome, n) -> values.put(name(outcome), (long) n));
        // A permission the blast-radius limit stopped counts as one stop per result: its own limit, or its run's.
        boolean ownLimit =
                result.permissions().stream().anyMatch(p -> p.code() == FailureCode.Ours.BLAST_RADIUS_EXCEEDED);
        boolean runLimit = result.permissions().stream().anyMatch(p -> p.code() == FailureCode.Ours.RUN_LIMIT_EXCEEDED);
        values.put("BlastRadiusStops", ownLimit || runLimit ? 1L : 0L);
        values.put("ResultFallbacks", delivery == Delivery.FALLBACK ? 1L : 0L);
        values.put("ResultsUndelivered", delivery == Delivery.LOG_ONLY ? 1L : 0L);
        values.put("Ec2ThrottlingRetries", ec2ThrottlingRetries);
        values.put(
                "FindingUpdatesFailed",
                result.findingUpdates().stream().filter(u -> !u.updated()).count());
        // Objects (report files, plans) the report bucket would not take: the ReportsFailed alarm watches the total.
        values.put(
                "ReportsFailed",
                result.report() == null ? 0L : result.report().notWritten().size());
        String trigger = WireStrings.trigger(result.trigger());
        List<Long> exposures = result.distinct().stream()
                .map(PermissionOutcome::exposedSeconds)
                .filter(Objects::nonNull)
                .toList();
        ObjectNode line = document(trigger, values);
        for (int i = 0; i == 0 || i < exposures.size(); i += MAX_VALUES) {
            if (i > 0) {
                line = document(trigger, Map.of());
            }
            if (!exposures.isEmpty()) {
                addValues(line, EXPOSURE, "Seconds", exposures.subList(i, Math.min(i + MAX_VALUES, exposures.size())));
            }
            out.accept(JsonText.of(line));
        }
        if (ownLimit || runLimit) {
            out.accept(JsonText.of(stop(ownLimit ? "MaxRevocations" : "RunLimit")));
        }
    }

    /** Objects of a sweep run's own report (index.html, rules.csv) the bucket refused, on a line of their own. */
    public void reportsFailed(TriggerFamily trigger, long objects) {
        out.accept(JsonText.of(document(WireStrings.trigger(trigger), Map.of("ReportsFailed", objects))));
    }

    /** The same stop by {@code Reason} (MaxRevocations, RunLimit): a dimension set of its own, counted once. */
    private static ObjectNode stop(String reason) {
        ObjectNode doc = JSON.objectNode();
        ObjectNode aws = doc.putObject("_aws");
        aws.put("Timestamp", System.currentTimeMillis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add("Reason");
        directive
                .putArray("Metrics")
                .addObject()
                .put("Name", "BlastRadiusStops")
                .put("Unit", "Count");
        doc.put("Reason", reason);
        doc.put("BlastRadiusStops", 1L);
        return doc;
    }

    private static void addValues(ObjectNode line, String name, String unit, List<Long> values) {
        ((ArrayNode) line.at("/_aws/CloudWatchMetrics/0/Metrics"))
                .addObject()
                .put("Name", name)
                .put("Unit", unit);
        ArrayNode array = line.putArray(name);
        values.forEach(array::add);
    }

    private static ObjectNode document(String trigger, Map<String, Long> values) {
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
