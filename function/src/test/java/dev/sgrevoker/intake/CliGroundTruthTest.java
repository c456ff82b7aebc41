package dev.sgrevoker.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.model.RevocationRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AWS CLI v2 is the reference for the input syntax. cli/revoke-cases.json records, per argument list, what the
 * real CLI sent to EC2 or the error it stopped with (tools/cli-ground-truth). Here each case's arguments become our
 * JSON input; what we make of it must equal what we make of the request the CLI sent, or be rejected where the CLI
 * rejected. Cases where we are knowingly stricter than the CLI are listed, with the reason, in stricter-than-cli.json.
 */
class CliGroundTruthTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern ID = Pattern.compile("\\b(sg|sgr|pl|vpc|pcx)-([A-Za-z0-9]+)\\b");
    private static final Pattern VALID_ID = Pattern.compile("[0-9a-f]{8}|[0-9a-f]{17}");
    /** The legacy top-level flags and the request members they fill. */
    private static final Map<String, String> LEGACY = Map.of(
            "--ip-protocol", "IpProtocol",
            "--from-port", "FromPort",
            "--to-port", "ToPort",
            "--cidr-ip", "CidrIp",
            "--source-security-group-name", "SourceSecurityGroupName",
            "--source-security-group-owner-id", "SourceSecurityGroupOwnerId");

    private static final Pattern SENT_KEY = Pattern.compile("IpPermissions\\.(\\d+)\\.(\\w+)(?:\\.(\\d+)\\.(\\w+))?");

    static Stream<Named<JsonNode>> cases() throws IOException {
        List<Named<JsonNode>> out = new ArrayList<>();
        read("/cli/revoke-cases.json")
                .forEach(c -> out.add(Named.of(c.get("name").asText(), c)));
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void agreesWithWhatTheCliSent(JsonNode c) throws IOException {
        JsonNode stricter =
                read("/cli/stricter-than-cli.json").get(c.get("name").asText());
        JsonNode input = input(c.get("args"));
        Object ours = normalise(() -> DirectInvoke.parse(input).requests());
        if (!c.get("error").isNull()) {
            assertTrue(
                    ours instanceof InvalidRequestException,
                    "the CLI refused (" + c.get("error").asText() + ") but we took it: " + ours);
            return;
        }
        Object cli = normalise(() -> List.of(DirectInvoke.single(sentAsCliInputJson(c.get("sent")), FieldPath.root())));
        if (stricter != null) {
            assertTrue(
                    ours instanceof InvalidRequestException, "listed as stricter than the CLI, yet accepted: " + ours);
            assertTrue(
                    !(cli instanceof InvalidRequestException),
                    "listed as stricter, but the CLI's request is refused too: remove it from the list");
            return;
        }
        if (cli instanceof InvalidRequestException refused) {
            assertTrue(
                    ours instanceof InvalidRequestException,
                    "we refuse what the CLI sent (" + refused.getMessage() + ") but took the arguments: " + ours);
        } else {
            assertEquals(cli, ours);
        }
    }

    @Test
    void everyStricterCaseNamesARecordedCase() throws IOException {
        List<String> names = new ArrayList<>();
        read("/cli/revoke-cases.json").forEach(c -> names.add(c.get("name").asText()));
        read("/cli/stricter-than-cli.json").fieldNames().forEachRemaining(n -> assertTrue(names.contains(n), n));
    }

    private interface Parse {
        List<RevocationRequest> run();
    }

    /** Requests without their input form (the CLI's request is always cli-input-json), or the rejection. */
    private static Object normalise(Parse parse) {
        try {
            return parse.run().stream()
                    .map(r -> List.of(r.group(), r.items(), r.dryRun()))
                    .toList();
        } catch (InvalidRequestException e) {
            return e;
        }
    }

    /** The CLI arguments as our JSON input: flags as the simplified-flag fields, --ip-permissions as shorthand or JSON. */
    static JsonNode input(JsonNode args) throws IOException {
        ObjectNode in = JSON.objectNode();
        List<String> a = new ArrayList<>();
        args.forEach(x -> a.add(ids(x.asText())));
        for (int i = 0; i < a.size(); i++) {
            String flag = a.get(i);
            String inline = null;
            if (flag.contains("=")) {
                inline = flag.substring(flag.indexOf('=') + 1);
                flag = flag.substring(0, flag.indexOf('='));
            }
            List<String> values = new ArrayList<>();
            if (inline != null) {
                values.add(inline);
            } else {
                while (i + 1 < a.size() && !a.get(i + 1).startsWith("--")) {
                    values.add(a.get(++i));
                }
            }
            switch (flag) {
                case "--group-id" -> in.put("GroupId", values.get(0));
                case "--group-name" -> in.put("GroupName", values.get(0));
                case "--dry-run" -> in.put("DryRun", true);
                case "--no-dry-run" -> in.put("DryRun", false);
                case "--security-group-rule-ids" -> {
                    if (values.size() == 1 && values.get(0).startsWith("[")) {
                        in.set("SecurityGroupRuleIds", json(values.get(0)));
                    } else {
                        ArrayNode ids = in.putArray("SecurityGroupRuleIds");
                        values.forEach(ids::add);
                    }
                }
                case "--ip-permissions" -> {
                    if (values.size() == 1
                            && (values.get(0).startsWith("[") || values.get(0).startsWith("{"))) {
                        in.set("IpPermissions", json(values.get(0)));
                    } else if (values.size() == 1) {
                        in.put("IpPermissions", values.get(0));
                    } else {
                        ArrayNode words = in.putArray("IpPermissions");
                        values.forEach(words::add);
                    }
                }
                case "--cli-input-json" -> {
                    JsonNode given = json(values.get(0));
                    if (!given.isObject()) {
                        return given; // not a request at all: the whole input is that text
                    }
                    for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                        var e = it.next();
                        in.putIfAbsent(e.getKey(), e.getValue());
                    }
                }
                case "--ip-protocol", "--cidr-ip", "--source-security-group-name", "--source-security-group-owner-id" ->
                    in.put(LEGACY.get(flag), values.get(0));
                case "--from-port", "--to-port" -> in.set(LEGACY.get(flag), integerOrText(values.get(0)));
                default -> in.put(camel(flag.substring(2)), values.isEmpty() ? "" : values.get(0));
            }
        }
        return in;
    }

    /** An integer argument as the CLI types it (Python's int()), else the text, which our intake must refuse. */
    private static JsonNode integerOrText(String value) {
        try {
            return JSON.numberNode(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return JSON.textNode(value);
        }
    }

    /** JSON text as the CLI would read it; text that is not JSON stays text, which our intake must refuse. */
    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            return JSON.textNode(text);
        }
    }

    /** The form-encoded request the CLI sent, back in the cli-input-json shape. */
    static JsonNode sentAsCliInputJson(JsonNode sent) {
        ObjectNode in = JSON.objectNode();
        Map<Integer, ObjectNode> permissions = new TreeMap<>();
        Map<String, ObjectNode> sources = new TreeMap<>();
        ArrayNode ruleIds = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = sent.fields(); it.hasNext(); ) {
            var e = it.next();
            String key = e.getKey();
            String value = ids(e.getValue().asText());
            Matcher m = SENT_KEY.matcher(key);
            if (m.matches()) {
                ObjectNode p = permissions.computeIfAbsent(Integer.parseInt(m.group(1)), n -> JSON.objectNode());
                if (m.group(3) == null) {
                    if (m.group(2).endsWith("Port")) {
                        p.put(m.group(2), Integer.parseInt(value.trim()));
                    } else {
                        p.put(m.group(2), value);
                    }
                } else {
                    String list = m.group(2).equals("Groups") ? "UserIdGroupPairs" : m.group(2);
                    ObjectNode source = sources.computeIfAbsent(
                            m.group(1) + "/" + list + "/" + String.format("%04d", Integer.parseInt(m.group(3))), k -> {
                                ObjectNode s = JSON.objectNode();
                                p.withArray(list).add(s);
                                return s;
                            });
                    source.put(m.group(4), value);
                }
            } else if (key.startsWith("SecurityGroupRuleId.")) {
                ruleIds = ruleIds == null ? in.putArray("SecurityGroupRuleIds") : ruleIds;
                ruleIds.add(value);
            } else if (key.equals("DryRun")) {
                in.put("DryRun", Boolean.parseBoolean(value));
            } else if (key.equals("FromPort") || key.equals("ToPort")) {
                in.put(key, Integer.parseInt(value.trim())); // the legacy top-level ports, integers in the model
            } else {
                in.put(key, value);
            }
        }
        if (!permissions.isEmpty()) {
            ArrayNode list = in.putArray("IpPermissions");
            permissions.values().forEach(list::add);
        }
        return in;
    }

    /** The recorded cases use short ids (sg-1); ours checks EC2's id form, so each maps to a fixed valid one. */
    private static String ids(String s) {
        Matcher m = ID.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String suffix = m.group(2);
            String fixed = VALID_ID.matcher(suffix).matches()
                    ? suffix
                    : String.format("%017x", Math.abs((long) suffix.hashCode()));
            m.appendReplacement(out, m.group(1) + "-" + fixed);
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String camel(String flag) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char ch : flag.toCharArray()) {
            if (ch == '-') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return sb.toString();
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = CliGroundTruthTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                fail("missing test resource " + resource);
            }
            return MAPPER.readTree(in);
        }
    }
}
