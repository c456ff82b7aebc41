package dev.sgrevoker.model;

import dev.sgrevoker.exception.InvalidRequestException;

/**
 * From/To as EC2 keeps them: a port range for tcp/udp, ICMP type/code for icmp/icmpv6, and -1/-1 where ports do not apply.
 */
public record PortRange(int from, int to) {
    public static final PortRange ANY = new PortRange(-1, -1);

    /** Applies EC2's rules for a protocol; {@code fieldPrefix} names the permission in error messages. */
    public static PortRange of(Protocol protocol, Integer from, Integer to, String fieldPrefix) {
        return of(protocol, from, to, fieldPrefix + "FromPort", fieldPrefix + "ToPort");
    }

    /** Applies EC2's rules for a protocol; errors name {@code fromField} or {@code toField} as the caller spells them. */
    public static PortRange of(Protocol protocol, Integer from, Integer to, String fromField, String toField) {
        if (protocol.ignoresPorts()) {
            return ANY; // EC2 stores -1/-1 whatever was sent
        }
        if (protocol.isIcmpFamily()) {
            if (from == null && to == null) {
                if (protocol.equals(Protocol.ICMPV6)) {
                    return ANY; // icmpv6 ports are optional: all types and codes
                }
                throw new InvalidRequestException(
                        fromField, "icmp needs the ICMP type here and the code in " + toField + " (-1 for all)");
            }
            int type = requireValue(from, fromField, "the ICMP type");
            int code = requireValue(to, toField, "the ICMP code");
            checkIcmp(type, fromField, "type");
            checkIcmp(code, toField, "code");
            if (type == -1 && code != -1) {
                throw new InvalidRequestException(toField, "all ICMP types (-1) requires all codes (-1), not " + code);
            }
            return new PortRange(type, code);
        }
        int f = requireValue(from, fromField, "the first port of the range");
        int t = requireValue(to, toField, "the last port of the range");
        checkPort(f, fromField);
        checkPort(t, toField);
        if (f > t) {
            throw new InvalidRequestException(toField, "port range " + f + "-" + t + " ends before it starts");
        }
        return new PortRange(f, t);
    }

    private static int requireValue(Integer v, String field, String what) {
        if (v == null) {
            throw new InvalidRequestException(field, "is required: " + what);
        }
        return v;
    }

    private static void checkPort(int p, String field) {
        if (p < 0 || p > 65535) {
            throw new InvalidRequestException(field, "port " + p + " is outside 0-65535");
        }
    }

    private static void checkIcmp(int v, String field, String what) {
        if (v < -1 || v > 255) {
            throw new InvalidRequestException(field, "ICMP " + what + " " + v + " is outside -1..255");
        }
    }

    public boolean isAny() {
        return equals(ANY);
    }
}
