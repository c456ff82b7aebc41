package dev.sgrevoker.intake;

import java.util.regex.Pattern;

/** EC2 resource ids (a prefix and 8 or 17 lower-case hex digits) and AWS account ids, checked where they enter. */
public final class Ids {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{8}|[0-9a-f]{17}");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    private Ids() {}

    public static String require(String id, String prefix, FieldPath field) {
        if (id == null) {
            throw field.invalid("is required");
        }
        if (!id.startsWith(prefix)
                || !HEX.matcher(id.substring(prefix.length())).matches()) {
            throw field.invalid("'" + Excerpt.of(id) + "' is not an id of the form " + prefix + "<8 or 17 hex digits>");
        }
        return id;
    }

    /** A 12-digit AWS account id, or null when none was given. */
    public static String account(String id, FieldPath field) {
        if (id != null && !ACCOUNT.matcher(id).matches()) {
            throw field.invalid("'" + Excerpt.of(id) + "' is not a 12-digit AWS account id");
        }
        return id;
    }
}
