package dev.sgrevoker.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sgrevoker.model.Cidr;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.RuleSource;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The policy stage on the edges: which rules each check selects, and when an exemption holds. */
class PolicyTest {
    private static final String OWN = "123456789012";
    private static final LocalDate TODAY = LocalDate.parse("2026-11-29");
    private static final Exemptions EXEMPTIONS = new Exemptions(Exemptions.DEFAULT_TAG_KEY);
    private static final GroupFacts WEB = new GroupFacts("sg-0aaaaaaaaaaaaaaaa", "web", "vpc-1", OWN, Map.of());
    private static final GroupFacts DEFAULT = new GroupFacts("sg-0bbbbbbbbbbbbbbbb", "default", "vpc-1", OWN, Map.of());
    private static final List<PortRange> WEB_PORTS = List.of(new PortRange(80, 80), new PortRange(443, 443));

    private static Check control(String id) {
        return Controls.byId(id, WEB_PORTS, List.of()).orElseThrow().check();
    }

    /** allowedSources as a sweep document gives them: non-canonical input, canonicalised as intake does. */
    private static final AllowedSources INTERNAL = new AllowedSources(
            List.of(Cidr.ipv4("10.1.2.3/8", "c"), Cidr.ipv6("FD00:0:0::/8", "c"), Cidr.ipv4("192.168.7.1/32", "c")),
            Set.of("210987654321"));

    private static Permission rule(String protocol, int from, int to, RuleSource source) {
        Protocol p = Protocol.parse(protocol, "p");
        return new Permission(p, p.ignoresPorts() ? PortRange.ANY : new PortRange(from, to), source, null);
    }

    private static RuleSource v4(String cidr) {
        return new RuleSource.Ipv4Range(Cidr.ipv4(cidr, "c"));
    }

    private static RuleSource v6(String cidr) {
        return new RuleSource.Ipv6Range(Cidr.ipv6(cidr, "c"));
    }

    private static RuleSource group(String owner) {
        return new RuleSource.GroupReference("sg-0cccccccccccccccc", null, owner, "vpc-1", null);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "all traffic from the world opens 22", "EC2.13", WEB, rule("-1", 0, 0, v4("0.0.0.0/0")), true),
                Arguments.of("all traffic from ::/0 opens 3389", "EC2.14", WEB, rule("-1", 0, 0, v6("::/0")), true),
                Arguments.of("tcp 20-25 opens 22", "EC2.13", WEB, rule("tcp", 20, 25, v4("0.0.0.0/0")), true),
                Arguments.of("tcp 23-25 does not open 22", "EC2.13", WEB, rule("tcp", 23, 25, v4("0.0.0.0/0")), false),
                Arguments.of("icmp type 22 is not port 22", "EC2.13", WEB, rule("icmp", 22, 0, v4("0.0.0.0/0")), false),
                Arguments.of(
                        "icmp all is not a tcp/udp port", "EC2.19", WEB, rule("icmp", -1, -1, v4("0.0.0.0/0")), false),
                Arguments.of("icmpv6 is not a port", "EC2.19", WEB, rule("icmpv6", -1, -1, v6("::/0")), false),
                Arguments.of("IPv6 world-open ssh", "EC2.13", WEB, rule("tcp", 22, 22, v6("::/0")), true),
                Arguments.of("IPv6 /1 is not the world", "EC2.13", WEB, rule("tcp", 22, 22, v6("::/1")), false),
                Arguments.of(
                        "EC2.19 judges udp: 1434 from the world",
                        "EC2.19",
                        WEB,
                        rule("udp", 1434, 1434, v4("0.0.0.0/0")),
                        true),
                Arguments.of(
                        "EC2.19 udp 53 is not high-risk", "EC2.19", WEB, rule("udp", 53, 53, v4("0.0.0.0/0")), false),
                Arguments.of("EC2.19 all traffic", "EC2.19", WEB, rule("-1", 0, 0, v4("0.0.0.0/0")), true),
                Arguments.of("EC2.18 443 authorised", "EC2.18", WEB, rule("tcp", 443, 443, v4("0.0.0.0/0")), false),
                Arguments.of(
                        "EC2.18 80-443 is not all authorised",
                        "EC2.18",
                        WEB,
                        rule("tcp", 80, 443, v4("0.0.0.0/0")),
                        true),
                Arguments.of(
                        "EC2.2 on a default group: any rule",
                        "EC2.2",
                        DEFAULT,
                        rule("tcp", 443, 443, group(OWN)),
                        true),
                Arguments.of(
                        "EC2.2 does not judge another group",
                        "EC2.2",
                        WEB,
                        rule("tcp", 443, 443, v4("0.0.0.0/0")),
                        false),
                Arguments.of(
                        "a prefix list is never the world",
                        "EC2.13",
                        WEB,
                        rule("tcp", 22, 22, new RuleSource.PrefixList("pl-1234")),
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void controls(String name, String control, GroupFacts group, Permission permission, boolean selected) {
        DescribedRule r = new DescribedRule("sgr-1", group.groupId(), false, permission, java.util.Map.of());
        assertEquals(
                selected,
                Policy.of(control(control)).judge(group, r, EXEMPTIONS, TODAY).isPresent(),
                name);
    }

    static Stream<Arguments> sources() {
        return Stream.of(
                Arguments.of("inside 10.0.0.0/8 (given as 10.1.2.3/8)", v4("10.200.0.0/16"), false),
                Arguments.of("exactly the allowed block", v4("10.0.0.0/8"), false),
                Arguments.of("wider than the allowed block", v4("10.0.0.0/7"), true),
                Arguments.of("the world", v4("0.0.0.0/0"), true),
                Arguments.of("a /32 allowed as a host", v4("192.168.7.1/32"), false),
                Arguments.of("the host next to it", v4("192.168.7.2/32"), true),
                Arguments.of("IPv6 inside fd00::/8 (given as FD00:0:0::/8)", v6("fd12:3456::/32"), false),
                Arguments.of("IPv6 outside", v6("2001:db8::/32"), true),
                Arguments.of("IPv6 world", v6("::/0"), true),
                Arguments.of("an IPv4 block is not inside an IPv6 one", v4("0.0.0.0/8"), true),
                Arguments.of("a group of the own account", group(OWN), false),
                Arguments.of("a group of a listed account", group("210987654321"), false),
                Arguments.of("a group of a foreign account", group("999999999999"), true),
                Arguments.of("a prefix list is allowed", new RuleSource.PrefixList("pl-0123abcd"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void allowedSourcesArePortAgnostic(String name, RuleSource source, boolean breaks) {
        for (Permission p :
                List.of(rule("tcp", 443, 443, source), rule("-1", 0, 0, source), rule("udp", 53, 53, source))) {
            DescribedRule r = new DescribedRule("sgr-1", WEB.groupId(), false, p, java.util.Map.of());
            assertEquals(
                    breaks, Policy.of(INTERNAL).judge(WEB, r, EXEMPTIONS, TODAY).isPresent(), name + " " + p);
        }
    }

    @Test
    void everyCheckThatSelectsARuleIsNamedAndEgressIsNeverJudged() {
        Policy policy = Policy.of(control("EC2.13"), control("EC2.19"), INTERNAL);
        Permission ssh = rule("tcp", 22, 22, v4("0.0.0.0/0"));
        Verdict v = policy.judge(
                        WEB,
                        new DescribedRule("sgr-1", WEB.groupId(), false, ssh, java.util.Map.of()),
                        EXEMPTIONS,
                        TODAY)
                .orElseThrow();
        assertEquals(3, v.because().size(), v.because().toString());
        assertTrue(v.becauseText().startsWith("EC2.13: port 22 (SSH) open to the world; EC2.19: "), v.becauseText());
        assertEquals(
                Optional.empty(),
                policy.judge(
                        WEB,
                        new DescribedRule("sgr-2", WEB.groupId(), true, ssh, java.util.Map.of()),
                        EXEMPTIONS,
                        TODAY));
    }

    @Test
    void onlyEc22JudgesEgressAndOnlyADefaultGroupsAndOnlyWhenItIsToBeRevoked() {
        Policy all = Policy.of(
                control("EC2.13"), control("EC2.19"), control("EC2.2"), control("EC2.14"), control("EC2.18"), INTERNAL);
        Permission everything = rule("-1", -1, -1, v4("0.0.0.0/0"));
        DescribedRule defaultOut = new DescribedRule("sgr-3", DEFAULT.groupId(), true, everything, Map.of());
        DescribedRule webOut = new DescribedRule("sgr-4", WEB.groupId(), true, everything, Map.of());

        Verdict v = all.judge(DEFAULT, defaultOut, EXEMPTIONS, TODAY, DefaultGroupEgress.REVOKE)
                .orElseThrow();
        assertEquals(
                List.of("EC2.2: a VPC default security group that allows inbound or outbound traffic"), v.because());
        assertEquals(Optional.empty(), all.judge(DEFAULT, defaultOut, EXEMPTIONS, TODAY, DefaultGroupEgress.KEEP));
        assertEquals(Optional.empty(), all.judge(DEFAULT, defaultOut, EXEMPTIONS, TODAY));
        assertEquals(Optional.empty(), all.judge(WEB, webOut, EXEMPTIONS, TODAY, DefaultGroupEgress.REVOKE));
        assertTrue(all.judgesEgressOf(DEFAULT));
        assertEquals(false, all.judgesEgressOf(WEB));
        Policy withoutEc22 = Policy.of(control("EC2.13"), control("EC2.19"), INTERNAL);
        assertEquals(false, withoutEc22.judgesEgressOf(DEFAULT));
        assertEquals(
                Optional.empty(), withoutEc22.judge(DEFAULT, defaultOut, EXEMPTIONS, TODAY, DefaultGroupEgress.REVOKE));
        DescribedRule exemptOut =
                new DescribedRule("sgr-5", DEFAULT.groupId(), true, everything, Map.of("sg-revoker:exempt", "true"));
        assertTrue(all.judge(DEFAULT, exemptOut, EXEMPTIONS, TODAY, DefaultGroupEgress.REVOKE)
                .orElseThrow()
                .exempt());
    }

    static Stream<Arguments> exemptions() {
        return Stream.of(
                Arguments.of("true on the group", Map.of("sg-revoker:exempt", "true"), Map.of(), true, "on the group"),
                Arguments.of("TRUE on the rule", Map.of(), Map.of("sg-revoker:exempt", " TRUE "), true, "on the rule"),
                Arguments.of(
                        "a date in the future",
                        Map.of("sg-revoker:exempt", "2027-01-31"),
                        Map.of(),
                        true,
                        "until 2027-01-31"),
                Arguments.of(
                        "today is the last day",
                        Map.of(),
                        Map.of("sg-revoker:exempt", "2026-11-29"),
                        true,
                        "until 2026-11-29"),
                Arguments.of(
                        "expired yesterday",
                        Map.of("sg-revoker:exempt", "2026-11-28"),
                        Map.of(),
                        false,
                        "ended after 2026-11-28"),
                Arguments.of(
                        "malformed date",
                        Map.of(),
                        Map.of("sg-revoker:exempt", "2026-13-01"),
                        false,
                        "neither 'true' nor an ISO date"),
                Arguments.of(
                        "a word",
                        Map.of("sg-revoker:exempt", "yes"),
                        Map.of(),
                        false,
                        "neither 'true' nor an ISO date"),
                Arguments.of("false", Map.of("sg-revoker:exempt", "false"), Map.of(), false, "neither"),
                Arguments.of("another key", Map.of("exempt", "true"), Map.of(), false, ""),
                Arguments.of(
                        "an expired rule tag, a valid group tag",
                        Map.of("sg-revoker:exempt", "true"),
                        Map.of("sg-revoker:exempt", "2020-01-01"),
                        true,
                        "on the group"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exemptions")
    void exemptionTags(
            String name, Map<String, String> groupTags, Map<String, String> ruleTags, boolean exempt, String said) {
        GroupFacts g = new GroupFacts(WEB.groupId(), "web", "vpc-1", OWN, groupTags);
        DescribedRule r =
                new DescribedRule("sgr-1", g.groupId(), false, rule("tcp", 22, 22, v4("0.0.0.0/0")), ruleTags);
        Verdict v = Policy.of(control("EC2.13")).judge(g, r, EXEMPTIONS, TODAY).orElseThrow();
        assertEquals(exempt, v.exempt(), name);
        String text = exempt ? v.exemption().because() : v.becauseText();
        assertTrue(text.contains(said), text);
    }

    @Test
    void theExemptionTagKeyIsConfigurable() {
        GroupFacts g = new GroupFacts(WEB.groupId(), "web", "vpc-1", OWN, Map.of("acme:keep", "true"));
        DescribedRule r = new DescribedRule(
                "sgr-1", g.groupId(), false, rule("tcp", 22, 22, v4("0.0.0.0/0")), java.util.Map.of());
        assertTrue(Policy.of(control("EC2.13"))
                .judge(g, r, new Exemptions("acme:keep"), TODAY)
                .orElseThrow()
                .exempt());
    }

    @Test
    void theLimitRefusesOnlyAboveIt() {
        BlastRadius limit = new BlastRadius(2, "MAX_REVOCATIONS");
        assertEquals(Optional.empty(), limit.refusal(2));
        assertTrue(limit.refusal(3).orElseThrow().startsWith("3 rules were selected, more than the limit of 2"));
    }
}
