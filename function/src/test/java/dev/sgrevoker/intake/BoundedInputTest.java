package dev.sgrevoker.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.exception.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trust boundary's bounds: strict JSON, sizes, nesting, counts, and errors that quote the input only briefly. */
class BoundedInputTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String GROUP = "sg-0123456789abcdef0";

    private static JsonNode read(String text) throws Exception {
        return InputJson.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static InvalidRequestException refused(String text) {
        return assertThrows(InvalidRequestException.class, () -> read(text));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{'GroupId': 'sg-0123456789abcdef0', 'SecurityGroupRuleIds': ['sgr-0123456789abcdef0'],"
                        + " 'DryRun': true, 'DryRun': false}|DryRun",
                "{'requests': [{'GroupId': 'sg-0123456789abcdef0', 'SecurityGroupRuleIds': ['sgr-0123456789abcdef0']},"
                        + " {'GroupId': 'sg-0123456789abcdef0', 'GroupId': 'sg-0fedcba9876543210'}]}|requests[1].GroupId",
                "{'version': '0', 'detail': {'DryRun': true, 'DryRun': false}}|detail.DryRun"
            })
    void aKeyGivenTwiceIsRefusedAndNamed(String text, String field) {
        InvalidRequestException e = refused(text.replace('\'', '"'));
        assertEquals(field, e.field());
        assertTrue(e.reason().contains("is given twice"), e.reason());
    }

    @Test
    void aKeyGivenTwiceInAnSqsBodyIsRefusedThere() {
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> InputJson.read(
                        "{\"GroupId\": \"" + GROUP + "\", \"DryRun\": true, \"DryRun\": false}",
                        FieldPath.of("Records").index(0).child("body")));
        assertEquals("Records[0].body.DryRun", e.field());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{'GroupId': 'sg-0123456789abcdef0', 'SecurityGroupRuleIds': ['sgr-0123456789abcdef0'], 'DryRun': true}"
                        + " {'DryRun': false}|{\"DryRun\": false}",
                "{'GroupId': 'sg-0123456789abcdef0', 'SecurityGroupRuleIds': ['sgr-0123456789abcdef0']}]]]garbage"
                        + "|]]]garbage",
                "[{'GroupId': 'sg-0123456789abcdef0'}] x|x",
                "7 8|8",
                "null true|true"
            })
    void anythingButWhitespaceAfterTheValueIsRefusedAndQuoted(String text, String rest) {
        InvalidRequestException e = refused(text.replace('\'', '"'));
        assertEquals("(input)", e.field());
        assertTrue(e.reason().startsWith("has more after its JSON value"), e.reason());
        assertTrue(e.reason().contains("'" + rest.replace('\'', '"') + "'"), e.reason());
    }

    @Test
    void whitespaceAfterTheValueIsFineAndAnSqsBodyIsHeldToTheSameRule() throws Exception {
        assertEquals(
                GROUP,
                read("{\"GroupId\": \"" + GROUP + "\"} \r\n\t ").get("GroupId").asText());
        assertEquals(7, read("7\n").asInt());
        FieldPath body = FieldPath.of("Records").index(0).child("body");
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> InputJson.read("{\"GroupId\": \"" + GROUP + "\", \"DryRun\": true} {\"DryRun\": false}", body));
        assertEquals("Records[0].body", e.field());
        assertTrue(e.reason().contains("'{\"DryRun\": false}'"), e.reason());
    }

    @Test
    void aPayloadLargerThan256KbIsRefusedUnlessItIsAnSqsBatch() throws Exception {
        String padding = "x".repeat(InputJson.MAX_PAYLOAD_BYTES);
        InvalidRequestException e = refused("{\"GroupName\": \"" + padding + "\"}");
        assertTrue(e.reason().contains("at most 262144"), e.reason());
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        String body = "{\"GroupName\": \"" + "y".repeat(200 * 1024) + "\"}";
        String record = "{\"messageId\": \"m\", \"eventSource\": \"aws:sqs\", \"body\": "
                + new ObjectMapper().writeValueAsString(body) + "}";
        JsonNode batch = read("{\"Records\": [" + record + ", " + record + "]}");
        assertEquals(2, batch.get("Records").size());
        assertThrows(
                InvalidRequestException.class,
                () -> InputJson.read(
                        body + " ".repeat(60 * 1024),
                        FieldPath.of("Records").index(0).child("body")));
    }

    @Test
    void jsonNestedDeeperThanTheBoundIsRefused() {
        int depth = InputJson.MAX_NESTING_DEPTH + 1;
        InvalidRequestException e = refused("[".repeat(depth) + "]".repeat(depth));
        assertTrue(e.reason().contains("nesting depth"), e.reason());
    }

    @Test
    void shorthandNestedThousandsDeepIsRefusedWithoutExhaustingTheStack() {
        ObjectNode request = JSON.objectNode().put("GroupId", GROUP);
        request.put("IpPermissions", "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=" + "[".repeat(5000));
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> DirectInvoke.parse(request));
        assertEquals("IpPermissions", e.field());
        assertTrue(e.reason().contains("nest deeper than " + Shorthand.MAX_DEPTH), e.reason());
        assertTrue(e.getMessage().length() < 250, e.getMessage());
    }

    @Test
    void hugeValuesAreQuotedAsShortExcerpts() {
        String huge = "sg-" + "f".repeat(5_000_000);
        ObjectNode badId = JSON.objectNode().put("GroupId", huge);
        badId.putArray("SecurityGroupRuleIds").add("sgr-0123456789abcdef0");
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> DirectInvoke.parse(badId));
        assertTrue(e.getMessage().length() < 200 && e.getMessage().contains("…(cut)"), e.getMessage());

        ObjectNode badKey = JSON.objectNode().put("GroupId", GROUP).put("k".repeat(100_000), 1);
        e = assertThrows(InvalidRequestException.class, () -> DirectInvoke.parse(badKey));
        assertTrue(e.getMessage().length() < 400, e.getMessage());

        ObjectNode badShorthand = JSON.objectNode().put("GroupId", GROUP);
        badShorthand.put("IpPermissions", "IpProtocol=tcp,Description=" + "z".repeat(100_000) + "'");
        e = assertThrows(InvalidRequestException.class, () -> DirectInvoke.parse(badShorthand));
        assertTrue(e.getMessage().length() < 300, e.getMessage());

        ObjectNode badFlag = JSON.objectNode().put("GroupId", GROUP).put("protocol", "p".repeat(100_000));
        e = assertThrows(InvalidRequestException.class, () -> DirectInvoke.parse(badFlag));
        assertTrue(e.getMessage().length() < 200, e.getMessage());

        InvalidRequestException notJson = refused("{\"GroupId\": " + "t".repeat(100_000) + "}");
        assertTrue(notJson.getMessage().length() < 300, notJson.getMessage());
    }

    @Test
    void atMostAThousandPermissionsAfterExpansion() {
        ObjectNode ok = JSON.objectNode().put("GroupId", GROUP);
        ArrayNode ranges = ok.putArray("IpPermissions")
                .addObject()
                .put("IpProtocol", "tcp")
                .put("FromPort", 22)
                .put("ToPort", 22)
                .putArray("IpRanges");
        for (int i = 0; i < DirectInvoke.MAX_ITEMS; i++) {
            ranges.addObject().put("CidrIp", "10.0." + (i / 256) + "." + (i % 256) + "/32");
        }
        assertEquals(
                DirectInvoke.MAX_ITEMS,
                DirectInvoke.parse(ok).requests().get(0).items().size());
        ranges.addObject().put("CidrIp", "10.9.9.9/32");
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> DirectInvoke.parse(ok));
        assertEquals("(input)", e.field());
        assertTrue(e.reason().contains("at most 1000"), e.reason());

        ArrayNode list = JSON.arrayNode();
        for (int i = 0; i < 2; i++) {
            ArrayNode ids = list.addObject().put("GroupId", GROUP).putArray("SecurityGroupRuleIds");
            for (int j = 0; j < 600; j++) {
                ids.add(String.format("sgr-%017x", i * 1000 + j));
            }
        }
        assertEquals(
                "[1]",
                assertThrows(InvalidRequestException.class, () -> DirectInvoke.parse(list))
                        .field());
    }
}
