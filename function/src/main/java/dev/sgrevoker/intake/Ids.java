package dev.sgrevoker.intake;

import dev.sgrevoker.exception.InvalidRequestException;
import java.util.regex.Pattern;

/** EC2 resource ids: a prefix and 8 or 17 lower-case hex digits. */
final class Ids {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{8}|[0-9a-f]{17}");

    private Ids() {
    }

    static String require(String id, String prefix, String field) {
        if (id == null) {
            throw new InvalidRequestException(field, "is required");
        }
        if (!id.startsWith(prefix) || !HEX.matcher(id.substring(prefix.length())).matches()) {
            throw new InvalidRequestException(field, "'" + id + "' is not an id of the form " + prefix + "<8 or 17 hex digits>");
        }
        return id;
    }
}
