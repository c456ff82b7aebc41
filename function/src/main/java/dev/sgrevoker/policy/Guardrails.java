package dev.sgrevoker.policy;

import dev.sgrevoker.model.PortRange;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the engine holds every trigger to: the groups it never touches, the blast-radius limit, the exemption tag,
 * what CloudTrail reverts (mode and the policy it judges by), and whether EC2.2 takes a default group's egress rules
 * too. {@code today} is the UTC date exemption dates are read against. Read once from configuration
 * (config.FunctionConfig).
 */
public record Guardrails(
        ProtectedGroups protectedGroups,
        BlastRadius limit,
        Exemptions exemptions,
        RevertMode revertMode,
        Policy revertPolicy,
        DefaultGroupEgress defaultGroupEgress,
        Supplier<LocalDate> today) {

    /**
     * Defaults: only the protected tag protects, 50 rules, tag sg-revoker:exempt, CloudTrail reverts judged by the
     * five controls (80,443 authorised), a default group's egress rules kept.
     */
    public static Guardrails defaults() {
        return new Guardrails(
                ProtectedGroups.TAG_ONLY,
                BlastRadius.byDefault(),
                new Exemptions(Exemptions.DEFAULT_TAG_KEY),
                RevertMode.POLICY,
                allControls(Controls.EC2_18_AUTHORIZED_TCP_PORTS, List.of()),
                DefaultGroupEgress.KEEP,
                () -> LocalDate.now(ZoneOffset.UTC));
    }

    /** Every control the function knows, as one policy: what CloudTrail reverts are judged by without a configured sweep. */
    public static Policy allControls(List<PortRange> authorizedTcp, List<PortRange> authorizedUdp) {
        return new Policy(Controls.IDS.stream()
                .map(id -> Controls.byId(id, authorizedTcp, authorizedUdp)
                        .orElseThrow()
                        .check())
                .map(Check.class::cast)
                .toList());
    }

    public Guardrails withLimit(BlastRadius newLimit) {
        return new Guardrails(
                protectedGroups, newLimit, exemptions, revertMode, revertPolicy, defaultGroupEgress, today);
    }

    public Guardrails withProtectedGroups(ProtectedGroups groups) {
        return new Guardrails(groups, limit, exemptions, revertMode, revertPolicy, defaultGroupEgress, today);
    }

    public Guardrails withDefaultGroupEgress(DefaultGroupEgress egress) {
        return new Guardrails(protectedGroups, limit, exemptions, revertMode, revertPolicy, egress, today);
    }
}
