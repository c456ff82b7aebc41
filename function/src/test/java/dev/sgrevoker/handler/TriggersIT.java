package dev.sgrevoker.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static dev.sgrevoker.testing.Ec2Fixture.cidr;
import static dev.sgrevoker.testing.Ec2Fixture.cidr6;
import static dev.sgrevoker.testing.FaultProxy.ec2;
import static dev.sgrevoker.testing.FaultProxy.ec2Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.testing.FaultProxy;
import dev.sgrevoker.testing.Lambda;
import dev.sgrevoker.testing.LocalContext;
import dev.sgrevoker.testing.MotoTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alerts, queues and near misses through the real handler against moto. */
class TriggersIT extends MotoTestBase {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private String web;
    private String sshWorld;
    private String sshWorld6;
    private Map<String, String> before;

    @BeforeEach
    void seed() {
        web = ec2.group("web", ec2.newVpc());
        ec2.authorize(
                web,
                cidr("tcp", 22, 22, "0.0.0.0/0"),
                cidr("tcp", 22, 22, "10.0.0.0/8"),
                cidr("tcp", 443, 443, "0.0.0.0/0"),
                cidr6("tcp", 22, 22, "::/0"),
                cidr("tcp", 0, 65535, "192.0.2.0/24"));
        sshWorld = ec2.ingressRuleId(web, "0.0.0.0/0", 22);
        sshWorld6 = ec2.ingressRuleId(web, r -> "::/0".equals(r.cidrIpv6()));
        before = ec2.snapshot(web);
    }

    @Test
    void aSecurityHubFindingRevokesOnlyTheOffenceAndSkipsAResolvedOne() throws Exception {
        ObjectNode event = (ObjectNode) fixture("securityhub-several-findings.json");
        var findings = (com.fasterxml.jackson.databind.node.ArrayNode)
                event.get("detail").get("findings");
        JsonNode open = findings.get(0); // EC2.13, NEW
        JsonNode resolved = findings.get(2); // EC2.13, RESOLVED
        findings.removeAll().add(open).add(resolved);
        retarget(event, web);
        JsonNode r = run(event.toString());
        List<String> revoked = new ArrayList<>();
        r.get("permissions").forEach(p -> {
            if (p.get("outcome").asText().equals("REVOKED")) {
                revoked.add(p.get("ruleId").asText());
                assertTrue(p.get("because").asText().contains("EC2.13"), p.toString());
            }
        });
        assertEquals(List.of(sshWorld, sshWorld6), revoked);
        assertTrue(r.get("counts").get("SKIPPED").asInt() >= 1, "the resolved finding is reported, not dropped: " + r);
        assertOnlyRemoved(web, before, sshWorld, sshWorld6); // 10.0.0.0/8, 443 and the wide 192.0.2.0/24 stay
    }

    @Test
    void aCloudTrailCallIsRevertedByItsRuleIdAndAFailedCallIsSkipped() throws Exception {
        String added = """
                {"version":"0","id":"e1","detail-type":"AWS API Call via CloudTrail","source":"aws.ec2","account":"123456789012",
                 "time":"2025-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":{"eventID":"c1","eventName":"AuthorizeSecurityGroupIngress",
                 "eventSource":"ec2.amazonaws.com","awsRegion":"us-east-1","recipientAccountId":"123456789012",
                 "userIdentity":{"arn":"arn:aws:iam::123456789012:user/alice"},%s
                 "requestParameters":{"groupId":"%s","ipPermissions":{"items":[{"ipProtocol":"tcp","fromPort":443,"toPort":443,
                   "ipRanges":{"items":[{"cidrIp":"0.0.0.0/0"}]},"ipv6Ranges":{},"prefixListIds":{},"groups":{}}]}},
                 "responseElements":%s}}""";
        String https = ec2.ingressRuleId(web, "0.0.0.0/0", 443);
        String ruleSet = """
                {"_return":true,"securityGroupRuleSet":{"items":[{"groupId":"%s","securityGroupRuleId":"%s","isEgress":false}]}}""";
        JsonNode failed = run(added.formatted("\"errorCode\":\"Client.InvalidPermission.Duplicate\",", web, "null"));
        assertEquals("SKIPPED", failed.get("permissions").get(0).get("outcome").asText());
        assertEquals(before, ec2.snapshot(web));
        // Revert mode policy (the default): tcp 443 open to the world is authorised under EC2.18, so it stays.
        JsonNode kept = run(added.formatted("", web, ruleSet.formatted(web, https)));
        assertEquals(
                "CompliesWithPolicy",
                kept.get("permissions").get(0).get("errorCode").asText(),
                kept.toString());
        assertEquals(before, ec2.snapshot(web));
        JsonNode r = run(added.formatted("", web, ruleSet.formatted(web, sshWorld)));
        assertEquals("REVOKED", r.get("permissions").get(0).get("outcome").asText());
        assertTrue(r.get("permissions").get(0).get("because").asText().contains("EC2.13"), r.toString());
        assertOnlyRemoved(web, before, sshWorld);
    }

    @Test
    void anSqsBatchRetriesOnlyTheThrottledMessageAndReportsTheMalformedOne() throws Exception {
        String other = ec2.group("other", ec2.newVpc());
        ec2.authorize(other, cidr("tcp", 3389, 3389, "0.0.0.0/0"));
        Map<String, String> otherBefore = ec2.snapshot(other);
        try (FaultProxy proxy = FaultProxy.start(moto)) {
            proxy.routeEc2();
            // EC2 keeps throttling revokes of the second group beyond the SDK's retries.
            proxy.stub(ec2("RevokeSecurityGroupIngress")
                    .withRequestBody(containing("GroupId=" + other))
                    .atPriority(1)
                    .willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.")));
            String batch = """
                    {"Records":[%s,%s,%s]}""".formatted(
                            record(
                                    "m-1",
                                    "{\"GroupId\":\"" + web
                                            + "\",\"protocol\":\"tcp\",\"port\":\"22\",\"cidr\":\"0.0.0.0/0\"}"),
                            record(
                                    "m-2",
                                    "{\"GroupId\":\"" + other
                                            + "\",\"protocol\":\"tcp\",\"port\":\"3389\",\"cidr\":\"0.0.0.0/0\"}"),
                            record(
                                    "m-3",
                                    "{\"GroupId\":\"" + web
                                            + "\",\"protocol\":\"tcp\",\"port\":\"70000\",\"cidr\":\"0.0.0.0/0\"}"));
            JsonNode r = Lambda.invoke(new RevokeHandler(), batch).response();

            assertEquals(
                    "[{\"itemIdentifier\":\"m-2\"}]", r.get("batchItemFailures").toString());
            assertEquals(1, r.size(), "SQS's own response shape, nothing else: " + r);
            // Per-message results are in the result events, one per message, in batch order.
            List<JsonNode> published = events.await(3);
            assertEquals(
                    List.of("m-1", "m-2", "m-3"),
                    published.stream()
                            .map(e -> e.get("detail").get("messageId").asText())
                            .toList());
            JsonNode[] m = {
                published.get(0).get("detail"),
                published.get(1).get("detail"),
                published.get(2).get("detail")
            };
            assertEquals("REVOKED", m[0].at("/revoked/0/outcome").asText(), m[0].toString());
            assertEquals(
                    "RequestLimitExceeded", m[1].at("/unrevoked/0/errorCode").asText(), m[1].toString());
            assertEquals("port", m[2].get("rejected").get("field").asText().replaceAll(".*\\.", ""));
        }
        assertOnlyRemoved(web, before, sshWorld);
        assertEquals(otherBefore, ec2.snapshot(other));
    }

    @Test
    void nearMissesAndOtherAccountsAreRefusedAndNothingIsRevoked() throws Exception {
        ObjectNode notOurs = (ObjectNode) fixture("securityhub-several-findings.json");
        retarget(notOurs, web);
        notOurs.put("account", "999999999999");
        InvalidRequestException refused = assertThrows(
                InvalidRequestException.class, () -> Lambda.invoke(new RevokeHandler(), notOurs.toString()));
        assertEquals("account", refused.field());
        InvalidRequestException unknown = assertThrows(
                InvalidRequestException.class,
                () -> Lambda.invoke(
                        new RevokeHandler(), fixture("ec2-state-change.json").toString()));
        assertTrue(unknown.getMessage().contains("accepted"), unknown.getMessage());
        assertEquals(before, ec2.snapshot(web));
        events.assertNone();
    }

    private static String record(String id, String body) throws Exception {
        return """
                {"messageId":"%s","receiptHandle":"h","body":%s,"attributes":{},"messageAttributes":{},"md5OfBody":"x",
                 "eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:requests","awsRegion":"us-east-1"}""".formatted(id, MAPPER.writeValueAsString(body));
    }

    /** Points every finding of a fixture at the test's group, in moto's account and region. */
    private static void retarget(ObjectNode event, String groupId) {
        event.put("account", "123456789012").put("region", "us-east-1");
        event.get("detail").get("findings").forEach(f -> {
            ((ObjectNode) f).put("AwsAccountId", "123456789012").put("Region", "us-east-1");
            f.get("Resources").forEach(res -> {
                ObjectNode r = (ObjectNode) res;
                if (r.get("Type").asText().equals("AwsEc2SecurityGroup")) {
                    r.put("Id", "arn:aws:ec2:us-east-1:123456789012:security-group/" + groupId)
                            .put("Region", "us-east-1");
                    JsonNode details = r.path("Details").path("AwsEc2SecurityGroup");
                    if (details.isObject()) {
                        ((ObjectNode) details).put("GroupId", groupId);
                    }
                }
            });
        });
    }

    private static JsonNode fixture(String name) throws Exception {
        try (var in = TriggersIT.class.getResourceAsStream("/events/" + name)) {
            return MAPPER.readTree(in);
        }
    }

    @Test
    void messagesThatCannotStartInTimeAreLeftForRetryAndNothingIsRevoked() throws Exception {
        String batch = """
                {"Records":[%s]}""".formatted(record(
                "late-1", "{\"GroupId\":\"" + web + "\",\"protocol\":\"tcp\",\"port\":\"22\",\"cidr\":\"0.0.0.0/0\"}"));
        JsonNode r = Lambda.invoke(
                        new RevokeHandler(), batch, LocalContext.forTest().withRemainingMillis(2_000))
                .response();
        assertEquals(
                "[{\"itemIdentifier\":\"late-1\"}]", r.get("batchItemFailures").toString());
        JsonNode detail = events.awaitOneDetail();
        assertEquals("late-1", detail.get("messageId").asText());
        assertEquals("TimeBudgetExhausted", detail.at("/unrevoked/0/errorCode").asText(), detail.toString());
        assertEquals(before, ec2.snapshot(web));
    }

    @Test
    void aDefaultGroupAlertEmptiesOnlyAGroupEc2NamesDefault() throws Exception {
        String vpc = ec2.newVpc();
        String defaultGroup = ec2.client()
                .describeSecurityGroups(r -> r.filters(
                        f -> f.name("vpc-id").values(vpc),
                        f -> f.name("group-name").values("default")))
                .securityGroups()
                .get(0)
                .groupId();
        ec2.authorize(defaultGroup, cidr("tcp", 443, 443, "10.0.0.0/8"), cidr("udp", 53, 53, "10.0.0.0/8"));
        ObjectNode event = (ObjectNode) fixture("config-default-group-closed.json");

        retargetConfig(event, web); // the alert names a group that is not a default group
        JsonNode refused = run(event.toString());
        assertEquals("SKIPPED", refused.get("permissions").get(0).get("outcome").asText(), refused.toString());
        assertEquals(before, ec2.snapshot(web));

        retargetConfig(event, defaultGroup);
        JsonNode r = run(event.toString());
        assertEquals(2, r.get("counts").get("REVOKED").asInt(), r.toString());
        assertEquals(List.of(), ec2.ingress(defaultGroup));
    }

    private static void retargetConfig(ObjectNode event, String groupId) {
        event.put("account", "123456789012").put("region", "us-east-1");
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("resourceId", groupId).put("awsAccountId", "123456789012").put("awsRegion", "us-east-1");
        ((ObjectNode) detail.get("newEvaluationResult")
                        .get("evaluationResultIdentifier")
                        .get("evaluationResultQualifier"))
                .put("resourceId", groupId);
    }
}
