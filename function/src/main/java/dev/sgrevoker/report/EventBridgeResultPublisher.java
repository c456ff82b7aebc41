package dev.sgrevoker.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.RevocationResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Puts the result on EventBridge. A result too large for one event (256 KB) is split into numbered parts, each with
 * the full header and counts. Entries EventBridge rejects are retried with backoff; what still fails is an error.
 */
public final class EventBridgeResultPublisher implements ResultPublisher {
    public static final String SOURCE = "sg-revoker";
    public static final String DETAIL_TYPE = "Security Group Ingress Revocation Result";
    /** Leaves room under EventBridge's 256 KB entry limit for source, detail-type and the part header. */
    static final int MAX_DETAIL_BYTES = 200_000;

    private static final int ENTRIES_PER_CALL = 10;
    private static final int ATTEMPTS = 4;

    private final EventBridgeClient events;
    private final String busName;
    private final Duration backoff;
    private final ObjectMapper mapper = new ObjectMapper();

    public EventBridgeResultPublisher(EventBridgeClient events, String busName, Duration backoff) {
        this.events = events;
        this.busName = busName;
        this.backoff = backoff;
    }

    @Override
    public void publish(RevocationResult result) {
        List<PutEventsRequestEntry> pending = new ArrayList<>();
        for (ObjectNode detail : details(result)) {
            pending.add(PutEventsRequestEntry.builder()
                    .eventBusName(busName)
                    .source(SOURCE)
                    .detailType(DETAIL_TYPE)
                    .detail(detail.toString())
                    .build());
        }
        String lastError = "";
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                sleep(backoff.multipliedBy(1L << (attempt - 2)));
            }
            List<PutEventsRequestEntry> failed = new ArrayList<>();
            for (int i = 0; i < pending.size(); i += ENTRIES_PER_CALL) {
                List<PutEventsRequestEntry> batch = pending.subList(i, Math.min(pending.size(), i + ENTRIES_PER_CALL));
                try {
                    PutEventsResponse response = events.putEvents(r -> r.entries(batch));
                    List<PutEventsResultEntry> answers = response.entries();
                    for (int j = 0; j < batch.size(); j++) {
                        PutEventsResultEntry answer = j < answers.size() ? answers.get(j) : null;
                        if (answer == null || answer.errorCode() != null || answer.eventId() == null) {
                            failed.add(batch.get(j));
                            lastError = answer == null
                                    ? "no answer for the entry"
                                    : answer.errorCode() + ": " + answer.errorMessage();
                        }
                    }
                } catch (SdkException e) {
                    failed.addAll(batch);
                    lastError = e.getMessage();
                }
            }
            pending = failed;
        }
        if (!pending.isEmpty()) {
            throw new ResultNotDeliveredException(pending.size() + " result event(s) not accepted by EventBridge bus '"
                    + busName + "' after " + ATTEMPTS + " attempts: " + lastError);
        }
    }

    /**
     * The event details: header, unrevoked and revoked permissions and the restore of the rules revoked in that
     * part, split into parts that each fit one event.
     */
    List<ObjectNode> details(RevocationResult result) {
        List<ObjectNode> parts = new ArrayList<>();
        List<List<PermissionOutcome>> revokedPerPart = new ArrayList<>();
        int headerSize = size(ResultDocument.header(result)) + 64;
        ObjectNode current = newPart(result);
        List<PermissionOutcome> currentRevoked = new ArrayList<>();
        int currentSize = headerSize;
        List<PermissionOutcome> ordered = new ArrayList<>(ResultDocument.withOutcome(result, false));
        int unrevoked = ordered.size();
        ordered.addAll(ResultDocument.withOutcome(result, true));
        for (int i = 0; i < ordered.size(); i++) {
            PermissionOutcome outcome = ordered.get(i);
            ObjectNode entry = ResultDocument.entry(outcome);
            int entrySize = size(entry) + 1 + (outcome.revoked() ? restoreSize(outcome) : 0);
            if (currentSize + entrySize > MAX_DETAIL_BYTES && currentSize > headerSize) {
                parts.add(current);
                revokedPerPart.add(currentRevoked);
                current = newPart(result);
                currentRevoked = new ArrayList<>();
                currentSize = headerSize;
            }
            ((ArrayNode) current.get(i < unrevoked ? "unrevoked" : "revoked")).add(entry);
            if (outcome.revoked()) {
                currentRevoked.add(outcome);
            }
            currentSize += entrySize;
        }
        parts.add(current);
        revokedPerPart.add(currentRevoked);
        for (int i = 0; i < parts.size(); i++) {
            // Each part restores what it records, so every part is an undo on its own.
            parts.get(i).put("part", i + 1).put("parts", parts.size());
            parts.get(i).set("restore", Restore.payloads(revokedPerPart.get(i)));
        }
        return parts;
    }

    /** What a revoked entry adds to its part's restore: its rules, tags and (at most) a call of its own. */
    private int restoreSize(PermissionOutcome revoked) {
        return size(Restore.payloads(List.of(revoked)));
    }

    private static ObjectNode newPart(RevocationResult result) {
        ObjectNode part = ResultDocument.header(result);
        part.putArray("unrevoked");
        part.putArray("revoked");
        return part;
    }

    private int size(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResultNotDeliveredException("interrupted while retrying the result event");
        }
    }
}
