package dev.sgrevoker.intake;

import static dev.sgrevoker.testing.Ec2Fixture.cidr;
import static dev.sgrevoker.testing.Ec2Fixture.cidr6;
import static dev.sgrevoker.testing.ResultAssertions.assertCounts;
import static dev.sgrevoker.testing.ResultAssertions.assertOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.handler.RevokeHandler;
import dev.sgrevoker.testing.FaultProxy;
import dev.sgrevoker.testing.Lambda;
import dev.sgrevoker.testing.MotoTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every input form reaches the same exact revocation; a malformed payload reaches none. */
class InputFormsIT extends MotoTestBase {
    private String web;
    private String ssh;
    private String office;
    private String icmp;
    private String https;
    private Map<String, String> before;

    @BeforeEach
    void seed() {
        web = ec2.group("web", ec2.newVpc());
        ec2.authorize(
                web,
                cidr("tcp", 22, 22, "10.0.0.0/8"),
                cidr("tcp", 22, 22, "203.0.113.0/24"),
                cidr("icmp", 3, 4, "0.0.0.0/0"),
                cidr6("tcp", 443, 443, "2001:db8::/32"));
        ssh = ec2.ingressRuleId(web, "10.0.0.0/8", 22);
        office = ec2.ingressRuleId(web, "203.0.113.0/24", 22);
        icmp = ec2.ingressRuleId(web, "0.0.0.0/0", 3);
        https = ec2.ingressRuleId(web, "2001:db8::/32", 443);
        before = ec2.snapshot(web);
    }

    @Test
    void cliInputJsonExpandsEverySourceOfAPermission() {
        JsonNode r = run("""
                {"GroupId": "%s", "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                  "IpRanges": [{"CidrIp": "10.0.0.0/8", "Description": "descriptions do not matter"}, {"CidrIp": "203.0.113.0/24"}]}]}
                """, web);
        assertEquals("cli-input-json", r.get("inputForm").asText());
        assertCounts(r, 2, 0, 0, 0);
        assertOnlyRemoved(web, before, ssh, office);
    }

    @Test
    void simplifiedFlags() {
        JsonNode r = run("""
                {"GroupId": "%s", "protocol": "icmp", "port": "3-4", "cidr": "0.0.0.0/0"}
                """, web);
        assertEquals("simplified-flags", r.get("inputForm").asText());
        assertCounts(r, 1, 0, 0, 0);
        assertEquals(3, r.at("/permissions/0/permission/FromPort").asInt(), "icmp type");
        assertEquals(4, r.at("/permissions/0/permission/ToPort").asInt(), "icmp code");
        assertOnlyRemoved(web, before, icmp);
    }

    @Test
    void shorthandAsOneStringAndAsSeveralWords() {
        JsonNode one = run("""
                {"GroupId": "%s", "IpPermissions": "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8},{CidrIp=198.51.100.0/24}]"}
                """, web);
        assertEquals("shorthand", one.get("inputForm").asText());
        assertOutcome(one, "10.0.0.0/8", "REVOKED");
        assertOutcome(one, "198.51.100.0/24", "NOT_FOUND");

        JsonNode words = run("""
                {"GroupId": "%s", "IpPermissions": ["IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=203.0.113.0/24,Description='a, b'}]",
                  "IpProtocol=tcp,FromPort=443,ToPort=443,Ipv6Ranges=[{CidrIpv6=2001:db8::/32}]"]}
                """, web);
        assertEquals("shorthand", words.get("inputForm").asText());
        assertCounts(words, 2, 0, 0, 0);
        assertOnlyRemoved(web, before, ssh, office, https);
    }

    @Test
    void aRequestListOverSeveralGroupsAndForms() {
        String legacy = ec2.groupInDefaultVpc("legacy");
        ec2.authorize(legacy, cidr("tcp", 80, 80, "0.0.0.0/0"), cidr("tcp", 81, 81, "0.0.0.0/0"));
        String http = ec2.ingressRuleId(legacy, "0.0.0.0/0", 80);
        Map<String, String> legacyBefore = ec2.snapshot(legacy);

        JsonNode r = run("""
                [{"GroupId": "%s", "SecurityGroupRuleIds": ["%s"]},
                 {"GroupName": "legacy", "protocol": "tcp", "port": 80, "cidr": "0.0.0.0/0"},
                 {"GroupId": "%s", "DryRun": true, "IpPermissions": "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=203.0.113.0/24}]"}]
                """, web, ssh, web);

        assertEquals("request-list", r.get("inputForm").asText());
        assertFalse(r.get("dryRun").asBoolean(), "not every request was a dry run");
        assertCounts(r, 2, 0, 0, 1);
        assertEquals(List.of(web, legacy, web), r.get("permissions").findValuesAsText("groupId"));
        assertOutcome(r, "203.0.113.0/24", "DRY_RUN");
        assertOnlyRemoved(web, before, ssh);
        assertOnlyRemoved(legacy, legacyBefore, http);
    }

    @Test
    void theRequestsWrapperIsARequestList() {
        JsonNode r = run("""
                {"requests": [{"GroupId": "%s", "protocol": "tcp", "port": "22", "cidr": "10.0.0.0/8"}]}
                """, web);
        assertEquals("request-list", r.get("inputForm").asText());
        assertCounts(r, 1, 0, 0, 0);
        assertOnlyRemoved(web, before, ssh);
    }

    @Test
    void cidrsAreMatchedInTheirCanonicalForm() {
        JsonNode r = run("""
                {"GroupId": "%s", "IpPermissions": [
                  {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.1.2.3/8"}]},
                  {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "Ipv6Ranges": [{"CidrIpv6": "2001:DB8:0:0::/32"}]}]}
                """, web);
        assertCounts(r, 2, 0, 0, 0);
        // The report shows what was revoked, written as EC2 stores it.
        assertEquals(
                "10.0.0.0/8",
                r.at("/permissions/0/permission/IpRanges/0/CidrIp").asText());
        assertEquals(
                "2001:db8::/32",
                r.at("/permissions/1/permission/Ipv6Ranges/0/CidrIpv6").asText());
        assertOnlyRemoved(web, before, ssh, https);
    }

    @Test
    void aMalformedPayloadNamesTheFieldAndTouchesNothing() {
        try (FaultProxy proxy = FaultProxy.start(moto)) {
            proxy.routeEc2();
            RevokeHandler handler = new RevokeHandler();
            // The first request is valid: one bad request must reject the whole payload.
            InvalidRequestException e =
                    assertThrows(InvalidRequestException.class, () -> Lambda.invoke(handler, """
                    [{"GroupId": "%s", "protocol": "tcp", "port": "22", "cidr": "10.0.0.0/8"},
                     {"GroupId": "%s", "protocol": "tcp", "port": "22", "cidr": "10.0.0.0"}]
                    """.formatted(web, web)));
            assertEquals("[1].cidr", e.field(), e.getMessage());
            assertTrue(e.reason().contains("10.0.0.0"), e.getMessage());
            assertEquals(List.of(), proxy.ec2Actions(), "no EC2 call at all for a malformed payload");
            assertEquals(before, ec2.snapshot(web));
            events.assertNone();
            // Control: the same handler's EC2 calls do pass through the proxy, so the empty journal above means
            // something.
            Lambda.invoke(handler, """
                    {"GroupId": "%s", "protocol": "tcp", "port": "22", "cidr": "10.0.0.0/8"}
                    """.formatted(web));
            assertTrue(
                    proxy.ec2Actions().contains("RevokeSecurityGroupIngress"),
                    proxy.ec2Actions().toString());
        }
    }
}
