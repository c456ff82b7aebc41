package dev.sgrevoker.local;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Text from EC2 on a terminal: a tag or an interface description may hold anything, escape sequences included, so
 * control and bidirectional-override characters are shown as U+FFFD, and widths count what a terminal shows (a wide
 * East Asian character or an emoji takes two columns, a combining mark none).
 */
final class TerminalText {
    private TerminalText() {}

    /** One line: tab, CR and LF become spaces; other controls and bidi overrides become U+FFFD. */
    static String clean(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp == '\t' || cp == '\n' || cp == '\r') {
                out.append(' ');
            } else if (unsafe(cp)) {
                out.append('\uFFFD');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    static boolean unsafe(int cp) {
        return cp < 0x20
                || (cp >= 0x7f && cp < 0xa0)
                || (cp >= 0x202a && cp <= 0x202e)
                || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x200e
                || cp == 0x200f
                || cp == 0x061c;
    }

    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += width(cp);
            i += Character.charCount(cp);
        }
        return w;
    }

    static int width(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
            return 0;
        }
        boolean wide = (cp >= 0x1100 && cp <= 0x115f)
                || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f)
                || (cp >= 0xac00 && cp <= 0xd7a3)
                || (cp >= 0xf900 && cp <= 0xfaff)
                || (cp >= 0xfe30 && cp <= 0xfe4f)
                || (cp >= 0xff00 && cp <= 0xff60)
                || (cp >= 0xffe0 && cp <= 0xffe6)
                || (cp >= 0x1f300 && cp <= 0x1f64f)
                || (cp >= 0x1f900 && cp <= 0x1f9ff)
                || (cp >= 0x20000 && cp <= 0x3fffd);
        return wide ? 2 : 1;
    }

    /** At most {@code width} columns: cut with "…" when longer. */
    static String cut(String s, int width) {
        if (width(s) <= width) return s;
        StringBuilder out = new StringBuilder();
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int cw = width(cp);
            if (w + cw > width - 1) break;
            out.appendCodePoint(cp);
            w += cw;
            i += Character.charCount(cp);
        }
        return out.append('…').toString();
    }

    static String pad(String s, int width) {
        int w = width(s);
        return w >= width ? s : s + " ".repeat(width - w);
    }

    /**
     * For CSV and HTML sent to a terminal: the same bytes as to a file except that controls other than tab, CR and LF,
     * and bidi overrides, show as U+FFFD. Redirect to a file for the exact text.
     */
    static Writer safe(Writer out) {
        return new FilterWriter(out) {
            @Override
            public void write(int c) throws IOException {
                out.write(c != '\t' && c != '\n' && c != '\r' && unsafe(c) ? '\uFFFD' : c);
            }

            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                for (int i = off; i < off + len; i++) write(buf[i]);
            }

            @Override
            public void write(String s, int off, int len) throws IOException {
                for (int i = off; i < off + len; i++) write(s.charAt(i));
            }
        };
    }
}
