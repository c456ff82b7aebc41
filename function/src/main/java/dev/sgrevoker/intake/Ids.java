package dev.sgrevoker.intake;

import dev.sgrevoker.exception.InvalidRequestException;
import java.util.regex.Pattern;

/** EC2 resource ids (a prefix and 8 or 17 lower-case hex digits) and AWS account ids, checked where they enter. */
public final class Ids {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{8}|[0-9a-f]{17}");

    private Ids() {}

    public static String require(String id, String prefix, String field) {
        if (id == null) {
            throw new InvalidRequestException(field, "is required");
        }
        if (!id.startsWith(prefix)
                || !HEX.matcher(id.substring(prefix.length())).matches()) {
            throw new InvalidRequestException(
                    field, "'" + id + "' is not an id of the form " + prefix + "<8 or 17 hex digits>");
        }
        return id;
    }

    /** A 12-digit AWS account id, or null when none was given. */
    public static String account(String id, String field) {
        if (id != null && !id.matches("\\d{12}")) {
            throw new InvalidRequestException(field, "'" + id + "' is not a 12-digit AWS account id");
        }
        return id;
    }
}
