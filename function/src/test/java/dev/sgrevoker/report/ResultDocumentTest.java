package dev.sgrevoker.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.Provenance;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.model.TriggerFamily;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The record of a revoke: the rule's own before-image, who asked, and a restore that re-creates what went. */
class ResultDocumentTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String WEB = "sg-0123456789abcdef0";
    private static final String DB = "sg-0fedcba9876543210";
    private static final GroupFacts WEB_FACTS =
            new GroupFacts(WEB, "web", "vpc-0a1b2c3d4e5f60718", "111122223333", Map.of("team", "edge"));

    private static Permission tcp(int port, String cidr, String description) {
        return new Permission(Protocol.TCP, new PortRange(port, port), new RuleSource.Ipv4Range(cidr), description);
    }

    private static PermissionOutcome revoked(String group, Permission asked, DescribedRule image) {
        GroupFacts facts = group.equals(WEB) ? WEB_FACTS : null;
        var subject = PermissionOutcome.Subject.inGroup(AccountRegion.OWN, group, null)
                .describedAs(facts)
                .asking(asked, image.ruleId());
        return PermissionOutcome.revoked(subject, List.of(image), null);
    }

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    @Test
    void aRevokedEntryIsTheRuleAsEc2DescribedItNotTheRequest() throws Exception {
        Permission own = tcp(22, "198.51.100.0/24", "vendor-x jump host INC-42");
        Permission asked = tcp(22, "198.51.100.0/24", "approved by CISO, do not restore");
        var image = new DescribedRule("sgr-0000000000000000a", WEB, false, own, Map.of("ticket", "INC-42"));

        ObjectNode entry = ResultEntry.of(revoked(WEB, asked, image));

        assertEquals(json("""
                        {"groupId": "sg-0123456789abcdef0", "groupName": "web", "vpcId": "vpc-0a1b2c3d4e5f60718",
                         "account": "111122223333",
                         "permission": {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                           "IpRanges": [{"CidrIp": "198.51.100.0/24", "Description": "vendor-x jump host INC-42"}]},
                         "ruleId": "sgr-0000000000000000a", "direction": "ingress", "tags": {"ticket": "INC-42"},
                         "outcome": "REVOKED"}"""), entry);
        assertFalse(entry.toString().contains("CISO"), "the requester's words are not the rule's: " + entry);
    }

    @Test
    void aDryRunEntryCarriesTheImageButRestoresNothing() {
        Permission own = tcp(3389, "0.0.0.0/0", "rdp for the vendor");
        var image = new DescribedRule("sgr-0000000000000000b", WEB, false, own, Map.of());
        var subject = PermissionOutcome.Subject.inGroup(AccountRegion.OWN, WEB, null)
                .describedAs(WEB_FACTS)
                .asking(tcp(3389, "0.0.0.0/0", null), null);
        var dryRun = PermissionOutcome.dryRun(subject, List.of(image), "dry run: allowed");
        RevocationResult result = RevocationResult.forRequests(
                RevocationResult.Origin.of("id", TriggerFamily.DIRECT, null),
                InputForm.CLI_INPUT_JSON,
                true,
                List.of(dryRun));

        ObjectNode response = ResultDocument.response(result);

        assertEquals(
                "rdp for the vendor",
                response.at("/permissions/0/permission/IpRanges/0/Description").asText());
        assertEquals(json0("[]"), response.get("restore"));
    }

    @Test
    void restoreIsOneCallPerGroupAndPerDistinctRuleTags() throws Exception {
        var a = new DescribedRule("sgr-a", WEB, false, tcp(22, "10.0.0.0/8", "ssh from the office"), Map.of());
        var b = new DescribedRule(
                "sgr-b",
                WEB,
                false,
                new Permission(Protocol.ALL, PortRange.ANY, new RuleSource.Ipv6Range("2001:db8::/32"), "all from lab"),
                Map.of());
        var c = new DescribedRule(
                "sgr-c",
                WEB,
                false,
                new Permission(
                        Protocol.TCP,
                        new PortRange(5432, 5432),
                        new RuleSource.GroupReference("sg-0aaaaaaaaaaaaaaaa", null, "111122223333", null, null),
                        "app tier"),
                Map.of("owner", "db-team", "ticket", "CHG-7"));
        var d = new DescribedRule(
                "sgr-d", DB, false, tcp(443, "203.0.113.0/24", null), Map.of("owner", "db-team", "ticket", "CHG-7"));
        List<PermissionOutcome> outcomes = List.of(
                revoked(WEB, a.permission(), a),
                revoked(WEB, b.permission(), b),
                revoked(WEB, c.permission(), c),
                revoked(DB, d.permission(), d),
                // the same rule reached by two requested permissions is restored once
                revoked(WEB, a.permission(), a));

        assertEquals(json("""
                        [{"GroupId": "sg-0123456789abcdef0", "IpPermissions": [
                            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                             "IpRanges": [{"CidrIp": "10.0.0.0/8", "Description": "ssh from the office"}]},
                            {"IpProtocol": "-1", "Ipv6Ranges": [{"CidrIpv6": "2001:db8::/32", "Description": "all from lab"}]}]},
                         {"GroupId": "sg-0123456789abcdef0", "IpPermissions": [
                            {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [
                              {"GroupId": "sg-0aaaaaaaaaaaaaaaa", "UserId": "111122223333", "Description": "app tier"}]}],
                          "TagSpecifications": [{"ResourceType": "security-group-rule",
                            "Tags": [{"Key": "owner", "Value": "db-team"}, {"Key": "ticket", "Value": "CHG-7"}]}]},
                         {"GroupId": "sg-0fedcba9876543210", "IpPermissions": [
                            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "203.0.113.0/24"}]}],
                          "TagSpecifications": [{"ResourceType": "security-group-rule",
                            "Tags": [{"Key": "owner", "Value": "db-team"}, {"Key": "ticket", "Value": "CHG-7"}]}]}]"""), Restore.payloads(outcomes));
    }

    @Test
    void aDefaultGroupsEgressRuleIsRestoredByItsOwnCommandNeverTheIngressOne() throws Exception {
        var in = new DescribedRule("sgr-in", WEB, false, tcp(22, "10.0.0.0/8", null), Map.of());
        var out = new DescribedRule(
                "sgr-out",
                WEB,
                true,
                new Permission(Protocol.ALL, PortRange.ANY, new RuleSource.Ipv4Range("0.0.0.0/0"), null),
                Map.of("owner", "net"));
        var egressSubject = PermissionOutcome.Subject.ofRule(AccountRegion.OWN, WEB_FACTS, out, "EC2.2: default");
        RevocationResult result = RevocationResult.forRequests(
                RevocationResult.Origin.of("id", TriggerFamily.SECURITY_HUB_FINDINGS, null),
                InputForm.SECURITY_HUB_FINDING,
                false,
                List.of(
                        revoked(WEB, in.permission(), in),
                        PermissionOutcome.revoked(egressSubject, List.of(out), null)));

        ObjectNode response = ResultDocument.response(result);

        assertEquals("ingress", response.at("/permissions/0/direction").asText());
        assertEquals("egress", response.at("/permissions/1/direction").asText());
        assertEquals(json("""
                        [{"GroupId": "sg-0123456789abcdef0", "IpPermissions": [
                            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}]}]"""), response.get("restore"));
        assertEquals(json("""
                        [{"GroupId": "sg-0123456789abcdef0", "IpPermissions": [
                            {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
                          "TagSpecifications": [{"ResourceType": "security-group-rule",
                            "Tags": [{"Key": "owner", "Value": "net"}]}]}]"""), response.get("restoreEgress"));
        assertEquals(0, response.get("egressRulesRemaining").asInt(), "EC2.2 judged the egress rule, and it is gone");
        assertFalse(response.has("egressNote"));
    }

    @Test
    void anEntryNamesItsControlsAndAnExemptOneTheLastDayOfItsExemption() throws Exception {
        var rule = new DescribedRule("sgr-ex", WEB, false, tcp(22, "0.0.0.0/0", null), Map.of());
        String because = "EC2.13: port 22 (SSH) open to the world; tag sg-revoker:exempt=2020-01-31 on the rule sgr-ex"
                + " ended after 2020-01-31: no longer an exemption";
        var selected = PermissionOutcome.Subject.ofRule(AccountRegion.OWN, WEB_FACTS, rule, because)
                .selectedFor(
                        dev.sgrevoker.model.AlertLink.selectedBy(
                                List.of("EC2.13: port 22 (SSH) open to the world"), List.of("EC2.13")),
                        because);

        ObjectNode dated = ResultEntry.of(PermissionOutcome.exempt(
                selected, "exempt until 2027-01-31: tag", java.time.LocalDate.of(2027, 1, 31)));
        ObjectNode endless = ResultEntry.of(PermissionOutcome.exempt(selected, "exempt: tag", java.time.LocalDate.MAX));
        ObjectNode revoked = ResultEntry.of(PermissionOutcome.revoked(selected, List.of(rule), null));
        ObjectNode asked = ResultEntry.of(revoked(WEB, rule.permission(), rule));

        assertEquals(json("[\"EC2.13\"]"), dated.get("controls"));
        assertEquals("2027-01-31", dated.get("exemptUntil").asText());
        assertEquals("indefinite", endless.get("exemptUntil").asText());
        assertEquals(json("[\"EC2.13\"]"), revoked.get("controls"));
        assertFalse(revoked.has("exemptUntil"), "only an exempt entry has exemptUntil");
        assertFalse(asked.has("controls"), "a rule no check chose names no control");
    }

    @Test
    void keptEgressRulesAreCountedAndSaidInWords() {
        var out = new DescribedRule(
                "sgr-out",
                WEB,
                true,
                new Permission(Protocol.ALL, PortRange.ANY, new RuleSource.Ipv4Range("0.0.0.0/0"), null),
                Map.of());
        var exemptRule = new DescribedRule("sgr-ex", WEB, true, out.permission(), null);
        var exempt = PermissionOutcome.exempt(
                PermissionOutcome.Subject.ofRule(AccountRegion.OWN, WEB_FACTS, exemptRule, "EC2.2"),
                "exempt: tag",
                java.time.LocalDate.MAX);
        RevocationResult kept = RevocationResult.forRequests(
                        RevocationResult.Origin.of("id", TriggerFamily.SECURITY_HUB_FINDINGS, null),
                        InputForm.SECURITY_HUB_FINDING,
                        false,
                        List.of(exempt))
                .withEgressKept(List.of(out));

        ObjectNode header = ResultDocument.header(kept);

        assertEquals(2, header.get("egressRulesRemaining").asInt());
        assertEquals(
                "EC2.2 will keep failing while 2 egress rules remain in the VPC default group sg-0123456789abcdef0:"
                        + " DEFAULT_GROUP_EGRESS=keep leaves a default group's egress rules (revoke takes them too)",
                header.get("egressNote").asText());
        RevocationResult noEgress = RevocationResult.forRequests(
                RevocationResult.Origin.of("id", TriggerFamily.DIRECT, null),
                InputForm.CLI_INPUT_JSON,
                false,
                List.of());
        assertFalse(ResultDocument.header(noEgress).has("egressRulesRemaining"), "only where EC2.2 judged egress");
        assertFalse(ResultDocument.response(noEgress).has("restoreEgress"));
    }

    @Test
    void theHeaderSaysWhoAskedAndWhen() throws Exception {
        Provenance from = new Provenance(
                Instant.parse("2026-11-29T03:00:00Z"),
                "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
                "2026-11-29T02:59:58Z",
                "aws.ec2",
                "arn:aws:iam::123456789012:user/alice",
                "AIDAEXAMPLE",
                List.of(),
                null,
                null);
        var result = RevocationResult.forRequests(
                new RevocationResult.Origin("req-1", TriggerFamily.SQS_BATCH, "msg-1", from),
                InputForm.CLOUDTRAIL_AUTHORIZE_INGRESS,
                false,
                List.of());

        ObjectNode header = ResultDocument.header(result);

        assertEquals("2026-11-29T03:00:00Z", header.get("time").asText());
        assertEquals("msg-1", header.get("messageId").asText());
        assertEquals(json("""
                        {"eventId": "6a7e8feb-b491-4cf7-a9f1-bf3703467718", "eventTime": "2026-11-29T02:59:58Z",
                         "source": "aws.ec2", "principal": "arn:aws:iam::123456789012:user/alice",
                         "senderId": "AIDAEXAMPLE"}"""), header.get("provenance"));
    }

    private static JsonNode json0(String text) {
        try {
            return json(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
