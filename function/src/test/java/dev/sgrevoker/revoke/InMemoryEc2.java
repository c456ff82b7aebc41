package dev.sgrevoker.revoke;

import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.GroupFacts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** An EC2 of groups and rules in memory, for unit tests of the engine; it records the calls it gets. */
final class InMemoryEc2 implements Ec2Gateway {
    final Map<String, List<DescribedRule>> groups = new LinkedHashMap<>();
    final Map<String, String> defaultVpcNames = new HashMap<>();
    final Map<String, String> groupNames = new HashMap<>();
    final Map<String, Map<String, String>> groupTags = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    Ec2CallFailed failDescribe;
    Ec2CallFailed failRevoke;
    boolean dryRunAllowed = true;
    boolean ignoreRevokes;
    Consumer<InMemoryEc2> beforeRevoke = ec2 -> {};

    InMemoryEc2 group(String groupId, DescribedRule... rules) {
        groups.put(groupId, new ArrayList<>(List.of(rules)));
        return this;
    }

    @Override
    public Map<String, List<DescribedRule>> rulesOf(Collection<String> groupIds) {
        calls.add("describe " + String.join(",", groupIds));
        if (failDescribe != null) {
            throw failDescribe;
        }
        Map<String, List<DescribedRule>> out = new LinkedHashMap<>();
        groupIds.stream().filter(groups::containsKey).forEach(g -> out.put(g, List.copyOf(groups.get(g))));
        return out;
    }

    @Override
    public Map<String, GroupFacts> groups(Collection<String> groupIds) {
        calls.add("groups " + String.join(",", groupIds));
        if (failDescribe != null) {
            throw failDescribe;
        }
        Map<String, GroupFacts> out = new LinkedHashMap<>();
        groupIds.stream()
                .filter(groups::containsKey)
                .forEach(g -> out.put(
                        g,
                        new GroupFacts(
                                g,
                                groupNames.getOrDefault(g, "name-of-" + g),
                                "vpc-0123456789abcdef0",
                                "123456789012",
                                groupTags.getOrDefault(g, Map.of()))));
        return out;
    }

    @Override
    public Optional<String> groupIdByName(String groupName) {
        calls.add("resolve " + groupName);
        return Optional.ofNullable(defaultVpcNames.get(groupName));
    }

    @Override
    public void revoke(String groupId, List<String> ruleIds, boolean dryRun) {
        calls.add((dryRun ? "dry-run " : "revoke ") + groupId + " " + String.join(",", ruleIds));
        beforeRevoke.accept(this);
        if (failRevoke != null) {
            Ec2CallFailed f = failRevoke;
            failRevoke = null;
            throw f;
        }
        List<DescribedRule> rules = groups.get(groupId);
        if (rules == null) {
            throw new Ec2CallFailed("InvalidGroup.NotFound", "The security group '" + groupId + "' does not exist");
        }
        if (!ruleIds.stream()
                .allMatch(id -> rules.stream().anyMatch(r -> r.ruleId().equals(id) && !r.egress()))) {
            throw new Ec2CallFailed("InvalidSecurityGroupRuleId.NotFound", "rule not in group");
        }
        if (dryRun) {
            if (!dryRunAllowed) {
                throw new Ec2CallFailed("UnauthorizedOperation", "You are not authorized to perform this operation.");
            }
            return;
        }
        if (!ignoreRevokes) {
            rules.removeIf(r -> ruleIds.contains(r.ruleId()));
        }
    }
}
