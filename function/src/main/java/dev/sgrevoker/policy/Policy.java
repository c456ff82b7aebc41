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

    /** The verdict on one rule of {@code group}: empty when it is egress or breaks no check that applies. */
    public Optional<Verdict> judge(GroupFacts group, DescribedRule rule, Exemptions exemptions, LocalDate today) {
        if (rule.egress()) {
            return Optional.empty();
        }
        List<String> because = checks.stream()
                .filter(c -> c.appliesTo(group) && c.breaks(group, rule.permission()))
                .map(Check::because)
                .toList();
        if (because.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Verdict(rule, because, exemptions.of(group, rule, today)));
    }

    /** The verdicts on a group's rules, in their order. */
    public List<Verdict> judge(GroupFacts group, List<DescribedRule> rules, Exemptions exemptions, LocalDate today) {
        return rules.stream()
                .map(r -> judge(group, r, exemptions, today))
                .flatMap(Optional::stream)
                .toList();
    }
}
