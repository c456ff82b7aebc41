package dev.sgrevoker.revoke;

import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.GroupUse;
import dev.sgrevoker.policy.DefaultGroupEgress;
import dev.sgrevoker.policy.Exemptions;
import dev.sgrevoker.policy.Policy;
import dev.sgrevoker.policy.Sweep;
import dev.sgrevoker.policy.Verdict;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A sweep's discovery: every rule in scope read once, page by page, and judged as it comes. The checks need of a
 * group only whether it is a VPC's default group and which account owns it (each rule says so), so groups are
 * described only where that is not enough: a scope by VPC, tag or use, the default groups when a check judges only those,
 * and afterwards the groups of the rules that broke a check, whose tags decide exemptions and whose names the result
 * gives. Describing every group would read every rule a second time (a group's describe carries all its rules).
 * When only a rule from 0.0.0.0/0 or ::/0 can break the checks (EC2.13, EC2.18, EC2.19, with or without EC2.2), EC2's
 * filters name the groups that have one, and only their rules (and the default groups') are read.
 * EC2.2 judges a VPC default group's egress rules too: selected with DEFAULT_GROUP_EGRESS=revoke, else only kept
 * count of.
 */
final class Discovery {
    private Discovery() {}

    /**
     * What the sweep found: the verdicts in the order the rules were read, the described groups they are about, the
     * groups whose rules were read, the rules judged (ingress, and the default groups' egress rules EC2.2 judges),
     * and the egress rules EC2.2 judged that DEFAULT_GROUP_EGRESS=keep leaves.
     */
    record Found(
            Map<String, GroupFacts> groups,
            Map<String, GroupUse> use,
            List<Verdict> verdicts,
            int groupsScanned,
            int rulesScanned,
            List<DescribedRule> egressKept) {}

    static Found read(
            RuleInventory inventory, Sweep sweep, Exemptions exemptions, LocalDate today, DefaultGroupEgress egress) {
        Sweep.Scope scope = sweep.scope();
        Policy policy = sweep.policy();
        // A scope by VPC, tag or use is a question about groups: EC2 filters rules by group id only.
        boolean byGroupFacts = !scope.vpcIds().isEmpty() || !scope.tags().isEmpty() || scope.inUse() != null;
        Map<String, GroupFacts> described = new HashMap<>();
        Map<String, GroupUse> use = Map.of();
        Collection<String> readOnly = scope.groupIds().isEmpty() ? null : scope.groupIds();
        if (byGroupFacts) {
            described.putAll(inventory.groupsIn(scope));
            use = byUse(inventory, described, scope.inUse());
            readOnly = List.copyOf(described.keySet());
        }
        Map<String, GroupFacts> defaults = new LinkedHashMap<>();
        if (policy.asksWhichGroupsAreDefault()) {
            if (byGroupFacts) {
                described.values().stream()
                        .filter(GroupFacts::isDefaultGroup)
                        .forEach(g -> defaults.put(g.groupId(), g));
            } else {
                defaults.putAll(inventory.defaultGroupsIn(scope));
                described.putAll(defaults);
            }
            if (policy.judgesDefaultGroupsOnly()) {
                readOnly = List.copyOf(defaults.keySet());
            }
        }
        if (!byGroupFacts && !policy.judgesDefaultGroupsOnly() && policy.judgesWorldOpenOnly()) {
            // Only a rule from the world can break these checks: EC2 finds its groups, and only theirs are read.
            Optional<Map<String, GroupFacts>> open = inventory.groupsOpenToWorldIn(scope);
            if (open.isPresent()) {
                described.putAll(open.get());
                Set<String> candidates = new LinkedHashSet<>(open.get().keySet());
                candidates.addAll(defaults.keySet());
                readOnly = List.copyOf(candidates);
            }
        }
        if (readOnly != null && readOnly.isEmpty()) {
            return new Found(Map.of(), use, List.of(), 0, 0, List.of());
        }
        Set<String> scanned = new HashSet<>();
        List<DescribedRule> breaking = new ArrayList<>();
        List<DescribedRule> kept = new ArrayList<>();
        int[] rules = {0};
        inventory.forEachRulePage(readOnly, page -> {
            for (DescribedRule rule : page.rules()) {
                if (byGroupFacts && !described.containsKey(rule.groupId())) {
                    continue; // a group created after the scope's groups were read
                }
                scanned.add(rule.groupId());
                if (rule.egress()) {
                    // Only EC2.2 judges egress, and only a default group's (described above when a check asks).
                    GroupFacts defaultGroup = described.get(rule.groupId());
                    if (defaultGroup != null && policy.judgesEgressOf(defaultGroup)) {
                        rules[0]++;
                        if (!egress.revokes()) {
                            kept.add(rule);
                        } else if (policy.judge(defaultGroup, rule, exemptions, today, egress)
                                .isPresent()) {
                            breaking.add(rule);
                        }
                    }
                    continue;
                }
                rules[0]++;
                GroupFacts group = described.get(rule.groupId());
                if (group == null) {
                    // Not a default group (those were described if a check asks); tags wait for the verdict.
                    group = new GroupFacts(
                            rule.groupId(), null, null, page.groupOwners().get(rule.groupId()), Map.of());
                }
                if (policy.judge(group, rule, exemptions, today).isPresent()) {
                    breaking.add(rule);
                }
            }
        });
        Set<String> undescribed = new LinkedHashSet<>();
        breaking.stream()
                .map(DescribedRule::groupId)
                .filter(g -> !described.containsKey(g))
                .forEach(undescribed::add);
        if (!undescribed.isEmpty()) {
            described.putAll(inventory.groups(undescribed));
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (DescribedRule rule : breaking) {
            GroupFacts group = described.get(rule.groupId());
            if (group != null) { // else deleted since its rules were read: nothing left to judge
                policy.judge(group, rule, exemptions, today, egress).ifPresent(verdicts::add);
            }
        }
        // In a scope by VPC or tag, a group without rules was still in scope.
        return new Found(described, use, verdicts, byGroupFacts ? readOnly.size() : scanned.size(), rules[0], kept);
    }

    /**
     * With {@code inUse} given, keeps only the groups whose use says so (false: no interface has it and nothing says
     * it is shared), dropping from {@code groups} the rest and any group the lookup did not answer for.
     */
    private static Map<String, GroupUse> byUse(RuleInventory inventory, Map<String, GroupFacts> groups, Boolean inUse) {
        if (inUse == null || groups.isEmpty()) {
            return Map.of();
        }
        Map<String, GroupUse> use = inventory.interfacesUsing(groups.keySet());
        groups.keySet().removeIf(id -> {
            GroupUse u = use.get(id);
            return u == null || u.unused(groups.get(id).ownerId()) == inUse;
        });
        return use;
    }
}
