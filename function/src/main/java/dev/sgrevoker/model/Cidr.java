package dev.sgrevoker.model;

import dev.sgrevoker.exception.InvalidRequestException;
import java.util.Locale;

/**
 * Validates CIDR blocks and writes them the way EC2 stores them: host bits cleared (10.1.2.3/8 is 10.0.0.0/8),
 * IPv6 compressed and lower case (RFC 5952), so a request matches the rule EC2 describes.
 */
public final class Cidr {
    private Cidr() {}

    public static String ipv4(String raw, String field) {
        String[] parts = splitPrefix(raw, field, 32);
        String[] octets = parts[0].split("\\.", -1);
        if (octets.length != 4) {
            throw malformed(raw, field, "an IPv4 address has four dot-separated numbers");
        }
        long address = 0;
        for (String o : octets) {
            address = (address << 8) | decimal(o, 255, raw, field, "IPv4 number", "one of the four numbers is empty");
        }
        int prefix = Integer.parseInt(parts[1]);
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        address &= mask;
        return (address >>> 24) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "." + (address & 255)
                + "/" + prefix;
    }

    public static String ipv6(String raw, String field) {
        String[] parts = splitPrefix(raw, field, 128);
        int[] groups = ipv6Groups(parts[0].toLowerCase(Locale.ROOT), raw, field);
        int prefix = Integer.parseInt(parts[1]);
        for (int i = 0; i < 8; i++) {
            int keep = Math.max(0, Math.min(16, prefix - 16 * i));
            groups[i] &= keep == 0 ? 0 : (0xFFFF << (16 - keep)) & 0xFFFF;
        }
        return format(groups) + "/" + prefix;
    }

    private static String[] splitPrefix(String raw, String field, int maxPrefix) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidRequestException(field, "is required");
        }
        String spaced = whitespace(raw);
        if (spaced != null) {
            throw malformed(raw, field, spaced + ", which EC2 refuses too");
        }
        int slash = raw.indexOf('/');
        if (slash < 0 || slash != raw.lastIndexOf('/')) {
            throw malformed(
                    raw,
                    field,
                    "a CIDR block is address/prefix-length, e.g. "
                            + (maxPrefix == 32 ? "203.0.113.0/24" : "2001:db8::/32"));
        }
        String prefix = raw.substring(slash + 1);
        decimal(prefix, maxPrefix, raw, field, "prefix length", "the prefix length after '/' is missing");
        return new String[] {raw.substring(0, slash), Integer.toString(Integer.parseInt(prefix))};
    }

    /** A decimal number 0-{@code max} as EC2 writes it; {@code what} names it in the error. */
    private static long decimal(String s, int max, String raw, String field, String what, String empty) {
        if (s.isEmpty()) {
            throw malformed(raw, field, empty);
        }
        if (!s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed(raw, field, "the " + what + " '" + s + "' is not a number 0-" + max);
        }
        if (s.length() > 1 && s.charAt(0) == '0') {
            // 010 could be read as ten or as octal eight; EC2 refuses it rather than guess, and so do we.
            throw malformed(raw, field, "the " + what + " '" + s + "' has a leading zero, which EC2 refuses too");
        }
        if (s.length() > 3 || Integer.parseInt(s) > max) {
            throw malformed(raw, field, "the " + what + " " + s + " is more than " + max);
        }
        return Integer.parseInt(s);
    }

    /** Where {@code raw} has whitespace, said for the error; null when it has none. */
    private static String whitespace(String raw) {
        int first = 0;
        while (first < raw.length() && !isSpace(raw.charAt(first))) {
            first++;
        }
        if (first == raw.length()) {
            return null;
        }
        if (first == 0) {
            return "it begins with whitespace";
        }
        return isSpace(raw.charAt(raw.length() - 1)) && raw.strip().chars().noneMatch(c -> isSpace((char) c))
                ? "it ends with whitespace"
                : "it has whitespace inside";
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static int[] ipv6Groups(String address, String raw, String field) {
        int gap = address.indexOf("::");
        if (gap >= 0 && address.indexOf("::", gap + 1) >= 0) {
            throw malformed(raw, field, "'::' may appear once");
        }
        String head = gap >= 0 ? address.substring(0, gap) : address;
        String tail = gap >= 0 ? address.substring(gap + 2) : "";
        int[] headGroups = hexGroups(head, raw, field);
        int[] tailGroups = hexGroups(tail, raw, field);
        int total = headGroups.length + tailGroups.length;
        if ((gap < 0 && total != 8) || (gap >= 0 && total > 7)) {
            throw malformed(raw, field, "an IPv6 address has eight groups of hex digits, '::' standing for zeros");
        }
        int[] groups = new int[8];
        System.arraycopy(headGroups, 0, groups, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, groups, 8 - tailGroups.length, tailGroups.length);
        return groups;
    }

    private static int[] hexGroups(String s, String raw, String field) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw malformed(raw, field, "each IPv6 group is 1-4 hex digits");
            }
            out[i] = Integer.parseInt(p, 16);
        }
        return out;
    }

    /** RFC 5952: the longest run of two or more zero groups becomes '::' (the first such run on a tie). */
    private static String format(int[] g) {
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    private static InvalidRequestException malformed(String raw, String field, String rule) {
        return new InvalidRequestException(field, "'" + raw + "' is not a valid CIDR block: " + rule);
    }
}
