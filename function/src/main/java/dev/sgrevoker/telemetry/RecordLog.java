package dev.sgrevoker.telemetry;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FindingUpdate;
import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.Provenance;
import dev.sgrevoker.model.ReportLocation;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.report.JsonText;
import dev.sgrevoker.report.ResultEntry;
import dev.sgrevoker.report.WireStrings;
import dev.sgrevoker.revoke.WriteAhead;
import java.util.List;

/**
 * The function's log lines: each one a JSON object (Lambda's JSON log format puts it in {@code message}, with the
 * level and request id) naming its {@code kind} and the correlation ids of what it is about: the Lambda request id,
 * the event's id and the SQS message id. Nothing here is cut short: the log is the record of last resort.
 *
 * <p>One is bound to one invocation's logger and ids ({@link #about} gives the one for a message or an event), so the
 * engine's write-ahead calls, which arrive without ids, are written with the right ones.
 */
public final class RecordLog implements WriteAhead {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final LambdaLogger logger;
    private final InvocationIds ids;

    public RecordLog(LambdaLogger logger, InvocationIds ids) {
        this.logger = logger;
        this.ids = ids;
    }

    public InvocationIds ids() {
        return ids;
    }

    /** The lines about an SQS message or an event (either may be null) of the same invocation. */
    public RecordLog about(String messageId, Provenance from) {
        return new RecordLog(logger, ids.about(messageId, from));
    }

    @Override
    public void aboutToRevoke(String groupId, boolean dryRun, List<DescribedRule> rules) {
        ObjectNode line = line("write-ahead");
        line.put("groupId", groupId).put("dryRun", dryRun);
        ArrayNode images = line.putArray("rules");
        rules.forEach(r -> images.addObject()
                .put("ruleId", r.ruleId())
                .put("direction", WireStrings.direction(r.egress()))
                .<ObjectNode>set("permission", ResultEntry.ipPermission(r.permission()))
                .set("tags", tags(r)));
        write(LogLevel.INFO, line);
    }

    /** One line per permission's outcome, so a search by rule, group or outcome finds it without the whole result. */
    public void outcomes(RevocationResult result) {
        for (PermissionOutcome p : result.permissions()) {
            ObjectNode line = line("outcome");
            line.put("trigger", WireStrings.trigger(result.trigger()));
            if (result.run() != null) {
                // A sweep run's rules, per account and region, are queried by it (template: the run's query).
                line.put("runId", result.run().runId());
            }
            line.setAll(ResultEntry.of(p));
            write(p.outcome() == Outcome.FAILED ? LogLevel.WARN : LogLevel.INFO, line);
        }
    }

    /**
     * The whole result, as the response carries it, the time this instance now keeps to confirm and report, and the
     * heap the JVM may grow to (shows whether the template's JAVA_TOOL_OPTIONS cap holds).
     */
    public void result(ObjectNode document, long reserveMillis) {
        ObjectNode line = line("result");
        line.put("reserveMillis", reserveMillis);
        line.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        line.set("result", document);
        write(LogLevel.INFO, line);
    }

    /** The result event was not delivered; {@code kept} says where the result went instead (an error: the log only). */
    public void undelivered(String reason, Metrics.Delivery kept) {
        ObjectNode line = line("result-undelivered");
        line.put("reason", reason);
        switch (kept) {
            case FALLBACK -> write(LogLevel.WARN, line.put("keptIn", "fallback-queue"));
            case LOG_ONLY -> write(LogLevel.ERROR, line.put("keptIn", "log"));
            case EVENT -> throw new IllegalArgumentException("a result put on EventBridge was delivered");
        }
    }

    /** A Security Hub finding acted on did not get its note and workflow (the remediation stands). */
    public void findingNotUpdated(FindingUpdate update) {
        ObjectNode line = line("finding-not-updated");
        line.put("findingId", update.findingId());
        if (update.workflow() != null) {
            line.put("workflow", update.workflow());
        }
        line.put("reason", update.reason());
        write(LogLevel.WARN, line);
    }

    /** A report or plan the bucket would not take: each object with why (the result names them too). */
    public void reportNotWritten(ReportLocation where) {
        ObjectNode line = line("report-not-written");
        line.put("bucket", where.bucket()).put("prefix", where.prefix());
        ArrayNode failed = line.putArray("notWritten");
        where.notWritten().forEach(n -> failed.addObject().put("key", n.key()).put("reason", n.reason()));
        write(LogLevel.ERROR, line);
    }

    /** Something failed that the function did not expect; {@code consequence} says what it did about it. */
    public void failure(String what, Throwable t, String consequence) {
        ObjectNode line = line("failure");
        line.put("what", what)
                .put("error", t.getClass().getName())
                .put("errorMessage", String.valueOf(t.getMessage()))
                .put("consequence", consequence);
        write(LogLevel.ERROR, line);
    }

    private ObjectNode line(String kind) {
        ObjectNode line = JSON.objectNode();
        line.put("kind", kind);
        line.put("requestId", ids.requestId());
        if (ids.eventId() != null) {
            line.put("eventId", ids.eventId());
        }
        if (ids.messageId() != null) {
            line.put("messageId", ids.messageId());
        }
        return line;
    }

    private void write(LogLevel level, ObjectNode line) {
        logger.log(JsonText.of(line), level);
    }

    private static ObjectNode tags(DescribedRule r) {
        ObjectNode o = JSON.objectNode();
        r.tags().forEach(o::put);
        return o;
    }
}
