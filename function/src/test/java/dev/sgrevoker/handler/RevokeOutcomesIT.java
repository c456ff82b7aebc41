package dev.sgrevoker.handler;

import static dev.sgrevoker.testing.Ec2Fixture.cidr;
import static dev.sgrevoker.testing.Ec2Fixture.cidr6;
import static dev.sgrevoker.testing.Ec2Fixture.fromGroup;
import static dev.sgrevoker.testing.ResultAssertions.assertCounts;
import static dev.sgrevoker.testing.ResultAssertions.assertFailed;
import static dev.sgrevoker.testing.ResultAssertions.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.testing.Lambda;
import dev.sgrevoker.testing.MotoTestBase;
import dev.sgrevoker.testing.ResultAssertions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every outcome, end to end: real handler, real SDK clients, moto, and the result event read back. */
class RevokeOutcomesIT extends MotoTestBase {
    private String vpc;
    private String web;
    private String app;

    @BeforeEach
    void seed() {
        vpc = ec2.newVpc();
        web = ec2.group("web", vpc);
        app = ec2.group("app", vpc);
        ec2.authorize(
                web,
                cidr("tcp", 22, 22, "10.0.0.0/8"),
                cidr("tcp", 22, 22, "203.0.113.0/24"),
                cidr6("tcp", 443, 443, "2001:db8::/32"),
                fromGroup("tcp", 5432, 5432, app));
    }

    @Test
    void revokesExactlyTheRequestedRulesAndLeavesTheOthers() {
        Map<String, String> before = ec2.snapshot(web);
        String ssh = ec2.ingressRuleId(web, "10.0.0.0/8", 22);
        String https = ec2.ingressRuleId(web, "2001:db8::/32", 443);

        JsonNode r = run("""
                {"GroupId": "%s", "IpPermissions": [
                  {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
                  {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "Ipv6Ranges": [{"CidrIpv6": "2001:db8::/32"}]}]}
                """, web);

        assertEquals("cli-input-json", r.get("inputForm").asText());
        assertFalse(r.get("dryRun").asBoolean());
        assertCounts(r, 2, 0, 0, 0);
        assertEquals(ssh, entry(r, "10.0.0.0/8").get("ruleId").asText());
        assertEquals(https, entry(r, "2001:db8::/32").get("ruleId").asText());
        assertEquals(web, entry(r, "10.0.0.0/8").get("groupId").asText());
        assertOnlyRemoved(web, before, ssh, https);
    }

    @Test
    void anAbsentRuleIsNotFoundAndRunningTheSamePayloadTwiceIsSafe() {
        String payload = """
                {"GroupId": "%s", "IpPermissions": [
                  {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
                  {"IpProtocol": "tcp", "FromPort": 23, "ToPort": 23, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}]}
                """.formatted(web);
        String ssh = ec2.ingressRuleId(web, "10.0.0.0/8", 22);
        Map<String, String> before = ec2.snapshot(web);

        JsonNode first = run(payload);
        assertEquals("REVOKED", first.at("/permissions/0/outcome").asText(), first.toString());
        assertEquals("NOT_FOUND", first.at("/permissions/1/outcome").asText(), "port 23 was never allowed: " + first);
        assertCounts(first, 1, 1, 0, 0);
        assertOnlyRemoved(web, before, ssh);

        JsonNode second = run(payload);
        assertCounts(second, 0, 2, 0, 0);
        assertTrue(second.at("/permissions/0/reason").asText().contains(web), second.toString());
        assertOnlyRemoved(web, before, ssh);
    }

    @Test
    void aMissingGroupIdFailsWithInvalidGroupNotFound() {
        JsonNode r = run("""
                {"GroupId": "sg-0123456789abcdef0", "protocol": "tcp", "port": "22", "cidr": "10.0.0.0/8"}
                """);
        assertCounts(r, 0, 0, 1, 0);
        assertFailed(r, "10.0.0.0/8", "InvalidGroup.NotFound");
        assertEquals("sg-0123456789abcdef0", r.at("/permissions/0/groupId").asText());
        assertEquals(4, ec2.ingress(web).size(), "nothing of another group was touched");
    }

    @Test
    void anUnknownGroupNameFailsWithInvalidGroupNotFound() {
        JsonNode r = run("""
                {"GroupName": "no-such-group", "protocol": "tcp", "port": "22", "cidr": "10.0.0.0/8"}
                """);
        assertFailed(r, "10.0.0.0/8", "InvalidGroup.NotFound");
        assertEquals("no-such-group", r.at("/permissions/0/groupName").asText(), r.toString());
        assertEquals(4, ec2.ingress(web).size());
    }

    @Test
    void aDryRunChangesNothing() {
        Map<String, String> before = ec2.snapshot(web);
        JsonNode r = run("""
                {"GroupId": "%s", "DryRun": true, "IpPermissions": [
                  {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}, {"CidrIp": "203.0.113.0/24"}]}]}
                """, web);
        assertTrue(r.get("dryRun").asBoolean());
        assertCounts(r, 0, 0, 0, 2);
        assertEquals(
                ec2.ingressRuleId(web, "10.0.0.0/8", 22),
                entry(r, "10.0.0.0/8").get("ruleId").asText());
        assertEquals(before, ec2.snapshot(web));
    }

    @Test
    void anEgressRuleIdFailsAsNotAnIngressRuleAndStays() {
        String egress = ec2.egressRuleId(web);
        Map<String, String> before = ec2.snapshot(web);
        JsonNode r = run("""
                {"GroupId": "%s", "SecurityGroupRuleIds": ["%s"]}
                """, web, egress);
        assertFailed(r, egress, "NotAnIngressRule");
        // The entry shows the rule the id named, as EC2 described it.
        assertEquals(
                "0.0.0.0/0", r.at("/permissions/0/permission/IpRanges/0/CidrIp").asText(), r.toString());
        assertEquals(before, ec2.snapshot(web));
    }

    @Test
    void aDefaultGroupsEgressRuleIdAskedByARequestIsRefusedEvenWithDefaultGroupEgressRevoke() {
        String defaultGroup = ec2.client()
                .describeSecurityGroups(r -> r.filters(
                        f -> f.name("vpc-id").values(vpc),
                        f -> f.name("group-name").values("default")))
                .securityGroups()
                .get(0)
                .groupId();
        String egress = ec2.egressRuleId(defaultGroup);
        Map<String, String> before = ec2.snapshot(defaultGroup);
        Lambda.Invocation inv = Lambda.invoke(
                RevokeHandler.builder()
                        .environment(Map.of("DEFAULT_GROUP_EGRESS", "revoke"))
                        .build(),
                """
                {"GroupId": "%s", "SecurityGroupRuleIds": ["%s"]}
                """.formatted(defaultGroup, egress));
        ResultAssertions.checkResponse(inv);
        JsonNode r = inv.response();
        assertFailed(r, egress, "NotAnIngressRule");
        assertEquals("egress", r.at("/permissions/0/direction").asText(), r.toString());
        assertFalse(r.has("restoreEgress"), r.toString());
        assertEquals(before, ec2.snapshot(defaultGroup), "only EC2.2 takes a default group's egress, never a request");
    }

    @Test
    void theSameRuleIdThreeTimesRevokesOneRuleAndCountsItOnce() {
        String office = ec2.ingressRuleId(web, "203.0.113.0/24", 22);
        Map<String, String> before = ec2.snapshot(web);

        JsonNode r = run("""
                {"GroupId": "%s", "SecurityGroupRuleIds": ["%s", "%s", "%s"]}
                """, web, office, office, office);

        assertCounts(r, 1, 0, 0, 0);
        assertEquals(3, r.get("permissions").size(), "every item keeps its entry: " + r);
        assertFalse(r.at("/permissions/0").has("repeatOf"), r.toString());
        for (int i = 1; i < 3; i++) {
            assertEquals(0, r.at("/permissions/" + i + "/repeatOf").asInt(-1), r.toString());
            assertEquals("REVOKED", r.at("/permissions/" + i + "/outcome").asText(), r.toString());
        }
        assertEquals(1, r.get("restore").size(), r.toString());
        assertOnlyRemoved(web, before, office);
    }

    @Test
    void ruleIdsGivenDirectlyAreRevokedAndAnUnknownIdIsNotFound() {
        String office = ec2.ingressRuleId(web, "203.0.113.0/24", 22);
        String db = ec2.ingressRuleId(web, rule -> rule.referencedGroupInfo() != null);
        Map<String, String> before = ec2.snapshot(web);

        JsonNode r = run("""
                {"GroupId": "%s", "SecurityGroupRuleIds": ["%s", "%s", "sgr-0123456789abcdef0"]}
                """, web, office, db);

        assertCounts(r, 2, 1, 0, 0);
        assertEquals(
                "203.0.113.0/24",
                entry(r, office).at("/permission/IpRanges/0/CidrIp").asText());
        assertEquals(
                app, entry(r, db).at("/permission/UserIdGroupPairs/0/GroupId").asText(), r.toString());
        JsonNode unknown = entry(r, "sgr-0123456789abcdef0");
        assertEquals("NOT_FOUND", unknown.get("outcome").asText());
        assertTrue(unknown.get("permission").isNull(), "no rule, so no permission to show: " + unknown);
        assertOnlyRemoved(web, before, office, db);
    }

    @Test
    void aGroupNameResolvesInTheDefaultVpcOnly() {
        String legacy = ec2.groupInDefaultVpc("legacy");
        ec2.authorize(legacy, cidr("tcp", 22, 22, "198.51.100.0/24"), cidr("tcp", 80, 80, "0.0.0.0/0"));
        // The same name and rule in another VPC must not be touched.
        String twin = ec2.group("legacy", vpc);
        ec2.authorize(twin, cidr("tcp", 22, 22, "198.51.100.0/24"));
        String ssh = ec2.ingressRuleId(legacy, "198.51.100.0/24", 22);
        Map<String, String> before = ec2.snapshot(legacy);
        Map<String, String> twinBefore = ec2.snapshot(twin);

        JsonNode r = run("""
                {"GroupName": "legacy", "protocol": "tcp", "port": "22", "cidr": "198.51.100.0/24"}
                """);

        assertCounts(r, 1, 0, 0, 0);
        JsonNode e = entry(r, "198.51.100.0/24");
        assertEquals(legacy, e.get("groupId").asText());
        assertEquals("legacy", e.get("groupName").asText());
        assertOnlyRemoved(legacy, before, ssh);
        assertEquals(twinBefore, ec2.snapshot(twin));
    }

    @Test
    void aSourceGroupGivenByIdRevokesOnlyThatReference() {
        String other = ec2.group("other", vpc);
        String db = ec2.ingressRuleId(web, rule -> rule.referencedGroupInfo() != null);
        Map<String, String> before = ec2.snapshot(web);

        JsonNode r = run("""
                {"GroupId": "%s", "IpPermissions": [
                  {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupId": "%s"}, {"GroupId": "%s"}]}]}
                """, web, app, other);

        assertCounts(r, 1, 1, 0, 0);
        assertEquals("REVOKED", r.at("/permissions/0/outcome").asText());
        assertEquals(db, r.at("/permissions/0/ruleId").asText());
        assertEquals(
                app,
                r.at("/permissions/0/permission/UserIdGroupPairs/0/GroupId").asText());
        assertEquals("NOT_FOUND", r.at("/permissions/1/outcome").asText(), "no rule references " + other);
        assertOnlyRemoved(web, before, db);
    }
}
