package dev.sgrevoker.intake;

/** Input quoted back in an error, cut short: a caller's 5 MB string must not come back in the error or the logs. */
public final class Excerpt {
    static final int MAX = 64;
    /** ARNs are longer than an excerpt, and a skip's reason that cuts one off no longer says which it was. */
    static final int MAX_IDENTIFIER = 256;

    private static final String MARKER = "…(cut)";

    private Excerpt() {}

    /** Up to {@link #MAX} characters of {@code value} around position {@code at}, cuts marked. */
    static String around(String value, int at) {
        if (value.length() <= MAX) {
            return value;
        }
        int half = (MAX - 2 * MARKER.length()) / 2;
        int start = Math.max(0, Math.min(at - half, value.length() - 2 * half));
        int end = Math.min(value.length(), start + 2 * half);
        return (start > 0 ? MARKER : "") + value.substring(start, end) + (end < value.length() ? MARKER : "");
    }

    public static String of(String value) {
        return cut(value, MAX);
    }

    /** An identifier (an ARN, a source name) said in a skip's reason: whole unless absurdly long. */
    public static String identifier(String value) {
        return cut(value, MAX_IDENTIFIER);
    }

    private static String cut(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = max - MARKER.length();
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        return value.substring(0, end) + MARKER;
    }
}
