package dev.sgrevoker.report.view;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes a page: markup only from this package's own literals ({@link #raw}), every value through {@link #text},
 * which escapes the five characters that mean something in HTML text and attribute values. Hand code rather than a
 * library: the rule is these five replacements, plus control and bidi-override characters shown as U+FFFD
 * ({@link #hidden}).
 */
final class Html {
    static final int SHOWN_CHARS = 300;

    private final Writer out;

    Html(Writer out) {
        this.out = out;
    }

    /** Markup written as it is: only ever this package's own literals. */
    Html raw(String markup) {
        try {
            out.write(markup);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the report page", e);
        }
        return this;
    }

    /** A value shown as text, in an element or a quoted attribute; null shows as nothing. */
    Html text(String value) {
        return value == null ? this : raw(escape(value));
    }

    /**
     * A value from EC2 or a requester, cut past {@link #SHOWN_CHARS} with a note: EC2 keeps descriptions, names and
     * tag values under 256 characters, so only a malformed or hostile value is ever cut; rules.csv has it whole.
     */
    Html value(String value) {
        if (value == null || value.length() <= SHOWN_CHARS) {
            return text(value);
        }
        int keep = Character.isHighSurrogate(value.charAt(SHOWN_CHARS - 1)) ? SHOWN_CHARS - 1 : SHOWN_CHARS;
        return text(value.substring(0, keep) + "… (" + (value.length() - keep) + " more characters in rules.csv)");
    }

    Html text(long value) {
        return raw(Long.toString(value));
    }

    /** {@code <tag class="cls">value</tag>}, the value escaped. */
    Html element(String tag, String cls, String value) {
        raw("<" + tag + (cls == null ? "" : " class=\"" + cls + "\"") + ">");
        text(value);
        return raw("</" + tag + ">");
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the report page", e);
        }
    }

    /**
     * Control characters (but tab and newline), and the bidirectional embeddings, overrides and isolates a tag could
     * use to show "exe.txt" for "txt.exe": shown as U+FFFD so a reviewer sees that something is there.
     */
    static boolean hidden(char c) {
        return (c < 0x20 && c != '\n' && c != '\t')
                || (c >= 0x7f && c < 0xa0)
                || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069);
    }

    static String escape(String value) {
        StringBuilder s = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> hidden(c) ? "\uFFFD" : null;
            };
            if (r != null && s == null) {
                s = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (s != null) {
                if (r != null) {
                    s.append(r);
                } else {
                    s.append(c);
                }
            }
        }
        return s == null ? value : s.toString();
    }
}
