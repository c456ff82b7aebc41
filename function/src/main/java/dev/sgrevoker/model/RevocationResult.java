package dev.sgrevoker.model;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one invocation (or one SQS message of it) did: one outcome per requested permission, in request order.
 * {@code trigger} names the payload family; {@code messageId} is set for an SQS message; {@code rejected} is set when
 * the payload was malformed and nothing was attempted; {@code provenance} says who asked and when (null where
 * nothing asked, as in priming); {@code sweep} is set for a sweep: what it read and chose.
 */
public record RevocationResult(
        String invocationId,
        TriggerFamily trigger,
        String messageId,
        InputForm inputForm,
        boolean dryRun,
        List<PermissionOutcome> permissions,
        Rejection rejected,
        Provenance provenance,
        SweepSummary sweep) {

    /** Why a payload was refused: the field and the reason. */
    public record Rejection(String field, String reason) {}

    /**
     * What a sweep read and chose: groups and ingress rules judged, rules selected for revocation (exempt ones
     * apart), and the groups handed over to the request queue for lack of time.
     */
    public record SweepSummary(int groupsScanned, int rulesScanned, int selected, int exempt, int handedOverGroups) {}

    public RevocationResult {
        permissions = List.copyOf(permissions);
    }

    public RevocationResult(
            String invocationId,
            TriggerFamily trigger,
            String messageId,
            InputForm inputForm,
            boolean dryRun,
            List<PermissionOutcome> permissions,
            Rejection rejected) {
        this(invocationId, trigger, messageId, inputForm, dryRun, permissions, rejected, null, null);
    }

    public RevocationResult(
            String invocationId, InputForm inputForm, boolean dryRun, List<PermissionOutcome> permissions) {
        this(invocationId, TriggerFamily.DIRECT, null, inputForm, dryRun, permissions, null, null, null);
    }

    public static RevocationResult rejected(
            String invocationId, TriggerFamily trigger, String messageId, Rejection rejection, Provenance provenance) {
        return new RevocationResult(
                invocationId, trigger, messageId, null, false, List.of(), rejection, provenance, null);
    }

    /** Whether any rule is gone because of this result: then it must never be lost, nor its work replayed. */
    public boolean anyRevoked() {
        return permissions.stream().anyMatch(PermissionOutcome::revoked);
    }

    public Map<Outcome, Integer> counts() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        permissions.forEach(p -> counts.merge(p.outcome(), 1, Integer::sum));
        return counts;
    }
}
