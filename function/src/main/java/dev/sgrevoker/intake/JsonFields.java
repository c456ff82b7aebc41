package dev.sgrevoker.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of one JSON object's fields, each failure naming the field's path: the one strict-object reader of the
 * intake (direct-invoke forms, IpPermissions, sweep documents). Unknown fields are refused, except in a
 * {@link #lenient} read of an AWS-generated structure, which gains members over time.
 */
public final class JsonFields {
    private final JsonNode node;
    private final FieldPath path;

    public JsonFields(JsonNode node, FieldPath path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw path.invalid("must be a JSON object");
        }
        this.node = node;
        this.path = path;
        for (Iterator<String> it = node.fieldNames(); allowed != null && it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw field(Excerpt.of(name)).invalid("unknown field; expected one of " + new TreeSet<>(allowed));
            }
        }
    }

    public static JsonFields lenient(JsonNode node, FieldPath path) {
        return new JsonFields(node, path, null);
    }

    public FieldPath path() {
        return path;
    }

    public FieldPath field(String name) {
        return path.child(name);
    }

    public boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    public JsonNode raw(String name) {
        return node.get(name);
    }

    public String text(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw field(name).invalid("must be a string");
        }
        String s = v.asText();
        if (s.isBlank()) {
            throw field(name).invalid("must not be empty");
        }
        return s;
    }

    public Integer integer(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw field(name).invalid("must be an integer");
        }
        return v.intValue();
    }

    /** An integer, or its decimal digits as a string (CloudTrail has been seen writing numbers as strings). */
    public Integer integerOrDigits(String name) {
        JsonNode v = node.get(name);
        if (v != null && v.isTextual() && v.asText().matches("-?[0-9]{1,5}")) {
            return Integer.parseInt(v.asText());
        }
        return integer(name);
    }

    public boolean bool(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw field(name).invalid("must be true or false");
        }
        return v.booleanValue();
    }

    /** The elements of an array field (empty when absent), each with its own path. */
    public List<Element> array(String name) {
        JsonNode v = node.get(name);
        List<Element> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw field(name).invalid("must be a list");
        }
        for (int i = 0; i < v.size(); i++) {
            out.add(new Element(v.get(i), field(name).index(i)));
        }
        return out;
    }

    /** CloudTrail's list spelling {@code {"items": [...]}}, where an empty list is written {@code {}}. */
    public List<Element> items(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isObject()) {
            throw field(name).invalid("must be a CloudTrail list: {\"items\": [...]} or {}");
        }
        return new JsonFields(v, field(name), null).array("items");
    }

    /** A string that must be given: absent, null, blank or not a string is refused. */
    public String requiredText(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw field(name).invalid("is required");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw field(name).invalid("must be a non-empty string");
        }
        return v.asText();
    }

    /** A boolean, {@code absent} when not given. */
    public boolean bool(String name, boolean absent) {
        return has(name) ? bool(name) : absent;
    }

    /** A whole number of at least 1, or null when not given. */
    public Integer positive(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
            throw field(name).invalid("must be a whole number of at least 1");
        }
        return v.intValue();
    }

    /** A list of non-empty strings; absent is empty. */
    public List<String> strings(String name) {
        JsonNode v = node.get(name);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw field(name).invalid("must be a list of strings");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual() || v.get(i).asText().isBlank()) {
                throw field(name).index(i).invalid("must be a non-empty string");
            }
            out.add(v.get(i).asText());
        }
        return out;
    }

    /** An object of string values; absent is empty. */
    public Map<String, String> stringMap(String name) {
        JsonNode v = node.get(name);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw field(name).invalid("must be an object of string values");
        }
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!e.getValue().isTextual() || e.getKey().isBlank()) {
                throw field(name).child(Excerpt.of(e.getKey())).invalid("must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    public record Element(JsonNode node, FieldPath path) {}
}
