package dev.sgrevoker.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reading a parsed template ({@link CfnYaml}) the way the guard tests need: resources, policy statements with their
 * conditional ({@code Fn::If}) ones unwrapped, and a small evaluator for the string intrinsics the templates build
 * lists with ({@code Ref}, {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::Split}), so a test can see what a statement
 * says for given parameter values.
 */
final class Cfn {
    private Cfn() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> resource(Map<String, Object> template, String name) {
        Map<String, Object> r = (Map<String, Object>) ((Map<?, ?>) template.get("Resources")).get(name);
        assertNotNull(r, "no resource " + name);
        return r;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> props(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    static Map<?, ?> section(Map<String, Object> template, String name) {
        return (Map<?, ?>) template.get(name);
    }

    static Map<?, ?> parameter(Map<String, Object> template, String name) {
        Map<?, ?> p = (Map<?, ?>) section(template, "Parameters").get(name);
        assertNotNull(p, "no parameter " + name);
        return p;
    }

    /** Every resource of a type, by logical id. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> resourcesOfType(Map<String, Object> template, String type) {
        return section(template, "Resources").entrySet().stream()
                .filter(e -> type.equals(((Map<?, ?>) e.getValue()).get("Type")))
                .collect(Collectors.toMap(e -> (String) e.getKey(), e -> (Map<String, Object>) e.getValue()));
    }

    /** The branches of an {@code Fn::If}: its condition's name, then the value when true and when false. */
    static List<?> ifBranches(Object value) {
        assertNotNull(value);
        List<?> branches = (List<?>) ((Map<?, ?>) value).get("Fn::If");
        assertNotNull(branches, "not an Fn::If: " + value);
        assertEquals(3, branches.size());
        return branches;
    }

    static boolean isIf(Object value) {
        return value instanceof Map<?, ?> m && m.containsKey("Fn::If");
    }

    /** A document's statements, each conditional one in both branches (a branch that is AWS::NoValue left out). */
    static List<Map<String, Object>> statements(Object document) {
        return unwrap((List<?>) ((Map<?, ?>) document).get("Statement"));
    }

    static List<Map<String, Object>> unwrap(List<?> raw) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object s : raw) {
            if (isIf(s)) {
                ifBranches(s).stream().skip(1).forEach(b -> add(out, b));
            } else {
                add(out, s);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void add(List<Map<String, Object>> out, Object s) {
        if (s instanceof Map<?, ?> m && m.containsKey("Effect")) {
            out.add((Map<String, Object>) m);
        }
    }

    /** The statement with this Sid, which must be the only one. */
    static Map<String, Object> statement(List<Map<String, Object>> statements, String sid) {
        List<Map<String, Object>> found =
                statements.stream().filter(s -> sid.equals(s.get("Sid"))).toList();
        assertEquals(1, found.size(), "statements with Sid " + sid);
        return found.get(0);
    }

    /** The raw statement list entry (an Fn::If or a statement) that holds the statement with this Sid. */
    static Object rawStatement(List<?> raw, String sid) {
        List<Object> found = raw.stream()
                .filter(s -> unwrap(List.of(s)).stream().anyMatch(x -> sid.equals(x.get("Sid"))))
                .map(s -> (Object) s)
                .toList();
        assertEquals(1, found.size(), "statements with Sid " + sid);
        return found.get(0);
    }

    static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.toList());
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    /** Whether a whole value matches a CloudFormation AllowedPattern (which must match the whole value). */
    static boolean allowed(Map<?, ?> parameter, String value) {
        return Pattern.compile((String) parameter.get("AllowedPattern"))
                .matcher(value)
                .matches();
    }

    /**
     * A string-valued expression evaluated with these parameter values: a literal, {@code Ref}, {@code Fn::Sub}
     * (with or without its variable map), {@code Fn::Join}; a list from {@code Fn::Split} or a literal list.
     */
    static Object evaluate(Object value, Map<String, String> parameters) {
        if (value instanceof String || value instanceof Number) {
            return String.valueOf(value);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> evaluate(v, parameters)).toList();
        }
        Map<?, ?> fn = (Map<?, ?>) value;
        assertEquals(1, fn.size(), "one intrinsic: " + fn);
        Map.Entry<?, ?> e = fn.entrySet().iterator().next();
        Object arg = e.getValue();
        return switch ((String) e.getKey()) {
            case "Ref" -> known(parameters, (String) arg);
            case "Fn::Sub" -> sub(arg, parameters);
            case "Fn::Join" ->
                String.join((String) ((List<?>) arg).get(0), listOf(evaluate(((List<?>) arg).get(1), parameters)));
            case "Fn::Split" ->
                List.of(((String) evaluate(((List<?>) arg).get(1), parameters))
                        .split(Pattern.quote((String) ((List<?>) arg).get(0)), -1));
            default -> throw new AssertionError("not evaluated here: " + fn);
        };
    }

    static List<String> listOf(Object evaluated) {
        return ((List<?>) evaluated).stream().map(String::valueOf).toList();
    }

    private static String sub(Object arg, Map<String, String> parameters) {
        String text;
        Map<String, String> vars = new java.util.HashMap<>(parameters);
        if (arg instanceof List<?> l) {
            text = (String) l.get(0);
            ((Map<?, ?>) l.get(1)).forEach((k, v) -> vars.put((String) k, (String) evaluate(v, parameters)));
        } else {
            text = (String) arg;
        }
        Matcher m = Pattern.compile("\\$\\{([^}!]+)}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(known(vars, m.group(1))));
        }
        return m.appendTail(out).toString();
    }

    private static String known(Map<String, String> values, String name) {
        String v = values.get(name);
        assertNotNull(v, "no value given for " + name);
        return v;
    }
}
