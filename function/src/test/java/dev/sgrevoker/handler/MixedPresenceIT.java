package dev.sgrevoker.handler;

import static dev.sgrevoker.testing.Ec2Fixture.cidr;
import static dev.sgrevoker.testing.Ec2Fixture.cidr6;
import static dev.sgrevoker.testing.Ec2Fixture.fromGroup;
import static dev.sgrevoker.testing.ResultAssertions.assertCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.testing.MotoTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Present and absent permissions in one request. Sent as IpPermissions, EC2 would fail the whole call in a
 * non-default VPC (InvalidPermission.NotFound) or silently return UnknownIpPermissions in the default VPC; the
 * function must revoke the present ones and report the absent ones NOT_FOUND, in both kinds of VPC.
 */
class MixedPresenceIT extends MotoTestBase {

    @ParameterizedTest(name = "default VPC: {0}")
    @ValueSource(booleans = {false, true})
    void revokesThePresentAndReportsTheAbsent(boolean defaultVpc) {
        String group = defaultVpc ? ec2.groupInDefaultVpc("mixed") : ec2.group("mixed", ec2.newVpc());
        ec2.authorize(
                group,
                cidr("tcp", 22, 22, "10.0.0.0/8"),
                cidr("tcp", 443, 443, "203.0.113.0/24"),
                cidr("udp", 53, 53, "192.0.2.0/24"),
                cidr6("tcp", 443, 443, "2001:db8::/32"));
        String ssh = ec2.ingressRuleId(group, "10.0.0.0/8", 22);
        String https = ec2.ingressRuleId(group, "203.0.113.0/24", 443);
        Map<String, String> before = ec2.snapshot(group);

        JsonNode r = run("""
                {"GroupId": "%s", "IpPermissions": [
                  {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}, {"CidrIp": "192.0.2.0/24"}]},
                  {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "203.0.113.0/24"}]},
                  {"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]},
                  {"IpProtocol": "udp", "FromPort": 53, "ToPort": 54, "IpRanges": [{"CidrIp": "192.0.2.0/24"}]}]}
                """, group);

        assertCounts(r, 2, 3, 0, 0);
        // One entry per requested source, in request order.
        List<String> outcomes = r.get("permissions").findValuesAsText("outcome");
        assertEquals(List.of("REVOKED", "NOT_FOUND", "REVOKED", "NOT_FOUND", "NOT_FOUND"), outcomes, r.toString());
        assertEquals(ssh, r.at("/permissions/0/ruleId").asText());
        assertEquals(
                "192.0.2.0/24",
                r.at("/permissions/1/permission/IpRanges/0/CidrIp").asText());
        assertEquals(https, r.at("/permissions/2/ruleId").asText());
        // udp 53-54 is not udp 53: ports must match exactly.
        assertEquals(54, r.at("/permissions/4/permission/ToPort").asInt());
        assertOnlyRemoved(group, before, ssh, https);
    }

    @Test
    void protocolsAreMatchedByNumberOrNameAndPortlessProtocolsIgnorePorts() {
        String group = ec2.group("protocols", ec2.newVpc());
        // moto needs -1/-1 spelled out for icmpv6 and protocol 50; EC2 describes them with -1 as well.
        ec2.authorize(
                group,
                cidr("-1", -1, -1, "198.51.100.0/24"),
                cidr6("icmpv6", -1, -1, "::/0"),
                cidr("50", -1, -1, "192.0.2.0/24"),
                cidr("udp", 53, 53, "10.0.0.0/8"),
                cidr("icmp", 8, -1, "0.0.0.0/0"),
                cidr("tcp", 22, 22, "10.0.0.0/8"));
        Map<String, String> before = ec2.snapshot(group);
        List<String> expectedGone = ec2.ingress(group).stream()
                .filter(rule -> !"tcp".equals(rule.ipProtocol()))
                .map(rule -> rule.securityGroupRuleId())
                .toList();

        JsonNode r = run("""
                {"GroupId": "%s", "IpPermissions": [
                  {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "198.51.100.0/24"}]},
                  {"IpProtocol": "icmpv6", "Ipv6Ranges": [{"CidrIpv6": "::/0"}]},
                  {"IpProtocol": "50", "FromPort": 5, "ToPort": 6, "IpRanges": [{"CidrIp": "192.0.2.0/24"}]},
                  {"IpProtocol": "17", "FromPort": 53, "ToPort": 53, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
                  {"IpProtocol": "icmp", "FromPort": 8, "ToPort": -1, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
                  {"IpProtocol": "6", "FromPort": 23, "ToPort": 23, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}]}
                """, group);

        assertEquals(
                List.of("REVOKED", "REVOKED", "REVOKED", "REVOKED", "REVOKED", "NOT_FOUND"),
                r.get("permissions").findValuesAsText("outcome"),
                r.toString());
        assertEquals(
                "udp", r.at("/permissions/3/permission/IpProtocol").asText(), "protocol numbers are reported by name");
        assertOnlyRemoved(group, before, expectedGone.toArray(String[]::new));
    }

    @Test
    void aSourceGroupGivenByNameResolvesInTheDefaultVpc() {
        String legacy = ec2.groupInDefaultVpc("legacy");
        String app = ec2.groupInDefaultVpc("app");
        String batch = ec2.groupInDefaultVpc("batch");
        ec2.authorize(legacy, fromGroup("tcp", 5432, 5432, app), fromGroup("tcp", 5432, 5432, batch));
        String fromApp = ec2.ingressRuleId(
                legacy, rule -> app.equals(rule.referencedGroupInfo().groupId()));
        Map<String, String> before = ec2.snapshot(legacy);

        JsonNode r = run("""
                {"GroupName": "legacy", "IpPermissions": [
                  {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupName": "app"}, {"GroupName": "nobody"}]}]}
                """);

        assertEquals(List.of("REVOKED", "FAILED"), r.get("permissions").findValuesAsText("outcome"), r.toString());
        assertEquals(fromApp, r.at("/permissions/0/ruleId").asText());
        assertEquals(
                app,
                r.at("/permissions/0/permission/UserIdGroupPairs/0/GroupId").asText(),
                "reported with the resolved id");
        assertEquals("InvalidGroup.NotFound", r.at("/permissions/1/errorCode").asText());
        assertOnlyRemoved(legacy, before, fromApp);
    }
}
