package dev.sgrevoker.model;

/**
 * The end of one requested permission. {@code permission} is what was asked (or, for a rule id, the rule it named
 * when EC2 described it); {@code ruleId} is known once matched. Error code and reason accompany every unrevoked one;
 * {@code because} names the alert that asked for it, where one did.
 */
public record PermissionOutcome(
        String groupId,
        String groupName,
        Permission permission,
        String ruleId,
        Outcome outcome,
        String errorCode,
        String reason,
        String because) {

    public PermissionOutcome(
            String groupId,
            String groupName,
            Permission permission,
            String ruleId,
            Outcome outcome,
            String errorCode,
            String reason) {
        this(groupId, groupName, permission, ruleId, outcome, errorCode, reason, null);
    }

    public static PermissionOutcome revoked(String groupId, Permission permission, String ruleId) {
        return new PermissionOutcome(groupId, null, permission, ruleId, Outcome.REVOKED, null, null);
    }

    public boolean revoked() {
        return outcome == Outcome.REVOKED;
    }
}
