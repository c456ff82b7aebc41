package dev.sgrevoker.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.report.JsonText;
import dev.sgrevoker.report.ResultNotDeliveredException;
import dev.sgrevoker.run.RunEvents;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** A run's roll-up on the result bus: source sg-revoker, detail-type "Security Group Sweep Run Completed". */
public final class EventBridgeRunEvents implements RunEvents {
    /** Public, as the result's: the template's notification rules match on it. */
    public static final String DETAIL_TYPE = "Security Group Sweep Run Completed";

    private final EventBridgeClient events;
    private final String busName;

    public EventBridgeRunEvents(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    @Override
    public void rollUp(ObjectNode detail) {
        try {
            PutEventsResultEntry answer = events.putEvents(r -> r.entries(e -> e.eventBusName(busName)
                            .source(EventBridgeResultPublisher.SOURCE)
                            .detailType(DETAIL_TYPE)
                            .detail(JsonText.of(detail))))
                    .entries()
                    .get(0);
            if (answer.errorCode() != null) {
                throw new ResultNotDeliveredException(
                        "the run's roll-up was refused: " + answer.errorCode() + ": " + answer.errorMessage());
            }
        } catch (SdkException e) {
            throw new ResultNotDeliveredException("the run's roll-up was not delivered: " + e.getMessage());
        }
    }
}
