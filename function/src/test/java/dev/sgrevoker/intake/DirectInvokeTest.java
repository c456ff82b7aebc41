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
import dev.sgrevoker.model.GroupTarget;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.report.ResultEntry;
import dev.sgrevoker.report.WireStrings;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every direct-invoke form against a table of inputs and what they must normalise to (or the error they get). */
class DirectInvokeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<Named<JsonNode>> cases() throws IOException {
        try (InputStream in = DirectInvokeTest.class.getResourceAsStream("/intake/cases.json")) {
            List<Named<JsonNode>> out = new ArrayList<>();
            MAPPER.readTree(in).forEach(c -> out.add(Named.of(c.get("name").asText(), c)));
            return out.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void normalisesOrRejects(JsonNode c) {
        JsonNode input = c.get("input");
        if (c.has("error")) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> DirectInvoke.parse(input));
            assertEquals(c.get("error").get("field").asText(), e.field(), e.getMessage());
            assertTrue(e.reason().contains(c.get("error").get("reason").asText()), e.getMessage());
            return;
        }
        DirectInvoke.Parsed parsed = DirectInvoke.parse(input);
        assertEquals(c.get("form").asText(), WireStrings.inputForm(parsed.form()));
        assertEquals(c.get("requests"), render(parsed.requests()));
    }

    private static ArrayNode render(List<RevocationRequest> requests) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (RevocationRequest r : requests) {
            ObjectNode o = out.addObject();
            o.put(
                    "group",
                    switch (r.group()) {
                        case GroupTarget.ById id -> id.groupId();
                        case GroupTarget.ByName name -> "name:" + name.groupName();
                    });
            o.put("dryRun", r.dryRun());
            ArrayNode items = o.putArray("items");
            for (Requested item : r.items()) {
                switch (item) {
                    case Requested.ByPermission p -> items.add(ResultEntry.ipPermission(p.permission()));
                    case Requested.ByRuleId id -> items.add(id.ruleId());
                    default -> throw new AssertionError("direct invoke produced " + item);
                }
            }
        }
        return out;
    }
}
