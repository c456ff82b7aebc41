package dev.sgrevoker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What each alert selection picks from a group's ingress rules. */
class SelectionTest {
    private static final Selection SSH = new Selection.OpenToWorld(Set.of(Selection.PortSpec.tcp(22)));
    private static final Selection AUTHORIZED_WEB = new Selection.OpenToWorldExcept(
            List.of(new PortRange(80, 80), new PortRange(443, 443), new PortRange(8000, 8010)),
            List.of(new PortRange(1194, 1194)));

    private static Permission rule(String protocol, int from, int to, String cidr) {
        Protocol p = Protocol.parse(protocol, "IpProtocol");
        RuleSource source = cidr.contains(":")
                ? new RuleSource.Ipv6Range(Cidr.ipv6(cidr, "cidr"))
                : new RuleSource.Ipv4Range(Cidr.ipv4(cidr, "cidr"));
        return new Permission(p, p.ignoresPorts() ? PortRange.ANY : new PortRange(from, to), source, null);
    }

    static Stream<Arguments> sshCases() {
        return Stream.of(
                Arguments.of("tcp 22 from 0.0.0.0/0", rule("tcp", 22, 22, "0.0.0.0/0"), true),
                Arguments.of("tcp 22 from ::/0", rule("tcp", 22, 22, "::/0"), true),
                Arguments.of("tcp 22 from 10.0.0.0/8 is not the world", rule("tcp", 22, 22, "10.0.0.0/8"), false),
                Arguments.of("tcp 22 from 0.0.0.0/1 is not the world", rule("tcp", 22, 22, "0.0.0.0/1"), false),
                Arguments.of("tcp 22 from 2000::/3 is not the world", rule("tcp", 22, 22, "2000::/3"), false),
                Arguments.of("tcp 0-65535 from the world covers 22", rule("tcp", 0, 65535, "0.0.0.0/0"), true),
                Arguments.of("tcp 20-21 from the world misses 22", rule("tcp", 20, 21, "0.0.0.0/0"), false),
                Arguments.of("tcp 23-25 from the world misses 22", rule("tcp", 23, 25, "::/0"), false),
                Arguments.of("protocol -1 from the world covers every port", rule("-1", -1, -1, "0.0.0.0/0"), true),
                Arguments.of("udp 22 is not tcp 22", rule("udp", 22, 22, "0.0.0.0/0"), false),
                Arguments.of("udp 0-65535 is not tcp", rule("udp", 0, 65535, "0.0.0.0/0"), false),
                Arguments.of("icmp type 22 is not a port", rule("icmp", 22, 0, "0.0.0.0/0"), false),
                Arguments.of("protocol 50 carries no ports", rule("50", -1, -1, "0.0.0.0/0"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sshCases")
    void openToWorldOnPort22(String name, Permission rule, boolean chosen) {
        assertEquals(chosen, SSH.chooses(rule));
    }

    @Test
    void sourcesOtherThanCidrsAreNeverTheWorld() {
        Permission group = new Permission(
                Protocol.ALL,
                PortRange.ANY,
                new RuleSource.GroupReference("sg-0123456789abcdef0", null, null, null, null),
                null);
        Permission prefixList =
                new Permission(Protocol.TCP, new PortRange(22, 22), new RuleSource.PrefixList("pl-12345678"), null);
        assertEquals(
                List.of(),
                SSH.select(List.of(
                        new Selection.Candidate("sgr-1", group), new Selection.Candidate("sgr-2", prefixList))));
        assertEquals(false, AUTHORIZED_WEB.chooses(group));
    }

    @Test
    void udpPortsCanBeAskedFor() {
        Selection dns = new Selection.OpenToWorld(Set.of(new Selection.PortSpec(Protocol.UDP, 53)));
        assertEquals(true, dns.chooses(rule("udp", 53, 53, "::/0")));
        assertEquals(false, dns.chooses(rule("tcp", 53, 53, "::/0")));
    }

    static Stream<Arguments> authorizedCases() {
        return Stream.of(
                Arguments.of("tcp 443 is authorised", rule("tcp", 443, 443, "0.0.0.0/0"), false),
                Arguments.of("tcp 80 from ::/0 is authorised", rule("tcp", 80, 80, "::/0"), false),
                Arguments.of("tcp 8002-8005 lies inside 8000-8010", rule("tcp", 8002, 8005, "0.0.0.0/0"), false),
                Arguments.of("tcp 8005-8011 leaves 8011 open", rule("tcp", 8005, 8011, "0.0.0.0/0"), true),
                Arguments.of("tcp 80-443 opens the ports between", rule("tcp", 80, 443, "0.0.0.0/0"), true),
                Arguments.of("tcp 22 is not authorised", rule("tcp", 22, 22, "0.0.0.0/0"), true),
                Arguments.of("tcp 22 from a private range is no concern", rule("tcp", 22, 22, "10.0.0.0/8"), false),
                Arguments.of("udp 443 is not authorised (tcp list only)", rule("udp", 443, 443, "0.0.0.0/0"), true),
                Arguments.of("udp 1194 is authorised", rule("udp", 1194, 1194, "0.0.0.0/0"), false),
                Arguments.of("protocol -1 opens every port", rule("-1", -1, -1, "::/0"), true),
                Arguments.of("icmp is not a tcp or udp port", rule("icmp", -1, -1, "0.0.0.0/0"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("authorizedCases")
    void openToWorldExceptAuthorisedPorts(String name, Permission rule, boolean chosen) {
        assertEquals(chosen, AUTHORIZED_WEB.chooses(rule));
    }

    @Test
    void adjacentAuthorisedRangesJoin() {
        Selection s = new Selection.OpenToWorldExcept(
                List.of(new PortRange(1000, 1999), new PortRange(2000, 2999)), List.of());
        assertEquals(false, s.chooses(rule("tcp", 1500, 2500, "0.0.0.0/0")));
        assertEquals(true, s.chooses(rule("tcp", 1500, 3000, "0.0.0.0/0")));
    }

    @Test
    void allIngressTakesEveryRuleInOrder() {
        List<Selection.Candidate> rules = List.of(
                new Selection.Candidate("sgr-a", rule("tcp", 22, 22, "10.0.0.0/8")),
                new Selection.Candidate("sgr-b", rule("-1", -1, -1, "0.0.0.0/0")));
        assertEquals(rules, new Selection.AllIngress().select(rules));
    }

    @Test
    void selectKeepsOrderAndIdsOfChosenRules() {
        List<Selection.Candidate> rules = List.of(
                new Selection.Candidate("sgr-1", rule("tcp", 22, 22, "203.0.113.0/24")),
                new Selection.Candidate("sgr-2", rule("tcp", 22, 22, "0.0.0.0/0")),
                new Selection.Candidate("sgr-3", rule("tcp", 22, 22, "::/0")),
                new Selection.Candidate("sgr-4", rule("tcp", 3389, 3389, "0.0.0.0/0")));
        assertEquals(
                List.of("sgr-2", "sgr-3"),
                SSH.select(rules).stream().map(Selection.Candidate::ruleId).toList());
    }

    @Test
    void describesItselfForTheReason() {
        assertEquals("rules open to 0.0.0.0/0 or ::/0 that reach tcp/22", SSH.describe());
        assertEquals(
                "rules open to 0.0.0.0/0 or ::/0 on ports other than tcp 80,443,8000-8010 and udp 1194",
                AUTHORIZED_WEB.describe());
    }
}
