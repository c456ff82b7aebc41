package dev.sgrevoker.aws;

import dev.sgrevoker.model.Cidr;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.revoke.Ec2CallFailed;
import dev.sgrevoker.revoke.RuleInventory.RulePage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Tag;

/** What EC2's describe answers become: a rule, a page of rules with their groups' owners, a group's facts. */
final class DescribeAnswers {
    private DescribeAnswers() {}

    /** A page of rules, with the account owning each of their groups (EC2 says so with every rule). */
    static RulePage rulePage(List<SecurityGroupRule> rules) {
        List<DescribedRule> described = new ArrayList<>(rules.size());
        Map<String, String> owners = new HashMap<>();
        for (SecurityGroupRule rule : rules) {
            described.add(described(rule));
            if (rule.groupOwnerId() != null) {
                owners.putIfAbsent(rule.groupId(), rule.groupOwnerId());
            }
        }
        return new RulePage(described, owners);
    }

    /** One rule per source, in both directions, as DescribeSecurityGroupRules would count them. */
    static int sources(List<SecurityGroup> groups) {
        int n = 0;
        for (SecurityGroup g : groups) {
            for (List<IpPermission> direction : List.of(g.ipPermissions(), g.ipPermissionsEgress())) {
                for (IpPermission p : direction) {
                    n += p.ipRanges().size()
                            + p.ipv6Ranges().size()
                            + p.prefixListIds().size()
                            + p.userIdGroupPairs().size();
                }
            }
        }
        return n;
    }

    static GroupFacts facts(SecurityGroup g) {
        return new GroupFacts(g.groupId(), g.groupName(), g.vpcId(), g.ownerId(), tags(g.tags()));
    }

    static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach(t -> out.put(t.key(), t.value()));
        return out;
    }

    static DescribedRule described(SecurityGroupRule rule) {
        Protocol protocol = Protocol.parse(rule.ipProtocol(), "IpProtocol");
        PortRange ports = protocol.ignoresPorts()
                ? PortRange.ANY
                : new PortRange(
                        rule.fromPort() == null ? -1 : rule.fromPort(), rule.toPort() == null ? -1 : rule.toPort());
        return new DescribedRule(
                rule.securityGroupRuleId(),
                rule.groupId(),
                Boolean.TRUE.equals(rule.isEgress()),
                new Permission(protocol, ports, source(rule), rule.description()),
                tags(rule.tags()));
    }

    static RuleSource source(SecurityGroupRule rule) {
        if (rule.cidrIpv4() != null) {
            return new RuleSource.Ipv4Range(Cidr.ipv4(rule.cidrIpv4(), "CidrIpv4"));
        }
        if (rule.cidrIpv6() != null) {
            return new RuleSource.Ipv6Range(Cidr.ipv6(rule.cidrIpv6(), "CidrIpv6"));
        }
        if (rule.prefixListId() != null) {
            return new RuleSource.PrefixList(rule.prefixListId());
        }
        var ref = rule.referencedGroupInfo();
        if (ref != null) {
            return new RuleSource.GroupReference(
                    ref.groupId(), null, ref.userId(), ref.vpcId(), ref.vpcPeeringConnectionId());
        }
        throw new Ec2CallFailed(
                FailureCode.Ours.UNREADABLE_RULE,
                "rule " + rule.securityGroupRuleId() + " has no source EC2 described");
    }
}
