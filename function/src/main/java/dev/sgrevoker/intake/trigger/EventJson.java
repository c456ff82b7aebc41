package dev.sgrevoker.intake.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.Ids;
import java.util.ArrayList;
import java.util.List;

/**
 * Lenient reads of AWS-generated events: unknown fields are expected (AWS adds them), but a field we rely on that
 * has the wrong type is an error naming its dotted path.
 */
final class EventJson {
    private EventJson() {}

    /** The node at a dotted path below {@code root}; MissingNode when any step is absent. */
    static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        for (String step : path.split("\\.")) {
            n = n == null || !n.isObject() ? null : n.get(step);
        }
        return n == null ? MissingNode.getInstance() : n;
    }

    static boolean present(JsonNode n) {
        return n != null && !n.isMissingNode() && !n.isNull();
    }

    /** A string field, or null when absent; {@code field} is its full path for errors. */
    static String text(JsonNode root, String path, String field) {
        JsonNode n = at(root, path);
        if (!present(n)) {
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new InvalidRequestException(field, "must be a non-empty string");
        }
        return n.asText();
    }

    static String requiredText(JsonNode root, String path, String field) {
        String s = text(root, path, field);
        if (s == null) {
            throw new InvalidRequestException(field, "is required");
        }
        return s;
    }

    /** An integer field, or null when absent. */
    static Integer integer(JsonNode root, String path, String field) {
        JsonNode n = at(root, path);
        if (!present(n)) {
            return null;
        }
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return n.intValue();
        }
        if (n.isTextual() && n.asText().matches("-?\\d{1,5}")) {
            return Integer.parseInt(n.asText()); // CloudTrail has been seen writing numbers as strings
        }
        throw new InvalidRequestException(field, "must be an integer");
    }

    /** The elements of an array field; empty when absent. */
    static List<JsonNode> array(JsonNode root, String path, String field) {
        JsonNode n = at(root, path);
        List<JsonNode> out = new ArrayList<>();
        if (!present(n)) {
            return out;
        }
        if (!n.isArray()) {
            throw new InvalidRequestException(field, "must be a list");
        }
        n.forEach(out::add);
        return out;
    }

    /** CloudTrail's list spelling {@code {"items": [...]}}, where an empty list is written {@code {}}. */
    static List<JsonNode> items(JsonNode root, String path, String field) {
        JsonNode n = at(root, path);
        if (!present(n)) {
            return List.of();
        }
        if (!n.isObject()) {
            throw new InvalidRequestException(field, "must be a CloudTrail list: {\"items\": [...]} or {}");
        }
        return array(n, "items", field + ".items");
    }

    static String groupId(String id, String field) {
        return Ids.require(id, "sg-", field);
    }
}
