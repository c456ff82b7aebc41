package dev.sgrevoker.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of one JSON object's fields, each failure naming the field's path. Unknown fields are refused, except
 * in a {@link #lenient} read of an AWS-generated structure, which gains members over time.
 */
final class JsonFields {
    private final JsonNode node;
    private final FieldPath path;

    JsonFields(JsonNode node, FieldPath path, Set<String> allowed) {
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

    static JsonFields lenient(JsonNode node, FieldPath path) {
        return new JsonFields(node, path, null);
    }

    FieldPath path() {
        return path;
    }

    FieldPath field(String name) {
        return path.child(name);
    }

    boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    JsonNode raw(String name) {
        return node.get(name);
    }

    String text(String name) {
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

    Integer integer(String name) {
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
    Integer integerOrDigits(String name) {
        JsonNode v = node.get(name);
        if (v != null && v.isTextual() && v.asText().matches("-?[0-9]{1,5}")) {
            return Integer.parseInt(v.asText());
        }
        return integer(name);
    }

    boolean bool(String name) {
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
    List<Element> array(String name) {
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
    List<Element> items(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isObject()) {
            throw field(name).invalid("must be a CloudTrail list: {\"items\": [...]} or {}");
        }
        return new JsonFields(v, field(name), null).array("items");
    }

    record Element(JsonNode node, FieldPath path) {}
}
