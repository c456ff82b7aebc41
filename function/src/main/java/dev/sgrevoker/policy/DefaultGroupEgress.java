package dev.sgrevoker.policy;

/**
 * What EC2.2 does with a VPC default group's egress rules (DEFAULT_GROUP_EGRESS). The control passes only without
 * them, but taking them away cuts what the group's members may reach, so the deployer chooses.
 */
public enum DefaultGroupEgress {
    /** Left as they are (the default): the result says the control keeps failing while they remain. */
    KEEP,
    /** Revoked with the default group's ingress rules, by rule id, under the same guards as ingress. */
    REVOKE;

    public boolean revokes() {
        return this == REVOKE;
    }
}
