package dev.sgrevoker.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.Permission;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One shorthand IpPermission string, typed the way the CLI types it against EC2's model, then expanded. */
final class ShorthandIpPermission {
    private static final Set<String> INTEGERS = Set.of("FromPort", "ToPort");
    private static final Set<String> LISTS = Set.of("IpRanges", "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ShorthandIpPermission() {}

    static List<Permission> expand(String shorthand, FieldPath path) {
        return IpPermissionReader.expand(
                toJson(Shorthand.parse(shorthand, path), path), path.nested(), IpPermissionReader.Spelling.API);
    }

    static ObjectNode toJson(Map<String, Object> parsed, FieldPath path) {
        ObjectNode out = JSON.objectNode();
        for (Map.Entry<String, Object> e : parsed.entrySet()) {
            String key = e.getKey();
            FieldPath field = path.child(key);
            Object value = e.getValue();
            if (INTEGERS.contains(key)) {
                out.put(key, integer(value, field));
            } else if (LISTS.contains(key)) {
                out.set(key, structures(value, field));
            } else {
                out.set(key, plain(value, field));
            }
        }
        return out;
    }

    private static int integer(Object value, FieldPath field) {
        if (value instanceof String s && Scalars.isAsciiInteger(s)) {
            return Integer.parseInt(s.trim());
        }
        throw field.invalid("must be an integer, not " + describe(value));
    }

    /** A list of structures; the CLI also takes a single {…} where a list is expected. */
    private static ArrayNode structures(Object value, FieldPath field) {
        ArrayNode list = JSON.arrayNode();
        List<?> items = value instanceof List<?> l ? l : List.of(value);
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (!(item instanceof Map<?, ?> map)) {
                throw field.index(i).invalid("must be a {Key=value,…} structure, not " + describe(item));
            }
            ObjectNode o = JSON.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                o.set((String) e.getKey(), plain(e.getValue(), field.index(i).child((String) e.getKey())));
            }
            list.add(o);
        }
        return list;
    }

    private static JsonNode plain(Object value, FieldPath field) {
        if (value instanceof String s) {
            return JSON.textNode(s);
        }
        throw field.invalid("must be a single value, not " + describe(value));
    }

    private static String describe(Object value) {
        return value instanceof Map
                ? "a structure"
                : value instanceof List ? "a list" : "'" + Excerpt.of((String) value) + "'";
    }
}
