package dev.sgrevoker.priming;

import dev.sgrevoker.model.Cidr;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.GroupUse;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.policy.Sweep;
import dev.sgrevoker.revoke.Ec2CallFailed;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.revoke.RuleInventory;
import dev.sgrevoker.revoke.RuleInventory.RulePage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The EC2 the priming handler sees: every call goes to the real EC2 (so the SDK's marshalling, signing and parsing
 * are primed), but the one group it is about, which does not exist, is described from the rules below, so the engine
 * runs its whole path (match, select, revoke, confirm). A sweep scoped to that group reads the real inventory with
 * the group as its filter (so EC2 answers nothing) and finds the made-up rules. Every revoke reaches EC2 as a DryRun
 * of that group: nothing can change.
 */
public final class PrimingEc2 implements Ec2Gateway, RuleInventory {
    private final Ec2Gateway ec2;
    private final RuleInventory inventory;
    private final String group;
    private final List<DescribedRule> rules = new ArrayList<>();

    /** {@code ec2} and {@code inventory}: the function's own account, as a request and as a sweep read it. */
    PrimingEc2(Ec2Gateway ec2, RuleInventory inventory, String group) {
        this.ec2 = ec2;
        this.inventory = inventory;
        this.group = group;
        rules.add(rule(1, false, Protocol.TCP, 22, RuleSource.Ipv4Range.class, "0.0.0.0/0"));
        rules.add(rule(2, false, Protocol.TCP, 22, RuleSource.Ipv6Range.class, "::/0"));
        rules.add(rule(3, false, Protocol.TCP, 3389, RuleSource.Ipv4Range.class, "0.0.0.0/0"));
        rules.add(rule(4, false, Protocol.UDP, 53, RuleSource.Ipv4Range.class, "10.0.0.0/8"));
        rules.add(rule(5, true, Protocol.ALL, -1, RuleSource.Ipv4Range.class, "0.0.0.0/0"));
        rules.add(new DescribedRule(
                id(6),
                group,
                false,
                new Permission(
                        Protocol.ICMP,
                        new PortRange(3, 4),
                        new RuleSource.Ipv4Range(Cidr.ipv4("198.51.100.0/24", "priming")),
                        "priming"),
                Map.of("priming", "true")));
    }

    @Override
    public Map<String, List<DescribedRule>> rulesOf(Collection<String> groupIds) {
        Map<String, List<DescribedRule>> out = new LinkedHashMap<>(ec2.rulesOf(groupIds));
        if (groupIds.contains(group)) {
            out.put(group, List.copyOf(rules));
        }
        return out;
    }

    @Override
    public Map<String, GroupFacts> groups(Collection<String> groupIds) {
        Map<String, GroupFacts> out = new LinkedHashMap<>(ec2.groups(groupIds));
        if (groupIds.contains(group)) {
            out.put(group, facts());
        }
        return out;
    }

    @Override
    public Map<String, GroupFacts> groupsIn(Sweep.Scope scope) {
        requireOwnGroup(scope.groupIds());
        Map<String, GroupFacts> out = new LinkedHashMap<>(inventory.groupsIn(scope));
        out.put(group, facts());
        return out;
    }

    /** EC2's filtered read scoped to the made-up group (it answers none), plus that group: its rules are world-open. */
    @Override
    public Optional<Map<String, GroupFacts>> groupsOpenToWorldIn(Sweep.Scope scope) {
        requireOwnGroup(scope.groupIds());
        return inventory.groupsOpenToWorldIn(scope).map(open -> {
            Map<String, GroupFacts> out = new LinkedHashMap<>(open);
            out.put(group, facts());
            return out;
        });
    }

    @Override
    public Map<String, GroupFacts> defaultGroupsIn(Sweep.Scope scope) {
        requireOwnGroup(scope.groupIds());
        return inventory.defaultGroupsIn(scope); // the made-up group is no default group: EC2 answers none
    }

    @Override
    public void forEachRulePage(Collection<String> groupIds, Consumer<RulePage> page) {
        requireOwnGroup(groupIds);
        inventory.forEachRulePage(groupIds, page);
        page.accept(new RulePage(rules, Map.of(group, facts().ownerId())));
    }

    /** Priming never reads beyond its own group: an unscoped sweep here would read the whole account. */
    private void requireOwnGroup(Collection<String> groupIds) {
        if (groupIds == null || !List.copyOf(groupIds).equals(List.of(group))) {
            throw new IllegalArgumentException("a priming sweep is scoped to " + group);
        }
    }

    /** A real DescribeNetworkInterfaces: the made-up group has none, so EC2 answers with no interface. */
    @Override
    public Map<String, GroupUse> groupUse(Collection<String> groupIds) {
        return ec2.groupUse(groupIds);
    }

    @Override
    public Map<String, GroupUse> interfacesUsing(Collection<String> groupIds) {
        return inventory.interfacesUsing(groupIds);
    }

    @Override
    public Optional<String> groupIdByName(String groupName) {
        return ec2.groupIdByName(groupName);
    }

    @Override
    public void revoke(String groupId, List<String> ruleIds, boolean dryRun) {
        revoking(groupId, ruleIds, dryRun, () -> ec2.revoke(groupId, ruleIds, true));
    }

    /** As {@link #revoke}: the made-up group is no VPC default group, so priming's own engine never calls it. */
    @Override
    public void revokeEgress(String groupId, List<String> ruleIds, boolean dryRun) {
        revoking(groupId, ruleIds, dryRun, () -> ec2.revokeEgress(groupId, ruleIds, true));
    }

    /**
     * Either direction: EC2's dry-run {@code call}, whose "no such group" about the made-up group is its expected
     * answer; then the made-up rules go unless the engine asked a dry run.
     */
    private void revoking(String groupId, List<String> ruleIds, boolean dryRun, Runnable call) {
        try {
            call.run();
        } catch (Ec2CallFailed e) {
            if (!groupId.equals(group) || !e.is("InvalidGroup.NotFound")) {
                throw e;
            }
        }
        if (!dryRun) {
            rules.removeIf(r -> ruleIds.contains(r.ruleId()));
        }
    }

    @Override
    public long revokeWaitMillis() {
        return ec2.revokeWaitMillis();
    }

    private GroupFacts facts() {
        return new GroupFacts(group, "sg-revoker-priming", "vpc-00000000000000000", "000000000000", Map.of());
    }

    private DescribedRule rule(
            int n, boolean egress, Protocol protocol, int port, Class<? extends RuleSource> kind, String cidr) {
        RuleSource source = kind == RuleSource.Ipv6Range.class
                ? new RuleSource.Ipv6Range(Cidr.ipv6(cidr, "priming"))
                : new RuleSource.Ipv4Range(Cidr.ipv4(cidr, "priming"));
        PortRange ports = port < 0 ? PortRange.ANY : new PortRange(port, port);
        return new DescribedRule(id(n), group, egress, new Permission(protocol, ports, source, null), Map.of());
    }

    private static String id(int n) {
        return "sgr-0000000000000000" + n;
    }
}
