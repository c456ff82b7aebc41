package dev.sgrevoker.intake;

import dev.sgrevoker.exception.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS CLI's shorthand syntax ({@code Key=value,List=[{K=v},{K=v}]}), parsed as awscli's ShorthandParser does:
 * the same character classes, quoting, escaped commas and the backtrack that lets {@code a=b,c=d} be two keys.
 * The result is plain maps, lists and strings; typing is left to the caller.
 */
final class Shorthand {
    /** Lists and structures inside each other; an IpPermission needs 2, and recursion must not exhaust the stack. */
    static final int MAX_DEPTH = 16;

    private final String input;
    private final FieldPath field;
    private int index;
    private int depth;

    private Shorthand(String input, FieldPath field) {
        this.input = input;
        this.field = field;
    }

    static Map<String, Object> parse(String input, FieldPath field) {
        Shorthand p = new Shorthand(input, field);
        return p.parameter();
    }

    private Map<String, Object> parameter() {
        Map<String, Object> params = new LinkedHashMap<>();
        keyval(params);
        while (index < input.length()) {
            expect(',', true);
            keyval(params);
        }
        return params;
    }

    private void keyval(Map<String, Object> into) {
        String key = key();
        expect('=', true);
        Object value = values();
        if (into.containsKey(key)) {
            throw error("the key '" + key + "' is given twice");
        }
        into.put(key, value);
    }

    private String key() {
        int start = index;
        while (!atEof() && isKeyChar(input.charAt(index))) {
            index++;
        }
        if (start == index) {
            throw error("expected a key at character " + (index + 1));
        }
        return input.substring(start, index);
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) && c < 128 || "-_.#/:".indexOf(c) >= 0;
    }

    private Object values() {
        if (atEof()) {
            return "";
        }
        return switch (current()) {
            case '[' -> explicitList();
            case '{' -> hashLiteral();
            default -> csvValue();
        };
    }

    private Object csvValue() {
        String first = firstValue();
        skipWhitespace();
        if (atEof() || current() != ',') {
            return first;
        }
        expect(',', true);
        List<Object> list = new ArrayList<>();
        list.add(first);
        while (true) {
            int mark = index;
            try {
                String next = secondValue();
                skipWhitespace();
                if (atEof()) {
                    list.add(next);
                    break;
                }
                expect(',', true); // only a value followed by a comma (or the end) belongs to the list
                list.add(next);
            } catch (InvalidRequestException e) {
                if (atEof()) {
                    throw e;
                }
                index = input.lastIndexOf(',', mark - 1); // back to the comma before the next key
                break;
            }
        }
        return list.size() == 1 ? first : list;
    }

    private List<Object> explicitList() {
        expect('[', true);
        enter();
        List<Object> values = new ArrayList<>();
        while (current() != ']') {
            values.add(explicitValue());
            skipWhitespace();
            if (current() != ']') {
                expect(',', false);
                skipWhitespace();
            }
        }
        expect(']', false);
        depth--;
        return values;
    }

    private Object explicitValue() {
        return switch (current()) {
            case '[' -> explicitList();
            case '{' -> hashLiteral();
            default -> firstValue();
        };
    }

    private Map<String, Object> hashLiteral() {
        expect('{', true);
        enter();
        Map<String, Object> map = new LinkedHashMap<>();
        while (current() != '}') {
            String key = key();
            expect('=', true);
            Object v = explicitValue();
            skipWhitespace();
            if (current() != '}') {
                expect(',', false);
                skipWhitespace();
            }
            map.put(key, v);
        }
        expect('}', false);
        depth--;
        return map;
    }

    private String firstValue() {
        char c = current();
        if (c == '\'' || c == '"') {
            return quoted(c);
        }
        return plainValue(true);
    }

    private String secondValue() {
        char c = current();
        if (c == '\'' || c == '"') {
            return quoted(c);
        }
        String v = plainValue(false);
        if (v.isEmpty()) {
            throw error("expected a value at character " + (index + 1));
        }
        return v;
    }

    /** awscli's _FIRST_VALUE / _SECOND_VALUE: a start character, then follow characters, with '\,' for a comma. */
    private String plainValue(boolean first) {
        StringBuilder sb = new StringBuilder();
        boolean start = true;
        while (!atEof()) {
            char c = current();
            if (c == '\\' && index + 1 < input.length() && input.charAt(index + 1) == ',') {
                sb.append(',');
                index += 2;
            } else if (start ? isStartChar(c) : (first ? isFirstFollow(c) : isSecondFollow(c))) {
                sb.append(c);
                index++;
            } else {
                break;
            }
            start = false;
        }
        return stripTrailing(sb.toString());
    }

    private static boolean isStartChar(char c) {
        return !Character.isWhitespace(c) && c >= 0x21 && "\"',=[{".indexOf(c) < 0;
    }

    private static boolean isFirstFollow(char c) {
        return (Character.isWhitespace(c) || c >= 0x21) && "\"',]}".indexOf(c) < 0;
    }

    private static boolean isSecondFollow(char c) {
        return (Character.isWhitespace(c) || c >= 0x21) && "\"',=".indexOf(c) < 0;
    }

    private String quoted(char quote) {
        int start = index;
        index++;
        StringBuilder sb = new StringBuilder();
        while (!atEof()) {
            char c = current();
            if (c == '\\'
                    && index + 1 < input.length()
                    && (input.charAt(index + 1) == quote || input.charAt(index + 1) == '\\')) {
                sb.append(input.charAt(index + 1));
                index += 2;
            } else if (c == quote) {
                index++;
                return sb.toString();
            } else {
                sb.append(c);
                index++;
            }
        }
        throw error("the quote opened at character " + (start + 1) + " is not closed");
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private void expect(char c, boolean whitespace) {
        if (whitespace) {
            skipWhitespace();
        }
        if (atEof()) {
            throw error("expected '" + c + "' but the text ended");
        }
        if (current() != c) {
            throw error("expected '" + c + "' at character " + (index + 1) + " but found '" + current() + "'");
        }
        index++;
        if (whitespace) {
            skipWhitespace();
        }
    }

    private void skipWhitespace() {
        while (!atEof() && Character.isWhitespace(current())) {
            index++;
        }
    }

    private char current() {
        if (atEof()) {
            throw error("the text ended early");
        }
        return input.charAt(index);
    }

    private boolean atEof() {
        return index >= input.length();
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("lists and structures nest deeper than " + MAX_DEPTH);
        }
    }

    private InvalidRequestException error(String reason) {
        return field.invalid("bad shorthand: " + reason + " in \"" + Excerpt.around(input, index) + "\"");
    }
}
