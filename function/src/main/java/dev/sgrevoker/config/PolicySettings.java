package dev.sgrevoker.config;

import static dev.sgrevoker.config.FunctionConfig.CLOUDTRAIL_REVERT_MODE;
import static dev.sgrevoker.config.FunctionConfig.DEFAULT_GROUP_EGRESS;
import static dev.sgrevoker.config.FunctionConfig.EXEMPT_TAG_KEY;
import static dev.sgrevoker.config.FunctionConfig.MAX_REVOCATIONS;
import static dev.sgrevoker.config.FunctionConfig.PROTECTED_GROUP_IDS;
import static dev.sgrevoker.config.FunctionConfig.SWEEP;

import dev.sgrevoker.exception.ConfigurationException;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.InputJson;
import dev.sgrevoker.intake.trigger.SweepDocument;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.policy.BlastRadius;
import dev.sgrevoker.policy.DefaultGroupEgress;
import dev.sgrevoker.policy.Exemptions;
import dev.sgrevoker.policy.Guardrails;
import dev.sgrevoker.policy.Policy;
import dev.sgrevoker.policy.ProtectedGroups;
import dev.sgrevoker.policy.RevertMode;
import dev.sgrevoker.policy.Sweep;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    /** The guardrails and SWEEP as the environment sets them (names and defaults: {@link FunctionConfig}). */
    static PolicySettings read(SettingReader env, List<PortRange> tcp, List<PortRange> udp) {
        SweepSetting sweep = sweep(env, tcp, udp);
        Policy revertPolicy =
                sweep instanceof SweepSetting.Configured c ? c.sweep().policy() : Guardrails.allControls(tcp, udp);
        Guardrails guardrails = new Guardrails(
                new ProtectedGroups(
                        env.list(PROTECTED_GROUP_IDS, id -> id.matches("sg-[0-9a-f]{8,17}"), "a security group id"),
                        PROTECTED_GROUP_IDS),
                env.text(MAX_REVOCATIONS).isEmpty()
                        ? new BlastRadius(BlastRadius.DEFAULT, MAX_REVOCATIONS + " (default)")
                        : new BlastRadius(
                                env.positive(MAX_REVOCATIONS, BlastRadius.DEFAULT, "a whole number of at least 1"),
                                MAX_REVOCATIONS),
                new Exemptions(env.text(EXEMPT_TAG_KEY).orElse(Exemptions.DEFAULT_TAG_KEY)),
                revertMode(env),
                revertPolicy,
                defaultGroupEgress(env),
                () -> LocalDate.now(ZoneOffset.UTC));
        return new PolicySettings(guardrails, sweep);
    }

    private static SweepSetting sweep(SettingReader env, List<PortRange> tcp, List<PortRange> udp) {
        Optional<String> raw = env.text(SWEEP);
        if (raw.isEmpty()) {
            return new SweepSetting.Unset();
        }
        try {
            // Strict like every other input: duplicate keys, trailing content and oversized documents are refused.
            FieldPath at = FieldPath.named(SWEEP);
            return new SweepSetting.Configured(SweepDocument.parse(InputJson.read(raw.get(), at), at, tcp, udp));
        } catch (InvalidRequestException e) {
            return new SweepSetting.Unreadable(new ConfigurationException(e.field(), e.reason()));
        }
    }

    /** keep (unset) or revoke: whether EC2.2 takes a VPC default group's egress rules too (docs/security.md). */
    private static DefaultGroupEgress defaultGroupEgress(SettingReader env) {
        return env.flag(DEFAULT_GROUP_EGRESS, "revoke", "keep") ? DefaultGroupEgress.REVOKE : DefaultGroupEgress.KEEP;
    }

    private static RevertMode revertMode(SettingReader env) {
        Optional<String> raw = env.text(CLOUDTRAIL_REVERT_MODE);
        try {
            return raw.map(v -> RevertMode.valueOf(v.toUpperCase(Locale.ROOT))).orElse(RevertMode.POLICY);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(CLOUDTRAIL_REVERT_MODE, "'" + raw.get() + "' is not policy or all");
        }
    }
}
