package dev.sgrevoker.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A path renders as errors have always named fields, and reads the node it names. */
class FieldPathTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void rendersDottedAndIndexedText() {
        assertEquals("(input)", FieldPath.root().toString());
        assertEquals(
                "IpPermissions[0].ToPort",
                FieldPath.of("IpPermissions").index(0).child("ToPort").toString());
        assertEquals("[1].cidr", FieldPath.root().index(1).child("cidr").toString());
        assertEquals(
                "detail.requestParameters",
                FieldPath.of("detail", "requestParameters").toString());
    }

    @Test
    void aNestedDocumentIsReadFromItsRootButNamedFromTheWholeInput() throws Exception {
        FieldPath body = FieldPath.of("Records").index(2).child("body").nested();
        FieldPath group = body.child("GroupId");
        assertEquals("Records[2].body.GroupId", group.toString());
        assertEquals("Records[2].body", body.toString());
        JsonNode document = MAPPER.readTree("{\"GroupId\": \"sg-12345678\"}");
        assertEquals("sg-12345678", group.in(document).asText());
        assertEquals("/GroupId", group.pointer().toString());
    }

    @Test
    void readsThroughArraysAndMissesQuietly() throws Exception {
        JsonNode event = MAPPER.readTree("{\"detail\": {\"findings\": [{\"Id\": \"a\"}, {\"Id\": \"b\"}]}}");
        FieldPath second = FieldPath.of("detail", "findings").index(1).child("Id");
        assertEquals("b", second.in(event).asText());
        assertTrue(FieldPath.of("detail", "nothing", "here").in(event).isMissingNode());
    }

    @Test
    void aMemberNamedLikeAnIndexStaysAMember() {
        assertEquals("x.0", FieldPath.of("x", "0").toString());
        assertEquals("x[0]", FieldPath.of("x").index(0).toString());
    }

    @Test
    void theErrorNamesThePath() {
        assertEquals(
                "IpPermissions[3].FromPort: must be an integer",
                FieldPath.of("IpPermissions")
                        .index(3)
                        .child("FromPort")
                        .invalid("must be an integer")
                        .getMessage());
    }
}
