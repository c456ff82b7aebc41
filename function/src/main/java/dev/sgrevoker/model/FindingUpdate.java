package dev.sgrevoker.model;

import java.util.Objects;

/**
 * How the note on one Security Hub finding the function acted on ended: {@code updated}, or not and why. The
 * remediation stands either way. {@code workflow} is the status it set ({@code RESOLVED}, {@code NOTIFIED}), null when
 * it left the workflow as it was (a dry run); {@code reason} is null when it was updated.
 */
public record FindingUpdate(String findingId, boolean updated, String workflow, String reason) {
    public FindingUpdate {
        Objects.requireNonNull(findingId, "findingId");
        if (!updated && reason == null) {
            throw new IllegalArgumentException("a finding not updated needs a reason");
        }
    }

    public static FindingUpdate updated(String findingId, String workflow) {
        return new FindingUpdate(findingId, true, workflow, null);
    }

    public static FindingUpdate failed(String findingId, String workflow, String reason) {
        return new FindingUpdate(findingId, false, workflow, reason);
    }
}
