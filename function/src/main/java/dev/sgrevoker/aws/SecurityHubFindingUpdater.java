package dev.sgrevoker.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.Finding;
import dev.sgrevoker.model.FindingUpdate;
import dev.sgrevoker.report.FindingNotes;
import dev.sgrevoker.report.FindingUpdater;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The notes through BatchUpdateFindings, from the account and region that received the findings (the function's own:
 * with Security Hub's administrator account and cross-region aggregation, that updates members' and linked regions'
 * findings too). One call per distinct note and workflow, at most 100 findings each; a call that fails, or a finding
 * returned in UnprocessedFindings, is tried again with backoff, then reported FAILED with the last reason.
 */
public final class SecurityHubFindingUpdater implements FindingUpdater {
    /** BatchUpdateFindings' limit on FindingIdentifiers. */
    static final int FINDINGS_PER_CALL = 100;

    static final int ATTEMPTS = 3;

    /** Less than this left, and no call is started: it would only be cut short. */
    static final Duration MIN_CALL = Duration.ofMillis(500);

    private final Supplier<FindingsApi> securityHub;
    private final Duration backoff;

    SecurityHubFindingUpdater(Supplier<FindingsApi> securityHub, Duration backoff) {
        this.securityHub = securityHub;
        this.backoff = backoff;
    }

    @Override
    public List<FindingUpdate> update(List<FindingNotes.Note> notes, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        Map<String, FindingUpdate> ends = new LinkedHashMap<>();
        // Findings with the same words and workflow share a call; each call carries one note for all it names.
        Map<Call, List<Finding>> calls = new LinkedHashMap<>();
        for (FindingNotes.Note note : notes) {
            ends.put(note.finding().id(), null);
            calls.computeIfAbsent(new Call(note.text(), note.workflow()), c -> new ArrayList<>())
                    .add(note.finding());
        }
        calls.forEach((call, findings) -> {
            for (int i = 0; i < findings.size(); i += FINDINGS_PER_CALL) {
                List<Finding> batch = findings.subList(i, Math.min(findings.size(), i + FINDINGS_PER_CALL));
                send(call, batch, deadline).forEach(u -> ends.put(u.findingId(), u));
            }
        });
        return List.copyOf(ends.values());
    }

    private List<FindingUpdate> send(Call call, List<Finding> findings, long deadline) {
        String workflow = call.workflow() == null ? null : call.workflow().name();
        Map<String, Finding> pending = new LinkedHashMap<>();
        for (Finding f : findings) {
            pending.put(f.id(), f);
        }
        Map<String, String> reasons = new LinkedHashMap<>();
        List<FindingUpdate> ends = new ArrayList<>();
        int tried = 0;
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            Duration pause = attempt == 1 ? Duration.ZERO : backoff.multipliedBy(1L << (attempt - 2));
            Duration left = Duration.ofNanos(deadline - System.nanoTime()).minus(pause);
            if (left.compareTo(MIN_CALL) < 0) {
                // The invocation keeps the rest of its time to report what it did, the notes included.
                String reason = "no time left in the invocation for " + (attempt == 1 ? "the call" : "another attempt");
                pending.keySet().forEach(id -> reasons.merge(id, reason, (was, now) -> was + "; " + now));
                tried = attempt - 1;
                break;
            }
            if (!pause.isZero() && !sleep(pause)) {
                tried = attempt - 1;
                break;
            }
            tried = attempt;
            ObjectNode request = request(call, pending.values());
            try {
                JsonNode answer = securityHub.get().batchUpdateFindings(request, left);
                Map<String, Finding> unprocessed = new LinkedHashMap<>();
                for (JsonNode u : answer.path("UnprocessedFindings")) {
                    String id = u.path("FindingIdentifier").path("Id").asText(null);
                    if (id != null && pending.containsKey(id)) {
                        unprocessed.put(id, pending.get(id));
                        reasons.put(
                                id,
                                "UnprocessedFindings: " + u.path("ErrorCode").asText("") + ": "
                                        + u.path("ErrorMessage").asText(""));
                    }
                }
                pending.keySet().stream()
                        .filter(id -> !unprocessed.containsKey(id))
                        .forEach(id -> ends.add(FindingUpdate.updated(id, workflow)));
                pending = unprocessed;
            } catch (RuntimeException e) {
                // Refused, no answer, or an answer that cannot be read: reported alike, never thrown at the revoke.
                String reason = "BatchUpdateFindings failed: " + e.getMessage();
                pending.keySet().forEach(id -> reasons.put(id, reason));
            }
        }
        String tries = " (after " + tried + (tried == 1 ? " attempt)" : " attempts)");
        pending.keySet().forEach(id -> ends.add(FindingUpdate.failed(id, workflow, reasons.get(id) + tries)));
        return ends;
    }

    /** The request's JSON: the findings by Id and ProductArn, the note, and the workflow unless it is left alone. */
    static ObjectNode request(Call call, Collection<Finding> findings) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        ArrayNode ids = r.putArray("FindingIdentifiers");
        findings.forEach(f -> ids.addObject().put("Id", f.id()).put("ProductArn", f.productArn()));
        r.putObject("Note").put("Text", call.text()).put("UpdatedBy", FindingNotes.UPDATED_BY);
        if (call.workflow() != null) {
            r.putObject("Workflow").put("Status", call.workflow().name());
        }
        return r;
    }

    /** Returns false when interrupted: the findings left are reported, not retried. */
    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    record Call(String text, FindingNotes.Workflow workflow) {}
}
