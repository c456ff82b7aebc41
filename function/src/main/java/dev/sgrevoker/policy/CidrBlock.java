package dev.sgrevoker.policy;

import java.math.BigInteger;

/** A canonical IPv4 or IPv6 CIDR block as a number and a prefix length, to tell whether one block holds another. */
record CidrBlock(boolean ipv6, BigInteger network, int prefix) {

    /** {@code cidr} is canonical (validated and written by {@link dev.sgrevoker.model.Cidr}). */
    static CidrBlock parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR block: " + cidr);
        }
        String address = cidr.substring(0, slash);
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        boolean v6 = address.contains(":");
        return new CidrBlock(v6, v6 ? ipv6(address) : ipv4(address), prefix);
    }

    /** Same family, no longer prefix, and the other block's first {@code prefix} bits equal this one's. */
    boolean contains(CidrBlock other) {
        if (ipv6 != other.ipv6 || prefix > other.prefix) {
            return false;
        }
        int bits = ipv6 ? 128 : 32;
        return network.shiftRight(bits - prefix).equals(other.network.shiftRight(bits - prefix));
    }

    private static BigInteger ipv4(String address) {
        BigInteger n = BigInteger.ZERO;
        for (String octet : address.split("\\.")) {
            n = n.shiftLeft(8).or(BigInteger.valueOf(Integer.parseInt(octet)));
        }
        return n;
    }

    private static BigInteger ipv6(String address) {
        int gap = address.indexOf("::");
        String[] head = gap < 0 ? address.split(":") : split(address.substring(0, gap));
        String[] tail = gap < 0 ? new String[0] : split(address.substring(gap + 2));
        int[] groups = new int[8];
        for (int i = 0; i < head.length; i++) {
            groups[i] = Integer.parseInt(head[i], 16);
        }
        for (int i = 0; i < tail.length; i++) {
            groups[8 - tail.length + i] = Integer.parseInt(tail[i], 16);
        }
        BigInteger n = BigInteger.ZERO;
        for (int g : groups) {
            n = n.shiftLeft(16).or(BigInteger.valueOf(g));
        }
        return n;
    }

    private static String[] split(String s) {
        return s.isEmpty() ? new String[0] : s.split(":");
    }
}
