package dev.sgrevoker.intake;

import dev.sgrevoker.model.Cidr;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Protocols, CIDRs, numbers and port lists written as text, checked at the trust boundary before the model reads
 * them: short and ASCII only. Java's Integer.parseInt and Character.isDigit take any Unicode digit ("２２", "٢٢"),
 * which no AWS API writes; such text is refused rather than read as 22.
 */
public final class Scalars {
    /** Longer than any protocol, port or CIDR block (an IPv6 CIDR is at most 43 characters). */
    static final int MAX_LENGTH = 64;

    /** Python's int() on ASCII: optional surrounding whitespace and sign, then 1-9 digits 0-9. */
    private static final Pattern INTEGER = Pattern.compile("\\s*[+-]?[0-9]{1,9}\\s*");

    private static final Pattern PORT_RANGE = Pattern.compile("([0-9]{1,5})(?:-([0-9]{1,5}))?");

    private Scalars() {}

    static Protocol protocol(String raw, FieldPath at) {
        return Protocol.parse(plain(raw, at), at.toString());
    }

    static String ipv4(String raw, FieldPath at) {
        return Cidr.ipv4(plain(raw, at), at.toString());
    }

    static String ipv6(String raw, FieldPath at) {
        return Cidr.ipv6(plain(raw, at), at.toString());
    }

    /** Whether Integer.parseInt would read {@code s} as ASCII digits, after trimming. */
    static boolean isAsciiInteger(String s) {
        return s != null && INTEGER.matcher(s).matches();
    }

    /** Text that will be read as a protocol, port or CIDR: refused when too long or not ASCII. */
    static String plain(String raw, FieldPath at) {
        if (raw == null) {
            return null;
        }
        if (raw.length() > MAX_LENGTH) {
            throw at.invalid("'" + Excerpt.of(raw) + "' is too long (" + raw.length() + " characters) for this field");
        }
        if (!raw.chars().allMatch(c -> c < 128)) {
            throw at.invalid("'" + raw + "' is not ASCII: numbers and addresses are written with the digits 0-9");
        }
        return raw;
    }

    /**
     * Ports and ranges as Config, Security Hub and the AUTHORIZED_*_PORTS settings write them: "80", "1024-1030";
     * blanks ignored.
     */
    public static List<PortRange> portList(Iterable<String> values, FieldPath field) {
        List<PortRange> out = new ArrayList<>();
        for (String raw : values) {
            String v = raw.trim();
            if (v.isEmpty()) {
                continue;
            }
            Matcher m = PORT_RANGE.matcher(v);
            if (!m.matches()) {
                throw field.invalid("'" + Excerpt.of(v) + "' is not a port or a port range like 1024-1030");
            }
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            if (to > 65535 || from > to) {
                throw field.invalid("'" + v + "' is not a port range within 0-65535");
            }
            out.add(new PortRange(from, to));
        }
        return out;
    }
}
