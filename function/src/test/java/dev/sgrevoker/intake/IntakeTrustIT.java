package dev.sgrevoker.intake;

import static dev.sgrevoker.testing.Ec2Fixture.cidr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        assertTrue(e.reason().contains("Duplicate field 'DryRun'"), e.getMessage());
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
        JsonNode message = r.get("messages").get(0);
        assertEquals("Records[0].body", message.get("rejected").get("field").asText(), message.toString());
        assertEquals("[]", r.get("batchItemFailures").toString());
        assertEquals(before, ec2.snapshot(web));
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
