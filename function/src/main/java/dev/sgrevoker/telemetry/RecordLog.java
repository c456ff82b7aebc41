package dev.sgrevoker.telemetry;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.Provenance;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.report.JsonText;
import dev.sgrevoker.report.ResultDocument;
import dev.sgrevoker.report.WireStrings;
import dev.sgrevoker.revoke.WriteAhead;
import java.util.List;

/**
 * The function's log lines: each one a JSON object (Lambda's JSON log format puts it in {@code message}, with the
 * level and request id) naming its {@code kind} and the correlation ids of what it is about: the Lambda request id,
 * the event's id and the SQS message id. Nothing here is cut short: the log is the record of last resort.
 *
 * <p>Lambda runs one invocation at a time per instance, so the ids and the logger of the current one are kept here
 * for the engine's write-ahead calls, which arrive without them.
 */
public final class RecordLog implements WriteAhead {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private volatile LambdaLogger logger = LambdaRuntime.getLogger();
    private volatile String requestId;
    private volatile String messageId;
    private volatile String eventId;

    /** A new invocation: its logger and request id. */
    public void begin(LambdaLogger logger, String requestId) {
        this.logger = logger;
        this.requestId = requestId;
        about(null, null);
    }

    /** What the following lines are about: an SQS message, an event (either may be null). */
    public void about(String messageId, Provenance from) {
        this.messageId = messageId;
        this.eventId = from == null ? null : from.eventId();
    }

    @Override
    public void aboutToRevoke(String groupId, boolean dryRun, List<DescribedRule> rules) {
        ObjectNode line = line("write-ahead");
        line.put("groupId", groupId).put("dryRun", dryRun);
        ArrayNode images = line.putArray("rules");
        rules.forEach(r -> images.addObject()
                .put("ruleId", r.ruleId())
                .<ObjectNode>set("permission", ResultDocument.ipPermission(r.permission()))
                .set("tags", tags(r)));
        write(LogLevel.INFO, line);
    }

    /** One line per permission's outcome, so a search by rule, group or outcome finds it without the whole result. */
    public void outcomes(RevocationResult result) {
        for (PermissionOutcome p : result.permissions()) {
            ObjectNode line = line("outcome");
            line.put("trigger", WireStrings.trigger(result.trigger()));
            line.setAll(ResultDocument.entry(p));
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

    /** The result event was not delivered; {@code kept} says where the result went instead. */
    public void undelivered(String reason, String kept) {
        ObjectNode line = line("result-undelivered");
        line.put("reason", reason).put("keptIn", kept);
        write(kept.equals("log") ? LogLevel.ERROR : LogLevel.WARN, line);
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
        line.put("requestId", requestId);
        if (eventId != null) {
            line.put("eventId", eventId);
        }
        if (messageId != null) {
            line.put("messageId", messageId);
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
