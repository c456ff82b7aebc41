package dev.sgrevoker.revoke;

import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.GroupUse;
import dev.sgrevoker.model.Selection;
import dev.sgrevoker.policy.Sweep;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** An EC2 of groups and rules in memory, for unit tests of the engine; it records the calls it gets. */
public final class InMemoryEc2 implements Ec2Gateway, RuleInventory {
    static final FailureCode THROTTLED = FailureCode.Aws.ec2("RequestLimitExceeded", 503);
    static final FailureCode UNAUTHORIZED = FailureCode.Aws.ec2("UnauthorizedOperation", 403);
    static final String OWNER = "123456789012";
    public final Map<String, List<DescribedRule>> groups = new LinkedHashMap<>();
    final Map<String, String> defaultVpcNames = new HashMap<>();
    final Map<String, String> groupNames = new HashMap<>();
    final Map<String, Map<String, String>> groupTags = new HashMap<>();
    public final List<String> calls = new ArrayList<>();
    Ec2CallFailed failDescribe;
    Ec2CallFailed failRevoke;
    boolean dryRunAllowed = true;
    boolean ignoreRevokes;
    Consumer<InMemoryEc2> beforeRevoke = ec2 -> {};
    /** What uses each group (DescribeNetworkInterfaces); a group not here has no interface. */
    final Map<String, GroupUse> interfaces = new HashMap<>();

    Ec2CallFailed failInterfaces;
    /** Whether it answers {@link #groupsOpenToWorldIn} (EC2's ip-permission filters), as EC2 does; moto lacks one. */
    boolean filtersBySource;

    /** What {@link #revokeWaitMillis} answers: above 0, the revokes are waiting for EC2's tokens. */
    long revokeWait;

    /** Rules per page of {@link #forEachRulePage}, small so that sweeps read more than one page. */
    int pageSize = 2;

    public InMemoryEc2 group(String groupId, DescribedRule... rules) {
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
    public Map<String, GroupUse> groupUse(Collection<String> groupIds) {
        calls.add("interfaces " + String.join(",", groupIds));
        if (failInterfaces != null) {
            throw failInterfaces;
        }
        Map<String, GroupUse> out = new LinkedHashMap<>();
        groupIds.forEach(g -> out.put(g, interfaces.getOrDefault(g, GroupUse.NONE)));
        return out;
    }

    @Override
    public Map<String, GroupUse> interfacesUsing(Collection<String> groupIds) {
        return groupUse(groupIds);
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
                                OWNER,
                                groupTags.getOrDefault(g, Map.of()))));
        return out;
    }

    @Override
    public Map<String, GroupFacts> groupsIn(Sweep.Scope scope) {
        calls.add("groups in scope");
        return inScope(scope, false);
    }

    @Override
    public Map<String, GroupFacts> defaultGroupsIn(Sweep.Scope scope) {
        calls.add("default groups in scope");
        return inScope(scope, true);
    }

    @Override
    public Optional<Map<String, GroupFacts>> groupsOpenToWorldIn(Sweep.Scope scope) {
        if (!filtersBySource) {
            return Optional.empty();
        }
        calls.add("groups open to the world in scope");
        Map<String, GroupFacts> open = new LinkedHashMap<>();
        inScope(scope, false).forEach((id, g) -> {
            if (groups.get(id).stream().anyMatch(r -> !r.egress() && Selection.fromWorld(r.permission()))) {
                open.put(id, g);
            }
        });
        return Optional.of(open);
    }

    private Map<String, GroupFacts> inScope(Sweep.Scope scope, boolean defaultsOnly) {
        if (failDescribe != null) {
            throw failDescribe;
        }
        Map<String, GroupFacts> all = groups(groups.keySet());
        calls.remove(calls.size() - 1);
        Map<String, GroupFacts> out = new LinkedHashMap<>();
        all.forEach((id, g) -> {
            boolean in = (scope.groupIds().isEmpty() || scope.groupIds().contains(id))
                    && (scope.vpcIds().isEmpty() || scope.vpcIds().contains(g.vpcId()))
                    && scope.tags().entrySet().stream()
                            .allMatch(t -> t.getValue().equals(g.tags().get(t.getKey())))
                    && (!defaultsOnly || g.isDefaultGroup());
            if (in) {
                out.put(id, g);
            }
        });
        return out;
    }

    @Override
    public void forEachRulePage(Collection<String> groupIds, Consumer<RulePage> page) {
        if (failDescribe != null) {
            throw failDescribe;
        }
        List<DescribedRule> all = new ArrayList<>();
        groups.forEach((id, rules) -> {
            if (groupIds == null || groupIds.contains(id)) {
                all.addAll(rules);
            }
        });
        for (int i = 0; i < all.size(); i += pageSize) {
            calls.add("rules page " + (i / pageSize + 1) + (groupIds == null ? " of the account" : " of the scope"));
            List<DescribedRule> rules = List.copyOf(all.subList(i, Math.min(all.size(), i + pageSize)));
            Map<String, String> owners = new HashMap<>();
            rules.forEach(r -> owners.put(r.groupId(), OWNER));
            page.accept(new RulePage(rules, owners));
        }
    }

    @Override
    public long revokeWaitMillis() {
        return revokeWait;
    }

    @Override
    public Optional<String> groupIdByName(String groupName) {
        calls.add("resolve " + groupName);
        return Optional.ofNullable(defaultVpcNames.get(groupName));
    }

    @Override
    public void revoke(String groupId, List<String> ruleIds, boolean dryRun) {
        revoking(groupId, ruleIds, dryRun, false);
    }

    /** As EC2's RevokeSecurityGroupEgress: the ids must be egress rules of the group; recorded as "... egress". */
    @Override
    public void revokeEgress(String groupId, List<String> ruleIds, boolean dryRun) {
        revoking(groupId, ruleIds, dryRun, true);
    }

    private void revoking(String groupId, List<String> ruleIds, boolean dryRun, boolean egress) {
        calls.add((dryRun ? "dry-run " : "revoke ") + (egress ? "egress " : "") + groupId + " "
                + String.join(",", ruleIds));
        beforeRevoke.accept(this);
        if (failRevoke != null) {
            Ec2CallFailed f = failRevoke;
            failRevoke = null;
            throw f;
        }
        List<DescribedRule> rules = groups.get(groupId);
        if (rules == null) {
            throw new Ec2CallFailed(
                    FailureCode.Aws.ec2("InvalidGroup.NotFound", 400),
                    "The security group '" + groupId + "' does not exist");
        }
        if (!ruleIds.stream()
                .allMatch(id -> rules.stream().anyMatch(r -> r.ruleId().equals(id) && r.egress() == egress))) {
            throw new Ec2CallFailed(
                    FailureCode.Aws.ec2("InvalidSecurityGroupRuleId.NotFound", 400), "rule not in group");
        }
        if (dryRun) {
            if (!dryRunAllowed) {
                throw new Ec2CallFailed(UNAUTHORIZED, "You are not authorized to perform this operation.");
            }
            return;
        }
        if (!ignoreRevokes) {
            rules.removeIf(r -> ruleIds.contains(r.ruleId()));
        }
    }
}
