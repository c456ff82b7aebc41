package dev.sgrevoker.intake.trigger;

import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.InputJson;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.policy.BlastRadius;
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
import java.util.Map;

/**
 * The policy configuration, read once from the environment: MAX_REVOCATIONS, EXEMPT_TAG_KEY, CLOUDTRAIL_REVERT_MODE
 * and the sweep a bare Scheduled Event runs (SWEEP). A SWEEP that cannot be read is held back and reported where it
 * is needed (a Scheduled Event, a CloudTrail revert in policy mode), so alerts still run.
 */
public record PolicySettings(Guardrails guardrails, Sweep configuredSweep, InvalidRequestException sweepProblem) {
    public static final String SWEEP_ENV = "SWEEP";

    public static PolicySettings fromEnvironment(Map<String, String> env) {
        AuthorizedPorts ports = AuthorizedPorts.fromEnvironment(env);
        List<PortRange> tcp = ports.tcp();
        List<PortRange> udp = ports.udp();
        Sweep sweep = null;
        InvalidRequestException problem = null;
        String raw = env.get(SWEEP_ENV);
        if (raw == null || raw.isBlank()) {
            problem = new InvalidRequestException(
                    SWEEP_ENV,
                    "is not set: a bare 'Scheduled Event' runs the sweep configured in the function's SWEEP"
                            + " environment variable (the template's SweepPolicy parameter)");
        } else {
            try {
                // Strict like every other input: duplicate keys and oversized documents are refused.
                FieldPath at = FieldPath.named(SWEEP_ENV);
                sweep = SweepDocument.parse(InputJson.read(raw, at), at, tcp, udp);
            } catch (InvalidRequestException e) {
                problem = e;
            }
        }
        Policy revertPolicy = sweep != null ? sweep.policy() : Guardrails.allControls(tcp, udp);
        Guardrails guardrails = new Guardrails(
                ProtectedGroups.of(env.get(ProtectedGroups.PROTECTED_GROUP_IDS)),
                limit(env.get(BlastRadius.ENV)),
                new Exemptions(
                        env.getOrDefault(Exemptions.ENV, "").isBlank()
                                ? Exemptions.DEFAULT_TAG_KEY
                                : env.get(Exemptions.ENV).trim()),
                revertMode(env.get(RevertMode.ENV)),
                revertPolicy,
                () -> LocalDate.now(ZoneOffset.UTC));
        return new PolicySettings(guardrails, sweep, problem);
    }

    /**
     * The most a request may ask to revoke at once: MAX_REVOCATIONS, or the configured sweep's own maxRevocations if
     * higher. Both are the deployer's; a requester's maxRevocations (a sweep request, a hand-over) can only lower it.
     */
    public BlastRadius ceiling() {
        BlastRadius configured = guardrails.limit();
        Integer swept = configuredSweep == null ? null : configuredSweep.maxRevocations();
        return swept == null || swept <= configured.maxRevocations()
                ? configured
                : new BlastRadius(swept, SWEEP_ENV + "'s maxRevocations");
    }

    /** The sweep a bare Scheduled Event runs; an error naming the field when SWEEP is unset or invalid. */
    public Sweep scheduledSweep() {
        if (configuredSweep == null) {
            throw sweepProblem;
        }
        return configuredSweep;
    }

    /**
     * CloudTrail in policy mode judges by SWEEP's checks (all five controls without SWEEP): refused while SWEEP is
     * set but unreadable, rather than silently judging by another policy.
     */
    public void checkRevertPolicy() {
        boolean unreadable = sweepProblem != null && !sweepProblem.reason().startsWith("is not set");
        if (guardrails.revertMode() == RevertMode.POLICY && unreadable) {
            throw sweepProblem;
        }
    }

    private static BlastRadius limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return BlastRadius.byDefault();
        }
        if (!raw.trim().matches("[0-9]{1,9}") || Integer.parseInt(raw.trim()) < 1) {
            throw new InvalidRequestException(BlastRadius.ENV, "'" + raw + "' is not a whole number of at least 1");
        }
        return new BlastRadius(Integer.parseInt(raw.trim()), BlastRadius.ENV);
    }

    private static RevertMode revertMode(String raw) {
        if (raw == null || raw.isBlank()) {
            return RevertMode.POLICY;
        }
        try {
            return RevertMode.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(RevertMode.ENV, "'" + raw + "' is not policy or all");
        }
    }
}
