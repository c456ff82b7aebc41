package dev.sgrevoker.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.exception.InvalidRequestException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Typed reads of one JSON object's fields, each failure naming the field's path. Unknown fields are refused. */
final class JsonFields {
    private final JsonNode node;
    private final String path;

    JsonFields(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException(path.isEmpty() ? "(input)" : path, "must be a JSON object");
        }
        this.node = node;
        this.path = path;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new InvalidRequestException(
                        field(name), "unknown field; expected one of " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
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
            throw new InvalidRequestException(field(name), "must be a string");
        }
        String s = v.asText();
        if (s.isBlank()) {
            throw new InvalidRequestException(field(name), "must not be empty");
        }
        return s;
    }

    Integer integer(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidRequestException(field(name), "must be an integer");
        }
        return v.intValue();
    }

    boolean bool(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new InvalidRequestException(field(name), "must be true or false");
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
            throw new InvalidRequestException(field(name), "must be a list");
        }
        for (int i = 0; i < v.size(); i++) {
            out.add(new Element(v.get(i), field(name) + "[" + i + "]"));
        }
        return out;
    }

    record Element(JsonNode node, String path) {}
}
