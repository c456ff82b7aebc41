package dev.sgrevoker.revoke;

import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.Requested;
import java.util.ArrayList;
import java.util.List;

/** One requested permission on its way through revocation; it ends with exactly one outcome. */
final class Pending {
    final Requested requested;
    final boolean dryRun;
    final String groupName;
    String groupId;
    Permission permission;
    /** Why an alert asked for this rule (its selection's reason), reported with every outcome. */
    String because;

    final List<String> ruleIds = new ArrayList<>();
    private Outcome outcome;
    private String errorCode;
    private String reason;

    Pending(Requested requested, boolean dryRun, String groupId, String groupName) {
        this.requested = requested;
        this.dryRun = dryRun;
        this.groupId = groupId;
        this.groupName = groupName;
        this.permission = requested instanceof Requested.ByPermission p ? p.permission() : null;
        this.because = requested instanceof Requested.BySelection s ? s.why() : null;
    }

    boolean settled() {
        return outcome != null;
    }

    /** Matched to rules and waiting for the revoke (or its confirmation). */
    boolean awaitingRevoke() {
        return !settled() && !ruleIds.isEmpty();
    }

    void settle(Outcome outcome, String errorCode, String reason) {
        if (this.outcome == null) {
            this.outcome = outcome;
            this.errorCode = errorCode;
            this.reason = reason;
        }
    }

    void fail(String errorCode, String reason) {
        settle(Outcome.FAILED, errorCode, reason);
    }

    String requestedRuleId() {
        return requested instanceof Requested.ByRuleId r ? r.ruleId() : null;
    }

    PermissionOutcome toOutcome() {
        if (outcome == null) {
            throw new IllegalStateException("a requested permission was left without an outcome");
        }
        String ruleId = ruleIds.isEmpty() ? requestedRuleId() : String.join(",", ruleIds);
        return new PermissionOutcome(groupId, groupName, permission, ruleId, outcome, errorCode, reason, because);
    }
}
