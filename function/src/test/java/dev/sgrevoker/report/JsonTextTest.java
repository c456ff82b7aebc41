package dev.sgrevoker.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The text written without databind is the text databind writes, for every node type the function builds. */
class JsonTextTest {

    @Test
    void writesWhatDatabindWrites() throws Exception {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("text", "é \u0000 \"quoted\" </script> \uD83D\uDE00");
        tree.put("int", 22).put("long", 1L << 40).put("double", 1.5).put("float", 2.5f);
        tree.put("big", new BigInteger("123456789012345678901234567890"));
        tree.put("decimal", new BigDecimal("0.10"));
        tree.put("yes", true).putNull("none");
        tree.putArray("list").add(1).addObject().putArray("empty");
        tree.putObject("nested").put("a", "b");

        String expected = new ObjectMapper().writeValueAsString(tree);

        assertEquals(expected, JsonText.of(tree));
        assertEquals(expected.getBytes(StandardCharsets.UTF_8).length, JsonText.utf8Length(tree));
        // To a byte stream (a handler's response) both escape the emoji's surrogates, as databind always did.
        ByteArrayOutputStream databind = new ByteArrayOutputStream();
        new ObjectMapper().writeValue(databind, tree);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonText.write(tree, out);
        assertEquals(databind.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingNodeHasNoText() {
        JsonNode missing = MissingNode.getInstance();
        assertThrows(IllegalArgumentException.class, () -> JsonText.of(missing));
    }
}
