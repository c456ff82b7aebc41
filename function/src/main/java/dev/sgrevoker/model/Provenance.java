package dev.sgrevoker.model;

import java.time.Instant;
import java.util.List;

/**
 * Where a result's work came from, for the record's header: the event's id and time, who asked (a CloudTrail
 * caller's ARN, an SQS sender id, an EventBridge source, Security Hub findings and product, a Config rule) and when
 * the function received it; for a plan applied, who the request says approved it ({@code approvedBy}: the caller's
 * identity is CloudTrail's Invoke record). Fields the trigger does not have are null.
 */
public record Provenance(
        Instant receivedAt,
        String eventId,
        String eventTime,
        String source,
        String principal,
        String senderId,
        List<String> findingIds,
        String product,
        String configRule,
        String approvedBy) {
    public Provenance {
        findingIds = findingIds == null ? List.of() : List.copyOf(findingIds);
    }

    public Provenance(
            Instant receivedAt,
            String eventId,
            String eventTime,
            String source,
            String principal,
            String senderId,
            List<String> findingIds,
            String product,
            String configRule) {
        this(receivedAt, eventId, eventTime, source, principal, senderId, findingIds, product, configRule, null);
    }

    /** Only the time it arrived: a direct invoke says nothing else about who asked. */
    public static Provenance receivedAt(Instant when) {
        return new Provenance(when, null, null, null, null, null, List.of(), null, null);
    }

    /** The same origin, carried by an SQS message from this sender. */
    public Provenance viaQueue(String sqsSenderId) {
        return new Provenance(
                receivedAt,
                eventId,
                eventTime,
                source,
                principal,
                sqsSenderId,
                findingIds,
                product,
                configRule,
                approvedBy);
    }

    /** The same origin, for a plan its request says {@code who} approved (free text, as the request gave it). */
    public Provenance approvedBy(String who) {
        return new Provenance(
                receivedAt, eventId, eventTime, source, principal, senderId, findingIds, product, configRule, who);
    }
}
