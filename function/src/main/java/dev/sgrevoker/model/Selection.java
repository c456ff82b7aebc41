package dev.sgrevoker.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of a group's current ingress rules an alert asks to revoke, decided over the rules EC2 describes at the time
 * of the revoke (an alert names the group and the offence, never the rules). Pure: no EC2, no I/O.
 */
public sealed interface Selection {
    String IPV4_WORLD = "0.0.0.0/0";
    String IPV6_WORLD = "::/0";

    /** The chosen rules among {@code ingress} (ingress rules only), in the order given. */
    default List<Candidate> select(List<Candidate> ingress) {
        return ingress.stream().filter(c -> chooses(c.permission())).toList();
    }

    boolean chooses(Permission rule);

    /** In words, for the result's reason. */
    String describe();

    /**
     * Whether the selection is only right for a VPC's default group (EC2.2): the engine then checks the group's name
     * with EC2 first, since an alert naming another group must not empty it.
     */
    default boolean onlyForDefaultGroup() {
        return false;
    }

    /**
     * Whether it chooses only rules from 0.0.0.0/0 or ::/0: a sweep may then read only the rules of the groups EC2's
     * filters find with such a rule.
     */
    default boolean onlyFromWorld() {
        return false;
    }

    /** One described ingress rule: its id and what it allows. */
    record Candidate(String ruleId, Permission permission) {}

    /** A port of one protocol, e.g. tcp 22. */
    record PortSpec(Protocol protocol, int port) {
        public static PortSpec tcp(int port) {
            return new PortSpec(Protocol.TCP, port);
        }

        @Override
        public String toString() {
            return protocol + "/" + port;
        }
    }

    /** Source is the whole internet: 0.0.0.0/0 or ::/0 (CIDRs are canonical, as EC2 describes them). */
    static boolean fromWorld(Permission rule) {
        return rule.source() instanceof RuleSource.Ipv4Range r && r.cidr().equals(IPV4_WORLD)
                || rule.source() instanceof RuleSource.Ipv6Range r6 && r6.cidr().equals(IPV6_WORLD);
    }

    /** Rules open to the world that reach any of these ports; protocol -1 reaches every port. */
    record OpenToWorld(Set<PortSpec> ports) implements Selection {
        public OpenToWorld {
            ports = Set.copyOf(ports);
        }

        @Override
        public boolean chooses(Permission rule) {
            return fromWorld(rule) && ports.stream().anyMatch(p -> reaches(rule, p.protocol(), p.port()));
        }

        @Override
        public boolean onlyFromWorld() {
            return true;
        }

        @Override
        public String describe() {
            String list = ports.stream()
                    .sorted(Comparator.comparing(PortSpec::protocol, Comparator.comparing(Protocol::value))
                            .thenComparingInt(PortSpec::port))
                    .map(PortSpec::toString)
                    .collect(Collectors.joining(","));
            return "rules open to 0.0.0.0/0 or ::/0 that reach " + list;
        }
    }

    /**
     * Rules open to the world on any tcp or udp port outside the authorised ranges (AWS Config's
     * vpc-sg-open-only-to-authorized-ports). Protocol -1 opens every port, so it is always chosen; icmp and other
     * protocols carry no ports and are left alone, as the Config rule does.
     */
    record OpenToWorldExcept(List<PortRange> authorizedTcp, List<PortRange> authorizedUdp) implements Selection {
        public OpenToWorldExcept {
            authorizedTcp = List.copyOf(authorizedTcp);
            authorizedUdp = List.copyOf(authorizedUdp);
        }

        @Override
        public boolean chooses(Permission rule) {
            if (!fromWorld(rule)) {
                return false;
            }
            if (rule.protocol().isAll()) {
                return true;
            }
            if (rule.protocol().equals(Protocol.TCP)) {
                return !covered(rule.ports(), authorizedTcp);
            }
            if (rule.protocol().equals(Protocol.UDP)) {
                return !covered(rule.ports(), authorizedUdp);
            }
            return false;
        }

        @Override
        public boolean onlyFromWorld() {
            return true;
        }

        @Override
        public String describe() {
            return "rules open to 0.0.0.0/0 or ::/0 on ports other than tcp " + ranges(authorizedTcp) + " and udp "
                    + ranges(authorizedUdp);
        }

        /** Every port of {@code range} lies in the union of {@code authorized}. */
        private static boolean covered(PortRange range, List<PortRange> authorized) {
            List<PortRange> sorted = new ArrayList<>(authorized);
            sorted.sort(Comparator.comparingInt(PortRange::from));
            int next = range.from(); // first port not yet shown to be authorised
            for (PortRange a : sorted) {
                if (a.from() > next) {
                    break;
                }
                next = Math.max(next, a.to() + 1);
                if (next > range.to()) {
                    return true;
                }
            }
            return next > range.to();
        }

        private static String ranges(List<PortRange> list) {
            return list.isEmpty()
                    ? "(none)"
                    : list.stream()
                            .map(r -> r.from() == r.to() ? Integer.toString(r.from()) : r.from() + "-" + r.to())
                            .collect(Collectors.joining(","));
        }
    }

    /**
     * Every ingress rule, whatever its source (a default group that must allow nothing in). EC2.2: its egress rules
     * are judged by the policy package, as DEFAULT_GROUP_EGRESS says.
     */
    record AllIngress() implements Selection {
        @Override
        public boolean chooses(Permission rule) {
            return true;
        }

        @Override
        public String describe() {
            return "every ingress rule of a default group";
        }

        @Override
        public boolean onlyForDefaultGroup() {
            return true;
        }
    }

    /** Whether the rule lets {@code protocol} traffic reach {@code port}. */
    static boolean reaches(Permission rule, Protocol protocol, int port) {
        if (rule.protocol().isAll()) {
            return true;
        }
        return rule.protocol().equals(protocol)
                && rule.ports().from() <= port
                && port <= rule.ports().to();
    }
}
