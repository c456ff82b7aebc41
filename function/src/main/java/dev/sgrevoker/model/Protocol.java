package dev.sgrevoker.model;

import dev.sgrevoker.exception.InvalidRequestException;
import java.util.Locale;

/**
 * An IP protocol in the spelling EC2 stores and describes: tcp, udp, icmp, icmpv6, -1 (all), or another number.
 * EC2 keeps 6/17/1/58 as their names, so numbers are folded to names to compare with described rules.
 */
public record Protocol(String value) {
    public static final Protocol TCP = new Protocol("tcp");
    public static final Protocol UDP = new Protocol("udp");
    public static final Protocol ICMP = new Protocol("icmp");
    public static final Protocol ICMPV6 = new Protocol("icmpv6");
    public static final Protocol ALL = new Protocol("-1");

    public static Protocol parse(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidRequestException(field, "is required");
        }
        String s = raw.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "tcp", "6":
                return TCP;
            case "udp", "17":
                return UDP;
            case "icmp", "1":
                return ICMP;
            case "icmpv6", "58":
                return ICMPV6;
            case "all", "-1":
                return ALL;
            default:
        }
        int number;
        try {
            number = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(
                    field, "'" + raw + "' is not a protocol: use tcp, udp, icmp, icmpv6, all (-1) or a number 0-255");
        }
        if (number < 0 || number > 255) {
            throw new InvalidRequestException(field, "protocol number " + number + " is outside 0-255 (or -1 for all)");
        }
        return new Protocol(Integer.toString(number));
    }

    public boolean isAll() {
        return this.equals(ALL);
    }

    /** tcp and udp carry a port range; icmp carries type and code. */
    public boolean requiresPorts() {
        return equals(TCP) || equals(UDP) || equals(ICMP);
    }

    /** EC2 ignores any port range for -1 and for protocols other than tcp, udp, icmp and icmpv6. */
    public boolean ignoresPorts() {
        return !requiresPorts() && !equals(ICMPV6);
    }

    public boolean isIcmpFamily() {
        return equals(ICMP) || equals(ICMPV6);
    }

    @Override
    public String toString() {
        return value;
    }
}
