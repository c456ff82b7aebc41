package dev.sgrevoker.intake.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.Ids;
import java.util.ArrayList;
import java.util.List;

/**
 * Lenient reads of one AWS-generated event found at {@code root} in the input: unknown fields are expected (AWS adds
 * them), but a field we rely on that has the wrong type is an error naming its path. Every read goes by a path from
 * the event's root, so the path read is the path named.
 */
record EventJson(JsonNode event, FieldPath root) {

    static boolean present(JsonNode n) {
        return n != null && !n.isMissingNode() && !n.isNull();
    }

    FieldPath at(String... names) {
        return root.child(names);
    }

    JsonNode node(FieldPath at) {
        return at.in(event);
    }

    JsonNode node(String... names) {
        return node(at(names));
    }

    String text(String... names) {
        return text(at(names));
    }

    /** A string field, or null when absent. */
    String text(FieldPath at) {
        JsonNode n = node(at);
        if (!present(n)) {
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw at.invalid("must be a non-empty string");
        }
        return n.asText();
    }

    String requiredText(String... names) {
        return requiredText(at(names));
    }

    String requiredText(FieldPath at) {
        String s = text(at);
        if (s == null) {
            throw at.invalid("is required");
        }
        return s;
    }

    /** An integer field, or null when absent. */
    Integer integer(FieldPath at) {
        JsonNode n = node(at);
        if (!present(n)) {
            return null;
        }
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return n.intValue();
        }
        if (n.isTextual() && n.asText().matches("-?[0-9]{1,5}")) {
            return Integer.parseInt(n.asText()); // CloudTrail has been seen writing numbers as strings
        }
        throw at.invalid("must be an integer");
    }

    /** The paths of an array field's elements; empty when absent. */
    List<FieldPath> elements(FieldPath at) {
        JsonNode n = node(at);
        List<FieldPath> out = new ArrayList<>();
        if (!present(n)) {
            return out;
        }
        if (!n.isArray()) {
            throw at.invalid("must be a list");
        }
        for (int i = 0; i < n.size(); i++) {
            out.add(at.index(i));
        }
        return out;
    }

    /** CloudTrail's list spelling {@code {"items": [...]}}, where an empty list is written {@code {}}. */
    List<FieldPath> items(FieldPath at) {
        JsonNode n = node(at);
        if (!present(n)) {
            return List.of();
        }
        if (!n.isObject()) {
            throw at.invalid("must be a CloudTrail list: {\"items\": [...]} or {}");
        }
        return elements(at.child("items"));
    }

    static String groupId(String id, FieldPath at) {
        return Ids.require(id, "sg-", at);
    }
}
