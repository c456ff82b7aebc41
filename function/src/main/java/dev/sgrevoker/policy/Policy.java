package dev.sgrevoker.policy;

import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.GroupFacts;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The checks a rule is judged by: an alert's one control, a sweep's controls and allowed sources, or the checks
 * CloudTrail reverts in policy mode. Pure: current rules in, selected rules with their reasons out.
 */
public record Policy(List<Check> checks) {
    public Policy {
        checks = List.copyOf(checks);
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("a policy needs a check");
        }
    }

    public static Policy of(Check... checks) {
        return new Policy(List.of(checks));
    }

    /** Whether some check judges only VPC default groups: a sweep must then know which groups those are. */
    public boolean asksWhichGroupsAreDefault() {
        return checks.stream().anyMatch(Check::onlyForDefaultGroups);
    }

    /** Whether every check does: a sweep then reads the rules of the VPC default groups only. */
    public boolean judgesDefaultGroupsOnly() {
        return checks.stream().allMatch(Check::onlyForDefaultGroups);
    }

    /**
     * Whether every check selects only rules from 0.0.0.0/0 or ::/0, or judges VPC default groups only: a sweep then
     * needs the rules of the groups EC2 finds with such a rule, and of the default groups, not every rule.
     */
    public boolean judgesWorldOpenOnly() {
        return checks.stream().allMatch(c -> c.onlyFromWorld() || c.onlyForDefaultGroups());
    }

    /** The verdict on one rule of {@code group}: empty when it is egress or breaks no check that applies. */
    public Optional<Verdict> judge(GroupFacts group, DescribedRule rule, Exemptions exemptions, LocalDate today) {
        return judge(group, rule, exemptions, today, DefaultGroupEgress.KEEP);
    }

    /**
     * The verdict on one rule of {@code group}; an egress rule is judged only with {@code egress} revoking, and only
     * by a check that judges the group's egress (EC2.2 on a VPC default group). Empty when it breaks nothing.
     */
    public Optional<Verdict> judge(
            GroupFacts group, DescribedRule rule, Exemptions exemptions, LocalDate today, DefaultGroupEgress egress) {
        if (rule.egress() && !egress.revokes()) {
            return Optional.empty();
        }
        List<Check> broken = checks.stream()
                .filter(c -> c.appliesTo(group)
                        && (rule.egress() ? c.breaksEveryEgressRuleOf(group) : c.breaks(group, rule.permission())))
                .toList();
        if (broken.isEmpty()) {
            return Optional.empty();
        }
        List<String> because = broken.stream().map(Check::because).toList();
        List<String> controls = broken.stream().map(Check::control).distinct().toList();
        return Optional.of(new Verdict(rule, because, controls, exemptions.of(group, rule, today)));
    }

    /** The verdicts on a group's rules, in their order (egress rules as {@code egress} says). */
    public List<Verdict> judge(
            GroupFacts group,
            List<DescribedRule> rules,
            Exemptions exemptions,
            LocalDate today,
            DefaultGroupEgress egress) {
        return rules.stream()
                .map(r -> judge(group, r, exemptions, today, egress))
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * Whether a check judges {@code group}'s egress rules (EC2.2 on a VPC default group): the control keeps failing
     * while any remain, whether DEFAULT_GROUP_EGRESS revokes or keeps them.
     */
    public boolean judgesEgressOf(GroupFacts group) {
        return checks.stream().anyMatch(c -> c.appliesTo(group) && c.breaksEveryEgressRuleOf(group));
    }
}
