package dev.sgrevoker.revoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sgrevoker.model.Cidr;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.policy.AllowedSources;
import dev.sgrevoker.policy.BlastRadius;
import dev.sgrevoker.policy.Check;
import dev.sgrevoker.policy.Controls;
import dev.sgrevoker.policy.Policy;
import dev.sgrevoker.policy.Sweep;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A sweep whose checks only a rule from 0.0.0.0/0 or ::/0 can break reads the rules of the groups EC2's filters find
 * with such a rule (and of the default groups, for EC2.2), and selects exactly what reading every rule selects.
 */
class WorldOpenSweepTest {
    private static final String WEB = "sg-0aaaaaaaaaaaaaaaa";
    private static final String APP = "sg-0bbbbbbbbbbbbbbbb";
    private static final String DB = "sg-0cccccccccccccccc";
    private static final String V6 = "sg-0dddddddddddddddd";

    private static Check control(String id) {
        return Controls.byId(id, List.of(), List.of()).orElseThrow().check();
    }

    private static Permission tcp(int port, String cidr) {
        return new Permission(
                Protocol.TCP, new PortRange(port, port), new RuleSource.Ipv4Range(Cidr.ipv4(cidr, "t")), null);
    }

    private static InMemoryEc2 account(boolean filtersBySource) {
        InMemoryEc2 ec2 = new InMemoryEc2()
                .group(
                        WEB,
                        new DescribedRule("sgr-1", WEB, false, tcp(22, "0.0.0.0/0"), Map.of()),
                        new DescribedRule("sgr-2", WEB, false, tcp(443, "10.1.0.0/16"), Map.of()),
                        new DescribedRule("sgr-3", WEB, false, tcp(3389, "0.0.0.0/0"), Map.of()))
                .group(APP, new DescribedRule("sgr-4", APP, false, tcp(22, "198.51.100.0/24"), Map.of()))
                .group(DB, new DescribedRule("sgr-5", DB, false, tcp(5432, "10.0.0.0/8"), Map.of()))
                .group(
                        V6,
                        new DescribedRule(
                                "sgr-6",
                                V6,
                                false,
                                new Permission(
                                        Protocol.TCP, new PortRange(22, 22), new RuleSource.Ipv6Range("::/0"), null),
                                Map.of()),
                        new DescribedRule("sgr-7", V6, true, tcp(443, "0.0.0.0/0"), Map.of()));
        ec2.filtersBySource = filtersBySource;
        return ec2;
    }

    private static Sweeper.Report sweep(InMemoryEc2 ec2, Policy policy, boolean enforce) {
        Sweep sweep = new Sweep(policy, Sweep.Scope.EVERYTHING, enforce, null);
        return new Sweeper(ec2, new Revoker(ec2, Safeguards.defaults()))
                .sweep(sweep, sweep.limit(BlastRadius.byDefault()), TimeBudget.UNLIMITED, HandOver.NONE);
    }

    private static List<String> line(Sweeper.Report r) {
        return r.outcomes().stream()
                .map(o -> o.ruleId() + " " + o.outcome() + " " + o.because())
                .sorted()
                .toList();
    }

    private static List<String> reads(InMemoryEc2 ec2) {
        return ec2.calls.stream()
                .filter(c -> !c.startsWith("dry-run") && !c.startsWith("revoke"))
                .toList();
    }

    @Test
    void onlyTheGroupsEc2FindsOpenToTheWorldAreReadAndTheSelectionIsTheSame() {
        Policy policy = Policy.of(control("EC2.13"), control("EC2.19"));
        InMemoryEc2 filtered = account(true);
        Sweeper.Report narrowed = sweep(filtered, policy, true);
        Sweeper.Report whole = sweep(account(false), policy, true);
        assertEquals(line(whole), line(narrowed));
        assertEquals(
                List.of("sgr-1 REVOKED", "sgr-3 REVOKED", "sgr-6 REVOKED"),
                line(narrowed).stream()
                        .map(l -> l.substring(0, l.indexOf(' ', 6)))
                        .toList());
        // The filter's describe gave the groups' facts: no second describe of groups, only the engine's of rules.
        assertEquals(
                List.of(
                        "groups open to the world in scope",
                        "rules page 1 of the scope",
                        "rules page 2 of the scope",
                        "rules page 3 of the scope",
                        "describe " + WEB + "," + V6,
                        "describe " + WEB + "," + V6),
                reads(filtered));
        assertEquals(2, narrowed.summary().groupsScanned(), "APP and DB were never read");
        assertEquals(4, narrowed.summary().rulesScanned(), "the ingress rules of WEB and V6");
    }

    @Test
    void anExemptionTagOfAWorldOpenGroupComesWithTheFilteredDescribe() {
        InMemoryEc2 ec2 = account(true);
        ec2.groupTags.put(WEB, Map.of("sg-revoker:exempt", "true"));
        Sweeper.Report r = sweep(ec2, Policy.of(control("EC2.13")), true);
        assertEquals(
                List.of("sgr-1 EXEMPT", "sgr-6 REVOKED"),
                r.outcomes().stream()
                        .map(o -> o.ruleId() + " " + o.outcome())
                        .sorted()
                        .toList());
        assertEquals(3, ec2.groups.get(WEB).size(), "the exempt group keeps its rules");
    }

    @Test
    void withEc22TheDefaultGroupsAreReadBesideTheWorldOpenOnes() {
        InMemoryEc2 ec2 = account(true);
        ec2.groupNames.put(DB, "default");
        Sweeper.Report r = sweep(ec2, Policy.of(control("EC2.2"), control("EC2.13")), false);
        assertEquals(
                List.of("sgr-1 DRY_RUN", "sgr-5 DRY_RUN", "sgr-6 DRY_RUN"),
                r.outcomes().stream()
                        .map(o -> o.ruleId() + " " + o.outcome())
                        .sorted()
                        .toList());
        assertEquals(
                List.of("default groups in scope", "groups open to the world in scope"),
                reads(ec2).subList(0, 2));
    }

    @Test
    void allowedSourcesOrAnInventoryWithoutTheFilterReadEveryRule() {
        InMemoryEc2 ec2 = account(true);
        Sweeper.Report r =
                sweep(ec2, Policy.of(control("EC2.13"), new AllowedSources(List.of("10.0.0.0/8"), Set.of())), false);
        assertTrue(
                reads(ec2).contains("rules page 1 of the account"), reads(ec2).toString());
        assertTrue(
                r.outcomes().stream().map(PermissionOutcome::ruleId).toList().contains("sgr-4"),
                "a source outside the allowed ones, not the world, is selected");

        InMemoryEc2 unfiltered = account(false);
        sweep(unfiltered, Policy.of(control("EC2.13")), false);
        assertTrue(
                reads(unfiltered).contains("rules page 1 of the account"),
                reads(unfiltered).toString());
    }
}
