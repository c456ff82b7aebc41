package dev.sgrevoker.config;

import dev.sgrevoker.exception.ConfigurationException;
import dev.sgrevoker.policy.BlastRadius;
import dev.sgrevoker.policy.Guardrails;
import dev.sgrevoker.policy.RevertMode;
import dev.sgrevoker.policy.Sweep;

/**
 * The policy configuration, read once at start-up: the guardrails (PROTECTED_GROUP_IDS, MAX_REVOCATIONS,
 * EXEMPT_TAG_KEY, CLOUDTRAIL_REVERT_MODE and the policy reverts are judged by, DEFAULT_GROUP_EGRESS) and the sweep a
 * bare Scheduled Event runs (SWEEP).
 */
public record PolicySettings(Guardrails guardrails, SweepSetting sweep) {

    /**
     * The most a request may ask to revoke at once: MAX_REVOCATIONS, or the configured sweep's own maxRevocations if
     * higher. Both are the deployer's; a requester's maxRevocations (a sweep request, a hand-over) can only lower it.
     */
    public BlastRadius ceiling() {
        BlastRadius configured = guardrails.limit();
        Integer swept = sweep instanceof SweepSetting.Configured c ? c.sweep().maxRevocations() : null;
        return swept == null || swept <= configured.maxRevocations()
                ? configured
                : new BlastRadius(swept, FunctionConfig.SWEEP + "'s maxRevocations");
    }

    /** The sweep a bare Scheduled Event runs; a ConfigurationException naming the field when SWEEP is unset or bad. */
    public Sweep scheduledSweep() {
        return switch (sweep) {
            case SweepSetting.Configured c -> c.sweep();
            case SweepSetting.Unset u ->
                throw new ConfigurationException(
                        FunctionConfig.SWEEP,
                        "is not set: a bare 'Scheduled Event' runs the sweep configured in the function's SWEEP"
                                + " environment variable (the template's SweepPolicy parameter)");
            case SweepSetting.Unreadable u -> throw copy(u.problem());
        };
    }

    /**
     * CloudTrail in policy mode judges by SWEEP's checks (all five controls without SWEEP): refused while SWEEP is
     * set but unreadable, rather than silently judging by another policy.
     */
    public void checkRevertPolicy() {
        if (guardrails.revertMode() == RevertMode.POLICY && sweep instanceof SweepSetting.Unreadable u) {
            throw copy(u.problem());
        }
    }

    /** A fresh exception each time, so its stack shows the invocation that needed the setting. */
    private static ConfigurationException copy(ConfigurationException e) {
        return new ConfigurationException(e.setting(), e.reason());
    }
}
