package dev.sgrevoker.policy;

/**
 * What a CloudTrail AuthorizeSecurityGroupIngress revert takes back. POLICY: only the added rules that break the
 * configured checks, as a sweep would judge them (a narrow internal rule added by hand stays). ALL: every addition
 * not made by an approved principal, whatever it allows.
 */
public enum RevertMode {
    POLICY,
    ALL
}
