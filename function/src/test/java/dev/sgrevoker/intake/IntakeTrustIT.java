package dev.sgrevoker.intake;

import static dev.sgrevoker.testing.Ec2Fixture.cidr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.handler.RevokeHandler;
import dev.sgrevoker.testing.Lambda;
import dev.sgrevoker.testing.MotoTestBase;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the trust boundary refuses reaches EC2 as nothing at all: the group keeps every rule. */
class IntakeTrustIT extends MotoTestBase {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private String web;
    private Map<String, String> before;

    @BeforeEach
    void seed() {
        web = ec2.group("web", ec2.newVpc());
        ec2.authorize(web, cidr("tcp", 22, 22, "0.0.0.0/0"), cidr("tcp", 443, 443, "0.0.0.0/0"));
        before = ec2.snapshot(web);
    }

    @Test
    void dryRunTrueThenFalseDoesNotRevoke() {
        String payload = """
                {"GroupId": "%s", "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                  "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}], "DryRun": true, "DryRun": false}""".formatted(web);
        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> Lambda.invoke(new RevokeHandler(), payload));
        assertEquals("DryRun", e.field(), e.getMessage());
        assertEquals(before, ec2.snapshot(web));
        events.assertNone();
    }

    @Test
    void aDuplicateKeyInAnSqsBodyRejectsThatMessageAndRevokesNothingForIt() throws Exception {
        String body = "{\"GroupId\": \"" + web + "\", \"protocol\": \"tcp\", \"port\": \"22\", \"cidr\": \"0.0.0.0/0\","
                + " \"DryRun\": true, \"DryRun\": false}";
        String batch = """
                {"Records": [{"messageId": "dup-1", "receiptHandle": "h", "body": %s, "attributes": {},
                  "messageAttributes": {}, "md5OfBody": "x", "eventSource": "aws:sqs",
                  "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:requests", "awsRegion": "us-east-1"}]}""".formatted(MAPPER.writeValueAsString(body));
        JsonNode r = Lambda.invoke(new RevokeHandler(), batch).response();
        // The message's result is its result event (the SQS response carries only batchItemFailures).
        JsonNode message = events.awaitOneDetail();
        assertEquals(
                "Records[0].body.DryRun", message.get("rejected").get("field").asText(), message.toString());
        assertEquals("[]", r.get("batchItemFailures").toString());
        assertEquals(before, ec2.snapshot(web));
    }

    @Test
    void aRequestFromAnUnlistedSourceIsSkippedAndNothingIsRevoked() {
        JsonNode r = run("""
                {"version": "0", "id": "r-1", "detail-type": "Security Group Ingress Revocation Request",
                 "source": "com.example.anyone", "account": "123456789012", "time": "2025-01-01T00:00:00Z",
                 "region": "us-east-1", "resources": [],
                 "detail": {"GroupId": "%s", "protocol": "tcp", "port": "22", "cidr": "0.0.0.0/0"}}""", web);
        assertEquals("SKIPPED", r.get("permissions").get(0).get("outcome").asText(), r.toString());
        assertTrue(r.toString().contains("REQUEST_SOURCES"), r.toString());
        assertEquals(before, ec2.snapshot(web));
    }

    @Test
    void aThirdPartyFindingNamedLikeEc219IsSkippedAndNothingIsRevoked() throws Exception {
        ObjectNode event = (ObjectNode) fixture("securityhub-third-party-ec2-19.json");
        event.put("account", "123456789012").put("region", "us-east-1");
        ObjectNode finding = (ObjectNode) event.get("detail").get("findings").get(0);
        finding.put("AwsAccountId", "123456789012").put("Region", "us-east-1");
        ObjectNode resource = (ObjectNode) finding.get("Resources").get(0);
        resource.put("Id", "arn:aws:ec2:us-east-1:123456789012:security-group/" + web);
        ((ObjectNode) resource.get("Details").get("AwsEc2SecurityGroup")).put("GroupId", web);
        JsonNode r = run(event.toString());
        assertEquals("SKIPPED", r.get("permissions").get(0).get("outcome").asText(), r.toString());
        assertTrue(r.toString().contains("is not Security Hub's own"), r.toString());
        assertEquals(before, ec2.snapshot(web));
    }

    @Test
    void aConfigRuleNamedLikeAManagedOneIsSkippedAndNothingIsRevoked() throws Exception {
        ObjectNode event = (ObjectNode) fixture("config-restricted-common-ports.json");
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("resourceId", web).put("configRuleName", "team-x-restricted-ssh-anything");
        JsonNode r = run(event.toString());
        assertEquals("SKIPPED", r.get("permissions").get(0).get("outcome").asText(), r.toString());
        assertTrue(r.toString().contains("CONFIG_RULE_NAMES"), r.toString());
        assertEquals(before, ec2.snapshot(web));
    }

    @Test
    void anAwsAlertInsideAnSqsMessageIsRejectedAndNothingIsRevoked() throws Exception {
        ObjectNode alert = (ObjectNode) fixture("config-restricted-common-ports.json");
        ((ObjectNode) alert.get("detail")).put("resourceId", web).put("configRuleName", "restricted-ssh");
        String batch = """
                {"Records": [{"messageId": "forged-1", "receiptHandle": "h", "body": %s, "attributes": {},
                  "messageAttributes": {}, "md5OfBody": "x", "eventSource": "aws:sqs",
                  "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:requests", "awsRegion": "us-east-1"}]}""".formatted(MAPPER.writeValueAsString(alert.toString()));
        JsonNode r = Lambda.invoke(new RevokeHandler(), batch).response();
        JsonNode message = events.awaitOneDetail();
        assertEquals(
                "Records[0].body.source", message.get("rejected").get("field").asText(), message.toString());
        assertEquals("[]", r.get("batchItemFailures").toString(), "a forged alert is final, not retried");
        assertEquals(before, ec2.snapshot(web));
    }

    private static JsonNode fixture(String name) throws Exception {
        try (var in = IntakeTrustIT.class.getResourceAsStream("/events/" + name)) {
            return MAPPER.readTree(in);
        }
    }

    @Test
    void unicodeDigitsAreNotPortTwentyTwo() {
        String payload = """
                {"GroupId": "%s", "protocol": "tcp", "port": "２２", "cidr": "0.0.0.0/0"}""".formatted(web);
        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> Lambda.invoke(new RevokeHandler(), payload));
        assertEquals("port", e.field());
        assertEquals(before, ec2.snapshot(web));
        events.assertNone();
    }
}
