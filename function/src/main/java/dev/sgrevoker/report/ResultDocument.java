package dev.sgrevoker.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.Provenance;
import dev.sgrevoker.model.ReportLocation;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.RunNote;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** The result as JSON: the handler's response, and the pieces the result event is made of. */
public final class ResultDocument {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResultDocument() {}

    public static ObjectNode response(RevocationResult result) {
        ObjectNode doc = withSummary(header(result), result);
        ArrayNode list = doc.putArray("permissions");
        result.permissions().forEach(p -> list.add(ResultEntry.of(p)));
        doc.setAll(restoreMembers(result));
        return doc;
    }

    /**
     * The same text as {@link #response}, written entry by entry and never whole in memory (a sweep's result.json),
     * as UTF-8; closes {@code out}.
     */
    public static void write(RevocationResult result, OutputStream out) throws IOException {
        JsonText.writeObject(
                out,
                withSummary(header(result), result),
                "permissions",
                result.permissions().stream().map(ResultEntry::of).iterator(),
                restoreMembers(result));
    }

    /** restore, and restoreEgress where any egress rule was revoked. */
    private static ObjectNode restoreMembers(RevocationResult result) {
        ObjectNode doc = JSON.objectNode();
        doc.set("restore", Restore.payloads(withOutcome(result, true)));
        ArrayNode egress = Restore.egressPayloads(withOutcome(result, true));
        if (!egress.isEmpty()) {
            doc.set("restoreEgress", egress);
        }
        return doc;
    }

    /**
     * Invocation id, trigger, message id, who asked and when, input form, dry-run flag, counts per outcome (and a
     * rejection): what every result event repeats.
     */
    public static ObjectNode header(RevocationResult result) {
        ObjectNode doc = JSON.objectNode();
        doc.put("invocationId", result.invocationId());
        doc.put("trigger", WireStrings.trigger(result.trigger()));
        if (result.messageId() != null) {
            doc.put("messageId", result.messageId());
        }
        Provenance from = result.provenance();
        if (from != null) {
            if (from.receivedAt() != null) {
                doc.put("time", from.receivedAt().toString());
            }
            doc.set("provenance", provenance(from));
        }
        if (result.run() != null) {
            run(doc, result.run());
        }
        doc.put("inputForm", result.inputForm() == null ? null : WireStrings.inputForm(result.inputForm()));
        doc.put("dryRun", result.dryRun());
        ObjectNode counts = doc.putObject("counts");
        result.counts().forEach((outcome, n) -> counts.put(outcome.name(), n));
        if (result.sweep() != null) {
            var sweep = result.sweep();
            doc.put("groupsScanned", sweep.groupsScanned());
            doc.put("rulesScanned", sweep.rulesScanned());
            doc.put("selected", sweep.selected());
            doc.put("handedOverGroups", sweep.handedOverGroups());
            if (sweep.enforceHeldBack() != null) {
                doc.put("enforceHeldBack", sweep.enforceHeldBack());
            }
        }
        long overLimit = result.distinct().stream()
                .filter(p -> p.code() == FailureCode.Ours.BLAST_RADIUS_EXCEEDED)
                .count();
        if (overLimit > 0) {
            // Nothing was revoked for the limit: say how many were selected, so the header alone tells why.
            doc.putObject("blastRadiusExceeded").put("selected", overLimit);
        }
        if (result.egressJudged()) {
            egress(doc, result);
        }
        doc.put("attention", Summary.attention(result));
        if (!result.findingUpdates().isEmpty()) {
            ArrayNode updates = doc.putArray("findingUpdates");
            result.findingUpdates().forEach(u -> {
                ObjectNode o = updates.addObject()
                        .put("findingId", u.findingId())
                        .put("status", u.updated() ? "UPDATED" : "FAILED");
                if (u.workflow() != null) {
                    o.put("workflow", u.workflow());
                }
                if (u.reason() != null) {
                    o.put("reason", u.reason());
                }
            });
        }
        if (result.report() != null) {
            report(doc, result.report());
        }
        if (result.rejected() != null) {
            doc.putObject("rejected")
                    .put("field", result.rejected().field())
                    .put("reason", result.rejected().reason());
        }
        return doc;
    }

    /** Where the report went: bucket, prefix, the keys written, the plan's id, and what could not be written. */
    private static void report(ObjectNode doc, ReportLocation where) {
        if (where.planId() != null) {
            doc.put("planId", where.planId());
        }
        reportOf(doc, where);
    }

    /** {@code report}: bucket, prefix, the keys written and what could not be written (a run's roll-up says it too). */
    public static ObjectNode reportOf(ObjectNode doc, ReportLocation where) {
        ObjectNode o = doc.putObject("report").put("bucket", where.bucket()).put("prefix", where.prefix());
        where.keys().forEach(o.putArray("keys")::add);
        if (!where.notWritten().isEmpty()) {
            ArrayNode failed = o.putArray("notWritten");
            where.notWritten()
                    .forEach(n -> failed.addObject().put("key", n.key()).put("reason", n.reason()));
        }
        return o;
    }

    /** The result in words ({@link Summary}): in the response, the log line and a result event's first part. */
    static ObjectNode withSummary(ObjectNode doc, RevocationResult result) {
        Summary summary = Summary.of(result);
        doc.put("summaryTitle", summary.title());
        doc.put("summary", summary.text());
        return doc;
    }

    /**
     * EC2.2 passes only once a default group has no egress rules either: how many remain after this result, and in
     * words why the control keeps failing while any do.
     */
    private static void egress(ObjectNode doc, RevocationResult result) {
        doc.put("egressRulesRemaining", result.egressRulesRemaining().size());
        String note = Summary.egressNote(result);
        if (note != null) {
            doc.put("egressNote", note);
        }
    }

    /** Its sweep run: the run's id; a shard's account and region; the dispatch's shards; a cancel's or deadline's note. */
    private static void run(ObjectNode doc, RunNote run) {
        doc.put("runId", run.runId());
        if (run.shard() != null) {
            doc.put("account", run.shard().account());
            doc.put("region", run.shard().region());
        }
        if (!run.shards().isEmpty()) {
            ArrayNode shards = doc.putArray("shards");
            run.shards()
                    .forEach(s -> shards.addObject().put("account", s.account()).put("region", s.region()));
        }
        if (run.note() != null) {
            doc.put("runNote", run.note());
        }
    }

    private static ObjectNode provenance(Provenance from) {
        ObjectNode o = JSON.objectNode();
        ResultEntry.putIfPresent(o, "eventId", from.eventId());
        ResultEntry.putIfPresent(o, "eventTime", from.eventTime());
        ResultEntry.putIfPresent(o, "source", from.source());
        ResultEntry.putIfPresent(o, "principal", from.principal());
        ResultEntry.putIfPresent(o, "senderId", from.senderId());
        if (!from.findingIds().isEmpty()) {
            from.findingIds().forEach(o.putArray("findingIds")::add);
        }
        ResultEntry.putIfPresent(o, "product", from.product());
        ResultEntry.putIfPresent(o, "configRule", from.configRule());
        ResultEntry.putIfPresent(o, "approvedBy", from.approvedBy());
        return o;
    }

    static List<PermissionOutcome> withOutcome(RevocationResult result, boolean revoked) {
        return result.permissions().stream().filter(p -> p.revoked() == revoked).toList();
    }
}
