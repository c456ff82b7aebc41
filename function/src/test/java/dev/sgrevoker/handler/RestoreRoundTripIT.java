package dev.sgrevoker.handler;

import static dev.sgrevoker.testing.Ec2Fixture.cidr;
import static dev.sgrevoker.testing.Ec2Fixture.cidr6;
import static dev.sgrevoker.testing.Ec2Fixture.fromGroup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.testing.Lambda;
import dev.sgrevoker.testing.MotoTestBase;
import dev.sgrevoker.testing.ResultAssertions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Undo in one command: revoke, then run the real AWS CLI with each restore document of the response, and the groups
 * have the same rules as before (new ids aside), their own descriptions and tags included.
 */
class RestoreRoundTripIT extends MotoTestBase {
    @TempDir
    Path dir;

    @Test
    void everyRestoreDocumentPutsTheRevokedRulesBackExactly() throws Exception {
        String vpc = ec2.newVpc();
        String web = ec2.group("web", vpc);
        String app = ec2.group("app", vpc);
        authorizeTagged(
                web,
                Map.of(),
                described(cidr("tcp", 22, 22, "198.51.100.0/24"), "vendor-x jump host INC-42"),
                described(cidr6("udp", 53, 53, "2001:db8::/32"), null));
        authorizeTagged(
                web,
                Map.of("ticket", "INC-42", "owner", "vendor-x"),
                described(cidr("tcp", 3389, 3389, "203.0.113.0/24"), "rdp for the vendor"));
        authorizeTagged(web, Map.of("owner", "app-team"), described(fromGroup("tcp", 8080, 8080, app), "from app"));
        authorizeTagged(app, Map.of(), described(cidr("-1", -1, -1, "192.0.2.0/24"), "lab, everything"));
        List<String> webBefore = rulesIgnoringIds(web);
        List<String> appBefore = rulesIgnoringIds(app);

        JsonNode r = run("""
                [{"GroupId": "%s", "SecurityGroupRuleIds": [%s]},
                 {"GroupId": "%s", "IpPermissions": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "192.0.2.0/24",
                   "Description": "approved by CISO, do not restore"}]}]}]
                """, web, quotedIngressIds(web), app);

        assertEquals(5, r.at("/counts/REVOKED").asInt(), r.toString());
        assertNotEquals(webBefore, rulesIgnoringIds(web));
        JsonNode restore = r.get("restore");
        assertEquals(4, restore.size(), "web: three tag sets; app: one: " + restore);
        for (JsonNode document : restore) {
            awsCli("authorize-security-group-ingress", document);
        }
        assertEquals(webBefore, rulesIgnoringIds(web));
        assertEquals(appBefore, rulesIgnoringIds(app));
        assertTrue(rulesIgnoringIds(app).toString().contains("lab, everything"), "the rule's own words came back");
    }

    @Test
    void aDefaultGroupsEgressRulesComeBackByTheEgressCommandAndItsIngressByTheIngressOne() throws Exception {
        String vpc = ec2.newVpc();
        String app = ec2.group("app", vpc);
        String defaultGroup = ec2.client()
                .describeSecurityGroups(r -> r.filters(
                        f -> f.name("vpc-id").values(vpc),
                        f -> f.name("group-name").values("default")))
                .securityGroups()
                .get(0)
                .groupId();
        authorizeTagged(defaultGroup, Map.of(), described(cidr("tcp", 443, 443, "10.0.0.0/8"), "from the lb"));
        ec2.client()
                .authorizeSecurityGroupEgress(r -> r.groupId(defaultGroup)
                        .ipPermissions(
                                described(cidr("tcp", 5432, 5432, "203.0.113.0/24"), "to the vendor db"),
                                described(fromGroup("tcp", 8080, 8080, app), "to app"))
                        .tagSpecifications(TagSpecification.builder()
                                .resourceType("security-group-rule")
                                .tags(Tag.builder()
                                        .key("owner")
                                        .value("net-team")
                                        .build())
                                .build()));
        List<String> before = rulesIgnoringIds(defaultGroup);
        long egressBefore = ec2.rules(defaultGroup).stream()
                .filter(SecurityGroupRule::isEgress)
                .count();
        assertEquals(3, egressBefore, "moto's allow-all egress and the two added: " + before);

        Lambda.Invocation inv = Lambda.invoke(
                RevokeHandler.builder()
                        .environment(Map.of("DEFAULT_GROUP_EGRESS", "revoke"))
                        .build(),
                defaultGroupClosed(defaultGroup));
        ResultAssertions.checkResponse(inv);
        ResultAssertions.checkEvent(events.await(1).get(0), inv.response());
        JsonNode r = inv.response();

        assertEquals(4, r.at("/counts/REVOKED").asInt(), r.toString());
        assertEquals(List.of(), ec2.rules(defaultGroup), "EC2.2 passes: no rule in either direction");
        assertEquals(0, r.get("egressRulesRemaining").asInt(), r.toString());
        assertEquals(1, r.get("restore").size(), r.get("restore").toString());
        assertEquals(
                1, r.get("restore").get(0).get("IpPermissions").size(), "only the ingress rule: " + r.get("restore"));
        JsonNode egress = r.get("restoreEgress");
        assertEquals(2, egress.size(), "untagged and tagged egress rules, a call each: " + egress);
        for (JsonNode document : r.get("restore")) {
            awsCli("authorize-security-group-ingress", document);
        }
        for (JsonNode document : egress) {
            awsCli("authorize-security-group-egress", document);
        }
        assertEquals(before, rulesIgnoringIds(defaultGroup));
    }

    /** A Config "vpc-default-security-group-closed" NON_COMPLIANT change about {@code groupId} (EC2.2's rule). */
    private static String defaultGroupClosed(String groupId) throws IOException {
        ObjectNode event;
        try (var in = RestoreRoundTripIT.class.getResourceAsStream("/events/config-default-group-closed.json")) {
            event = (ObjectNode) new ObjectMapper().readTree(in);
        }
        event.put("account", "123456789012").put("region", "us-east-1");
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("resourceId", groupId).put("awsAccountId", "123456789012").put("awsRegion", "us-east-1");
        ((ObjectNode) detail.get("newEvaluationResult")
                        .get("evaluationResultIdentifier")
                        .get("evaluationResultQualifier"))
                .put("resourceId", groupId);
        return event.toString();
    }

    private static IpPermission described(IpPermission p, String description) {
        if (description == null) {
            return p;
        }
        return p.toBuilder()
                .ipRanges(p.ipRanges().stream()
                        .map(x -> x.toBuilder().description(description).build())
                        .toList())
                .ipv6Ranges(p.ipv6Ranges().stream()
                        .map(x -> x.toBuilder().description(description).build())
                        .toList())
                .userIdGroupPairs(p.userIdGroupPairs().stream()
                        .map(x -> x.toBuilder().description(description).build())
                        .toList())
                .build();
    }

    private void authorizeTagged(String group, Map<String, String> tags, IpPermission... permissions) {
        ec2.client().authorizeSecurityGroupIngress(r -> {
            r.groupId(group).ipPermissions(permissions);
            if (!tags.isEmpty()) {
                r.tagSpecifications(TagSpecification.builder()
                        .resourceType("security-group-rule")
                        .tags(tags.entrySet().stream()
                                .map(t -> Tag.builder()
                                        .key(t.getKey())
                                        .value(t.getValue())
                                        .build())
                                .toList())
                        .build());
            }
        });
    }

    private String quotedIngressIds(String group) {
        return String.join(
                ", ",
                ec2.ingress(group).stream()
                        .map(x -> "\"" + x.securityGroupRuleId() + "\"")
                        .toList());
    }

    /** Every rule of the group, both directions, as a sorted list of descriptions without their ids. */
    private List<String> rulesIgnoringIds(String group) {
        List<String> out = new ArrayList<>();
        for (SecurityGroupRule rule : ec2.rules(group)) {
            List<Tag> tags = rule.tags().stream()
                    .sorted(java.util.Comparator.comparing(Tag::key))
                    .toList();
            out.add(rule.toBuilder()
                    .securityGroupRuleId(null)
                    .tags(tags)
                    .build()
                    .toString());
        }
        out.sort(null);
        return out;
    }

    /** The one command the docs show ({@code aws ec2 COMMAND}), with the restore document as its input file. */
    private void awsCli(String command, JsonNode document) throws IOException, InterruptedException {
        Path input = Files.createTempFile(dir, "restore-", ".json");
        Files.writeString(input, document.toString(), StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(
                        "aws",
                        "ec2",
                        command,
                        "--cli-input-json",
                        "file://" + input.toAbsolutePath(),
                        "--endpoint-url",
                        moto.url(),
                        "--region",
                        "us-east-1")
                .redirectErrorStream(true);
        pb.environment().put("AWS_ACCESS_KEY_ID", "testing");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
        pb.environment().remove("AWS_PROFILE");
        pb.environment().put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        pb.environment()
                .put(
                        "AWS_SHARED_CREDENTIALS_FILE",
                        dir.resolve("no-credentials").toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "aws cli did not finish");
        assertEquals(0, p.exitValue(), "aws ec2 " + command + " with " + document + ":\n" + output);
    }
}
