package dev.sgrevoker.intake.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.config.FunctionConfig;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.model.GroupTarget;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.model.Selection;
import dev.sgrevoker.report.ResultEntry;
import dev.sgrevoker.report.WireStrings;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event family and variant, from the fixtures in /events, against a table (/trigger/cases.json) of what each
 * must normalise to: the requests, the skips with their reasons, or the error naming the field.
 */
class TriggerCasesTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:sg-revoker";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A trigger fixture of /events, loaded through aws-lambda-java-tests' EventLoader as the tests' events are. */
    static JsonNode fixture(String name) {
        return MAPPER.valueToTree(EventLoader.loadEvent("events/" + name, Map.class));
    }

    static TriggerConfig config(Map<String, String> env) {
        return FunctionConfig.read(env).triggerConfig(FUNCTION_ARN);
    }

    /** An SQS event as the handler hands it on: recognised once, with its records. */
    static Envelope.Batch batch(JsonNode event) {
        return (Envelope.Batch) TriggerShape.detect(event);
    }

    static Stream<Named<JsonNode>> cases() throws IOException {
        try (InputStream in = TriggerCasesTest.class.getResourceAsStream("/trigger/cases.json")) {
            List<Named<JsonNode>> out = new ArrayList<>();
            MAPPER.readTree(in).forEach(c -> out.add(Named.of(c.get("name").asText(), c)));
            return out.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void normalisesSkipsOrRejects(JsonNode c) {
        JsonNode event = fixture(c.get("event").asText());
        Map<String, String> env = new HashMap<>();
        c.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        TriggerConfig config = config(env);
        if (c.has("error")) {
            InvalidRequestException e =
                    assertThrows(InvalidRequestException.class, () -> Triggers.normalise(event, config));
            assertEquals(c.get("error").get("field").asText(), e.field(), e.getMessage());
            assertTrue(e.reason().contains(c.get("error").get("reason").asText()), e.getMessage());
            return;
        }
        assertEquals(
                c.get("family").asText(),
                WireStrings.trigger(TriggerShape.detect(event).family()));
        TriggerResult result = Triggers.normalise(event, config);
        assertEquals(c.get("family").asText(), WireStrings.trigger(result.family()));
        assertEquals(c.get("form").asText(), WireStrings.inputForm(result.form()));
        assertEquals(c.get("requests"), render(result.requests()));
        assertSkips(c.get("skips"), result.skips());
    }

    static void assertSkips(JsonNode expected, List<Skip> actual) {
        assertEquals(expected.size(), actual.size(), "skips: " + actual);
        for (int i = 0; i < actual.size(); i++) {
            JsonNode e = expected.get(i);
            Skip s = actual.get(i);
            assertEquals(e.path("groupId").isNull() ? null : e.path("groupId").asText(null), s.groupId(), s.toString());
            if (e.has("reference")) {
                assertEquals(e.get("reference").asText(), s.reference(), s.toString());
            }
            assertTrue(s.reason().contains(e.get("reason").asText()), s.reason());
        }
    }

    static ArrayNode render(List<RevocationRequest> requests) {
        ArrayNode out = JSON.arrayNode();
        for (RevocationRequest r : requests) {
            assertEquals(false, r.dryRun());
            ObjectNode o = out.addObject();
            o.put(
                    "group",
                    switch (r.group()) {
                        case GroupTarget.ById id -> id.groupId();
                        case GroupTarget.ByName name -> "name:" + name.groupName();
                    });
            ArrayNode items = o.putArray("items");
            for (Requested item : r.items()) {
                switch (item) {
                    case Requested.ByPermission p -> items.add(ResultEntry.ipPermission(p.permission()));
                    case Requested.ByRuleId id -> items.add(id.ruleId());
                    case Requested.BySelection s -> items.add(render(s.selection()));
                }
            }
        }
        return out;
    }

    private static ObjectNode render(Selection selection) {
        ObjectNode o = JSON.objectNode();
        switch (selection) {
            case Selection.OpenToWorld w -> {
                ArrayNode ports = o.putArray("openToWorld");
                w.ports().stream()
                        .sorted(Comparator.comparing(
                                        (Selection.PortSpec p) -> p.protocol().value())
                                .thenComparingInt(Selection.PortSpec::port))
                        .forEach(p -> ports.add(p.toString()));
            }
            case Selection.OpenToWorldExcept x -> {
                ObjectNode ranges = o.putObject("openToWorldExcept");
                ranges.set("tcp", ranges(x.authorizedTcp()));
                ranges.set("udp", ranges(x.authorizedUdp()));
            }
            case Selection.AllIngress a -> o.put("allIngress", true);
        }
        return o;
    }

    private static ArrayNode ranges(List<PortRange> list) {
        ArrayNode a = JSON.arrayNode();
        list.forEach(r -> a.add(r.from() == r.to() ? Integer.toString(r.from()) : r.from() + "-" + r.to()));
        return a;
    }
}
