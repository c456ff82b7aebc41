package dev.sgrevoker.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.RevocationResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The result as event details that each fit one EventBridge event (256 KB) and one SQS message (256 KB): the header
 * in every part, then unrevoked and revoked entries in order, split into numbered parts, each with the restore (and
 * restoreEgress) of the rules revoked in it. A string longer than {@link #MAX_TEXT_CHARS} (a 5 MB description, a reason quoting a huge
 * input) is cut with a marker here; the log line of the result keeps it whole.
 */
public final class ResultParts {
    /** Leaves room under the 256 KB limits for source, detail-type and the part header. */
    static final int MAX_DETAIL_BYTES = 200_000;

    static final int MAX_TEXT_CHARS = 2_048;
    static final String CUT_MARKER = "…[cut: %d more characters; the function's log line of this result has them]";

    private ResultParts() {}

    public static List<ObjectNode> of(RevocationResult result) {
        List<ObjectNode> parts = new ArrayList<>();
        List<List<PermissionOutcome>> revokedPerPart = new ArrayList<>();
        ObjectNode header = cut(ResultDocument.header(result));
        int headerSize = size(header) + 64;
        // The first part alone carries the whole result's summary: notifications read only it.
        ObjectNode current = newPart(ResultDocument.withSummary(header.deepCopy(), result));
        List<PermissionOutcome> currentRevoked = new ArrayList<>();
        int currentSize = size(current) + 64;
        int inPart = 0;
        List<PermissionOutcome> ordered = new ArrayList<>(ResultDocument.withOutcome(result, false));
        int unrevoked = ordered.size();
        ordered.addAll(ResultDocument.withOutcome(result, true));
        for (int i = 0; i < ordered.size(); i++) {
            PermissionOutcome outcome = ordered.get(i);
            ObjectNode entry = cut(ResultEntry.of(outcome));
            int entrySize = size(entry) + 1 + (outcome.revoked() ? restoreSize(outcome) : 0);
            if (currentSize + entrySize > MAX_DETAIL_BYTES && inPart > 0) {
                parts.add(current);
                revokedPerPart.add(currentRevoked);
                current = newPart(header);
                currentRevoked = new ArrayList<>();
                currentSize = headerSize;
                inPart = 0;
            }
            ((ArrayNode) current.get(i < unrevoked ? "unrevoked" : "revoked")).add(entry);
            if (outcome.revoked()) {
                currentRevoked.add(outcome);
            }
            currentSize += entrySize;
            inPart++;
        }
        parts.add(current);
        revokedPerPart.add(currentRevoked);
        for (int i = 0; i < parts.size(); i++) {
            // Each part restores what it records, so every part is an undo on its own.
            parts.get(i).put("part", i + 1).put("parts", parts.size());
            parts.get(i).set("restore", cut(Restore.payloads(revokedPerPart.get(i))));
            ArrayNode egress = Restore.egressPayloads(revokedPerPart.get(i));
            if (!egress.isEmpty()) {
                parts.get(i).set("restoreEgress", cut(egress));
            }
        }
        return parts;
    }

    /** Every string longer than the limit, at any depth, cut to it with a marker saying how much is missing. */
    static <T extends JsonNode> T cut(T node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                if (value.isTextual()) {
                    field.setValue(cutText(value.asText()));
                } else {
                    cut(value);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    a.set(i, cutText(a.get(i).asText()));
                } else {
                    cut(a.get(i));
                }
            }
        }
        return node;
    }

    private static TextNode cutText(String text) {
        if (text.length() <= MAX_TEXT_CHARS) {
            return TextNode.valueOf(text);
        }
        // Never split a surrogate pair: the event must stay valid UTF-8.
        int keep = Character.isHighSurrogate(text.charAt(MAX_TEXT_CHARS - 1)) ? MAX_TEXT_CHARS - 1 : MAX_TEXT_CHARS;
        return TextNode.valueOf(text.substring(0, keep) + CUT_MARKER.formatted(text.length() - keep));
    }

    private static ObjectNode newPart(ObjectNode header) {
        ObjectNode part = header.deepCopy();
        part.putArray("unrevoked");
        part.putArray("revoked");
        return part;
    }

    /** What a revoked entry adds to its part's restore: its rules, tags and (at most) a call of its own. */
    private static int restoreSize(PermissionOutcome revoked) {
        return size(cut(Restore.payloads(List.of(revoked)))) + size(cut(Restore.egressPayloads(List.of(revoked))));
    }

    private static int size(JsonNode node) {
        return JsonText.utf8Length(node);
    }
}
