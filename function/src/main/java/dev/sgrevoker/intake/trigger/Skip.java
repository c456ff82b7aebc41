package dev.sgrevoker.intake.trigger;

import dev.sgrevoker.model.TriggerFamily;

/**
 * Something an event asked about that is deliberately not acted on, reported (as outcome SKIPPED) so no event is
 * silently dropped. {@code groupId} is null when the group is unknown; {@code reference} names what was skipped (a
 * CloudTrail event id, a finding id, a Config rule name).
 */
public record Skip(TriggerFamily family, String groupId, String reference, String reason) {
    public Skip {
        if (family == null || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a skip needs its family and a reason");
        }
    }
}
