package dev.sgrevoker.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * Every security group and its ingress rules (and egress rules, which only EC2.2 with DEFAULT_GROUP_EGRESS=revoke
 * takes) at one moment, in our own account and region and in the demo's member
 * accounts: what local-invoke compares before and after an invocation. Every group, not only the demo's, so a group
 * or rule a user added at the endpoint shows too.
 */
record RuleSnapshot(List<GroupRules> groups) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A group as EC2 describes it; {@code account} is its place (null for our own in the demo's region, else ACCOUNT,
     * ACCOUNT@REGION or @REGION), {@code vpc} the VPC's Name tag or id.
     */
    record GroupRules(
            String account,
            String groupId,
            String groupName,
            String vpc,
            List<RuleLine> ingress,
            List<RuleLine> egress) {
        GroupRules {
            egress = egress == null ? List.of() : egress;
        }

        GroupRules(String account, String groupId, String groupName, String vpc, List<RuleLine> ingress) {
            this(account, groupId, groupName, vpc, ingress, List.of());
        }

        String heading() {
            return String.format("%s (%s, %s%s)", groupName, groupId, vpc, account == null ? "" : where(account));
        }

        private static String where(String place) {
            int at = place.indexOf('@');
            if (at < 0) {
                return ", account " + place;
            }
            return (at == 0 ? "" : ", account " + place.substring(0, at)) + ", region " + place.substring(at + 1);
        }
    }

    /** One rule: its id and how it reads (protocol, ports, source; an egress rule's destination). */
    record RuleLine(String ruleId, String text) {
        @Override
        public String toString() {
            return String.format("%-22s %s", ruleId, text);
        }
    }

    /** Reads every group and ingress rule; a member account that cannot be reached is named on {@code notes}. */
    static RuleSnapshot take(DemoAccounts accounts, Set<String> memberAccounts, PrintStream notes) {
        List<GroupRules> groups = new ArrayList<>();
        Set<String> all = new LinkedHashSet<>();
        all.add(null);
        all.addAll(memberAccounts);
        for (String account : all) {
            try {
                groups.addAll(read(account, accounts.ec2(account)));
            } catch (RuntimeException e) {
                if (account == null) throw e;
                notes.println("account " + account + " not shown: " + e.getMessage());
            }
        }
        return new RuleSnapshot(groups);
    }

    private static List<GroupRules> read(String account, Ec2Client ec2) {
        Map<String, String> vpcs = new HashMap<>();
        for (Vpc v : ec2.describeVpcsPaginator(r -> {}).vpcs()) {
            String name = v.tags().stream()
                    .filter(t -> t.key().equals("Name"))
                    .map(t -> t.value())
                    .findFirst()
                    .orElse(v.vpcId());
            vpcs.put(v.vpcId(), Boolean.TRUE.equals(v.isDefault()) ? "default VPC" : name);
        }
        Map<String, SecurityGroup> byId = new LinkedHashMap<>();
        ec2.describeSecurityGroupsPaginator(r -> {}).securityGroups().forEach(g -> byId.put(g.groupId(), g));
        Map<String, String> names = new HashMap<>();
        byId.values().forEach(g -> names.put(g.groupId(), g.groupName()));
        Map<String, List<RuleLine>> ingress = new HashMap<>();
        Map<String, List<RuleLine>> egress = new HashMap<>();
        for (SecurityGroupRule r :
                ec2.describeSecurityGroupRulesPaginator(q -> {}).securityGroupRules()) {
            (Boolean.TRUE.equals(r.isEgress()) ? egress : ingress)
                    .computeIfAbsent(r.groupId(), k -> new ArrayList<>())
                    .add(new RuleLine(r.securityGroupRuleId(), describe(r, names)));
        }
        List<GroupRules> out = new ArrayList<>();
        for (SecurityGroup g : byId.values()) {
            out.add(new GroupRules(
                    account,
                    g.groupId(),
                    g.groupName(),
                    g.vpcId() == null ? "no VPC" : vpcs.getOrDefault(g.vpcId(), g.vpcId()),
                    ingress.getOrDefault(g.groupId(), List.of()),
                    egress.getOrDefault(g.groupId(), List.of())));
        }
        return out;
    }

    static String describe(SecurityGroupRule r, Map<String, String> names) {
        String protocol = "-1".equals(r.ipProtocol()) ? "all" : r.ipProtocol();
        String ports;
        if (protocol.startsWith("icmp")) ports = "type " + r.fromPort() + " code " + r.toPort();
        else if (r.fromPort() == null || r.fromPort() == -1) ports = "all ports";
        else
            ports = r.fromPort().equals(r.toPort())
                    ? "port " + r.fromPort()
                    : "ports " + r.fromPort() + "-" + r.toPort();
        String source;
        if (r.cidrIpv4() != null) source = r.cidrIpv4();
        else if (r.cidrIpv6() != null) source = r.cidrIpv6();
        else if (r.prefixListId() != null) source = r.prefixListId();
        else if (r.referencedGroupInfo() != null) {
            String id = r.referencedGroupInfo().groupId();
            source = id + " (" + names.getOrDefault(id, "?") + ")";
        } else source = "?";
        return String.format(
                "%-5s %-17s %s %s", protocol, ports, Boolean.TRUE.equals(r.isEgress()) ? "to" : "from", source);
    }

    /** Every group and rule, as a listing. */
    void print(PrintStream out) {
        for (GroupRules g : groups) {
            out.println(g.heading() + ":");
            if (g.ingress().isEmpty()) out.println("  (no ingress rules)");
            g.ingress().forEach(r -> out.println("  " + r));
        }
    }

    /** The ingress rules gone ({@code -}) and new ({@code +}) since {@code before}, under their group; empty if none. */
    List<String> changesSince(RuleSnapshot before) {
        return changesSince(before, GroupRules::ingress, true);
    }

    /** The same for egress rules, naming only the groups whose egress rules changed. */
    List<String> egressChangesSince(RuleSnapshot before) {
        return changesSince(before, GroupRules::egress, false);
    }

    private List<String> changesSince(
            RuleSnapshot before, java.util.function.Function<GroupRules, List<RuleLine>> rules, boolean groups) {
        Map<String, GroupRules> then = index(before);
        Map<String, GroupRules> now = index(this);
        Set<String> keys = new LinkedHashSet<>(then.keySet());
        keys.addAll(now.keySet());
        List<String> lines = new ArrayList<>();
        for (String key : keys) {
            GroupRules was = then.get(key);
            GroupRules is = now.get(key);
            List<String> changed = new ArrayList<>();
            List<RuleLine> wasRules = was == null ? List.of() : rules.apply(was);
            List<RuleLine> isRules = is == null ? List.of() : rules.apply(is);
            wasRules.stream().filter(r -> !isRules.contains(r)).forEach(r -> changed.add("  - " + r));
            isRules.stream().filter(r -> !wasRules.contains(r)).forEach(r -> changed.add("  + " + r));
            if (changed.isEmpty() && (!groups || (was == null) == (is == null))) continue;
            GroupRules g = is != null ? is : was;
            lines.add(g.heading() + (is == null ? ": group deleted" : was == null ? ": new group" : ":"));
            lines.addAll(changed);
        }
        return lines;
    }

    /** Whether a group of this name is in our own account: the demo's groups are found by name. */
    boolean hasGroupNamed(String name) {
        return groups.stream()
                .anyMatch(g -> g.account() == null && g.groupName().equals(name));
    }

    int ruleCount() {
        return groups.stream().mapToInt(g -> g.ingress().size()).sum();
    }

    private static Map<String, GroupRules> index(RuleSnapshot s) {
        Map<String, GroupRules> out = new LinkedHashMap<>();
        s.groups().forEach(g -> out.put(g.account() + "/" + g.groupId(), g));
        return out;
    }

    void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    static RuleSnapshot read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), RuleSnapshot.class);
    }
}
