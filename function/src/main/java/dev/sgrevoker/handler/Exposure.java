package dev.sgrevoker.handler;

import dev.sgrevoker.intake.trigger.TriggerResult;
import dev.sgrevoker.model.Finding;
import dev.sgrevoker.model.PermissionOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How long each revoked rule was open, where its trigger says when it appeared: a CloudTrail call's eventTime (the
 * call added it), or a finding's FirstObservedAt (Security Hub first saw the offence). Other triggers say nothing.
 */
final class Exposure {
    private Exposure() {}

    /** The outcomes, each revoked one with its exposure up to {@code confirmed} where its appearance is known. */
    static List<PermissionOutcome> stamped(List<PermissionOutcome> outcomes, TriggerResult trigger, Instant confirmed) {
        return outcomes.stream()
                .map(p -> {
                    Instant appeared = p.revoked() ? appearedAt(p, trigger) : null;
                    // A clock ahead of ours (a finding stamped in our future) is no exposure, not a negative one.
                    return appeared == null
                            ? p
                            : p.exposedFor(Math.max(
                                    0, Duration.between(appeared, confirmed).toSeconds()));
                })
                .toList();
    }

    private static Instant appearedAt(PermissionOutcome p, TriggerResult trigger) {
        if (trigger.ruleAddedAt() != null) {
            return trigger.ruleAddedAt();
        }
        return trigger.findings().stream()
                .filter(f -> f.concerns(p))
                .map(Finding::firstObservedAt)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }
}
