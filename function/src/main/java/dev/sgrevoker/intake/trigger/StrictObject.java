package dev.sgrevoker.intake.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.intake.FieldPath;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Strict reads of one JSON object we define (a sweep document): unknown fields refused, each error naming its path. */
final class StrictObject {
    private final JsonNode node;
    private final FieldPath path;

    StrictObject(JsonNode node, FieldPath path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw path.invalid("must be a JSON object");
        }
        this.node = node;
        this.path = path;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw field(name).invalid("unknown field; expected one of " + new TreeSet<>(allowed));
            }
        }
    }

    FieldPath field(String name) {
        return path.child(name);
    }

    boolean has(String name) {
        return node.has(name) && !node.get(name).isNull();
    }

    JsonNode raw(String name) {
        return node.get(name);
    }

    String text(String name, boolean required) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw field(name).invalid("is required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw field(name).invalid("must be a non-empty string");
        }
        return v.asText();
    }

    boolean bool(String name, boolean absent) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isBoolean()) {
            throw field(name).invalid("must be true or false");
        }
        return v.booleanValue();
    }

    Integer positive(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
            throw field(name).invalid("must be a whole number of at least 1");
        }
        return v.intValue();
    }

    /** A list of strings; absent is empty. */
    List<String> strings(String name) {
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
    Map<String, String> stringMap(String name) {
        JsonNode v = node.get(name);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw field(name).invalid("must be an object of string values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual() || e.getKey().isBlank()) {
                throw field(name).child(e.getKey()).invalid("must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
