package dev.sgrevoker.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.report.JsonText;
import dev.sgrevoker.report.ResultNotDeliveredException;
import dev.sgrevoker.report.ResultParts;
import dev.sgrevoker.report.ResultPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Puts the result on EventBridge, in the parts {@link ResultParts} cuts it into. Entries EventBridge rejects are
 * retried with backoff; what still fails is an error.
 */
public final class EventBridgeResultPublisher implements ResultPublisher {
    /** The result events' source and detail-type: public, since the template's notification rules match on them. */
    public static final String SOURCE = "sg-revoker";

    public static final String DETAIL_TYPE = "Security Group Ingress Revocation Result";
    private static final int ENTRIES_PER_CALL = 10;
    private static final int ATTEMPTS = 4;

    private final EventBridgeClient events;
    private final String busName;
    private final Duration backoff;

    public EventBridgeResultPublisher(EventBridgeClient events, String busName, Duration backoff) {
        this.events = events;
        this.busName = busName;
        this.backoff = backoff;
    }

    @Override
    public void publish(RevocationResult result) {
        List<PutEventsRequestEntry> pending = new ArrayList<>();
        for (ObjectNode detail : ResultParts.of(result)) {
            pending.add(PutEventsRequestEntry.builder()
                    .eventBusName(busName)
                    .source(SOURCE)
                    .detailType(DETAIL_TYPE)
                    .detail(JsonText.of(detail))
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

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResultNotDeliveredException("interrupted while retrying the result event");
        }
    }
}
