package dev.sgrevoker.testing;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Vpc;

/** Test-side EC2 straight to moto (never through a fault proxy): seeds groups and rules, and reads them back. */
public final class Ec2Fixture {
    private final Ec2Client ec2;

    public Ec2Fixture(MotoServer moto) {
        this.ec2 = Ec2Client.builder()
                .endpointOverride(URI.create(moto.url()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public Ec2Client client() {
        return ec2;
    }

    public String defaultVpc() {
        return ec2.describeVpcs().vpcs().stream()
                .filter(Vpc::isDefault)
                .map(Vpc::vpcId)
                .findFirst()
                .orElseThrow();
    }

    public String newVpc() {
        return ec2.createVpc(r -> r.cidrBlock("10.20.0.0/16")).vpc().vpcId();
    }

    public String group(String name, String vpcId) {
        return ec2.createSecurityGroup(
                        r -> r.groupName(name).description("test " + name).vpcId(vpcId))
                .groupId();
    }

    /** A group created without a VPC lands in the default VPC, where GroupName resolves. */
    public String groupInDefaultVpc(String name) {
        return ec2.createSecurityGroup(r -> r.groupName(name).description("test " + name))
                .groupId();
    }

    public void authorize(String groupId, IpPermission... permissions) {
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(permissions));
    }

    public List<SecurityGroupRule> rules(String groupId) {
        return ec2.describeSecurityGroupRules(r -> r.filters(
                        Filter.builder().name("group-id").values(groupId).build()))
                .securityGroupRules();
    }

    public List<SecurityGroupRule> ingress(String groupId) {
        return rules(groupId).stream().filter(r -> !r.isEgress()).toList();
    }

    /** The ids of every rule (both directions) of the group. */
    public Set<String> ruleIds(String groupId) {
        return rules(groupId).stream()
                .map(SecurityGroupRule::securityGroupRuleId)
                .collect(Collectors.toSet());
    }

    /** The id of the one ingress rule that matches; fails if there is not exactly one. */
    public String ingressRuleId(String groupId, Predicate<SecurityGroupRule> which) {
        List<SecurityGroupRule> found = ingress(groupId).stream().filter(which).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one matching ingress rule in " + groupId + ", found " + found);
        }
        return found.get(0).securityGroupRuleId();
    }

    public String ingressRuleId(String groupId, String cidr, int port) {
        return ingressRuleId(
                groupId, r -> (cidr.equals(r.cidrIpv4()) || cidr.equals(r.cidrIpv6())) && r.fromPort() == port);
    }

    public String egressRuleId(String groupId) {
        return rules(groupId).stream()
                .filter(SecurityGroupRule::isEgress)
                .map(SecurityGroupRule::securityGroupRuleId)
                .findFirst()
                .orElseThrow();
    }

    public void revokeDirectly(String groupId, String ruleId) {
        ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId).securityGroupRuleIds(ruleId));
    }

    /** Rule id to a readable summary, to compare whole groups before and after. */
    public Map<String, String> snapshot(String groupId) {
        return rules(groupId).stream()
                .collect(Collectors.toMap(SecurityGroupRule::securityGroupRuleId, SecurityGroupRule::toString));
    }

    public static IpPermission cidr(String protocol, int from, int to, String cidr) {
        return IpPermission.builder()
                .ipProtocol(protocol)
                .fromPort(from)
                .toPort(to)
                .ipRanges(r -> r.cidrIp(cidr))
                .build();
    }

    public static IpPermission cidr6(String protocol, int from, int to, String cidr) {
        return IpPermission.builder()
                .ipProtocol(protocol)
                .fromPort(from)
                .toPort(to)
                .ipv6Ranges(r -> r.cidrIpv6(cidr))
                .build();
    }

    public static IpPermission fromGroup(String protocol, int from, int to, String sourceGroupId) {
        return IpPermission.builder()
                .ipProtocol(protocol)
                .fromPort(from)
                .toPort(to)
                .userIdGroupPairs(p -> p.groupId(sourceGroupId))
                .build();
    }
}
