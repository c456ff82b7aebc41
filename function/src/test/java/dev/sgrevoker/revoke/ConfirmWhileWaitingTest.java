package dev.sgrevoker.revoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sgrevoker.model.Cidr;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.policy.BlastRadius;
import dev.sgrevoker.policy.Controls;
import dev.sgrevoker.policy.Policy;
import dev.sgrevoker.policy.Sweep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A large sweep confirms its revoked groups a describe's worth at a time while the next revoke waits for EC2's
 * tokens, so that little is left to confirm after the last revoke; each group is still revoked in one call and
 * confirmed by a describe after it.
 */
class ConfirmWhileWaitingTest {
    private static final String A = "sg-0aaaaaaaaaaaaaaaa";
    private static final String B = "sg-0bbbbbbbbbbbbbbbb";
    private static final String C = "sg-0cccccccccccccccc";

    private static DescribedRule rule(String id, String group, int port, String cidr) {
        return new DescribedRule(
                id,
                group,
                false,
                new Permission(
                        Protocol.TCP, new PortRange(port, port), new RuleSource.Ipv4Range(Cidr.ipv4(cidr, "t")), null),
                Map.of());
    }

    /** {@code compliant} rules from 10.0.0.0/8 and one tcp 22 from the world, which EC2.13 selects. */
    private static DescribedRule[] rules(String group, int compliant) {
        List<DescribedRule> rules = new ArrayList<>();
        for (int i = 0; i < compliant; i++) {
            rules.add(rule(group + "-ok-" + i, group, 3000 + i, "10.0.0.0/8"));
        }
        rules.add(rule(group + "-ssh", group, 22, "0.0.0.0/0"));
        return rules.toArray(DescribedRule[]::new);
    }

    private static InMemoryEc2 account(long revokeWait) {
        InMemoryEc2 ec2 = new InMemoryEc2()
                .group(A, rules(A, 599))
                .group(B, rules(B, 599))
                .group(C, rules(C, 9));
        ec2.pageSize = 1000;
        ec2.revokeWait = revokeWait;
        return ec2;
    }

    private static List<PermissionOutcome> sweep(InMemoryEc2 ec2) {
        Sweep sweep = new Sweep(
                Policy.of(Controls.byId("EC2.13", List.of(), List.of())
                        .orElseThrow()
                        .check()),
                Sweep.Scope.EVERYTHING,
                true,
                null);
        return new Sweeper(ec2, new Revoker(ec2, Safeguards.defaults()))
                .sweep(sweep, sweep.limit(BlastRadius.byDefault()), TimeBudget.UNLIMITED, HandOver.NONE)
                .outcomes();
    }

    private static List<String> revokesAndDescribes(InMemoryEc2 ec2) {
        return ec2.calls.stream()
                .filter(c -> c.startsWith("revoke") || c.startsWith("describe"))
                .map(c -> c.startsWith("revoke") ? c.substring(0, c.indexOf(' ', 7)) : c)
                .toList();
    }

    @Test
    void whileRevokesWaitForTokensAPageOfRevokedGroupsIsConfirmedBeforeTheNextRevoke() {
        InMemoryEc2 ec2 = account(1);
        List<PermissionOutcome> out = sweep(ec2);
        assertEquals(
                List.of(
                        "describe " + A + "," + B + "," + C,
                        "revoke " + A,
                        "revoke " + B,
                        "describe " + A + "," + B,
                        "revoke " + C,
                        "describe " + C),
                revokesAndDescribes(ec2));
        assertEquals(
                List.of("REVOKED", "REVOKED", "REVOKED"),
                out.stream().map(o -> o.outcome().name()).toList());
    }

    @Test
    void withATokenAtHandTheRevokesGoFirstAndAreConfirmedAfterTheLast() {
        InMemoryEc2 ec2 = account(0);
        sweep(ec2);
        assertEquals(
                List.of(
                        "describe " + A + "," + B + "," + C,
                        "revoke " + A,
                        "revoke " + B,
                        "revoke " + C,
                        "describe " + A + "," + B + "," + C),
                revokesAndDescribes(ec2));
    }

    @Test
    void aRuleAnEarlyConfirmStillFindsIsFailedAsAfterTheLastRevoke() {
        InMemoryEc2 ec2 = account(1);
        ec2.ignoreRevokes = true;
        List<PermissionOutcome> out = sweep(ec2);
        assertEquals(
                List.of(FailureCode.Ours.STILL_PRESENT, FailureCode.Ours.STILL_PRESENT, FailureCode.Ours.STILL_PRESENT),
                out.stream().map(PermissionOutcome::code).toList());
        assertEquals("describe " + A + "," + B, revokesAndDescribes(ec2).get(3));
    }
}
