package dev.sgrevoker.priming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.policy.Sweep;
import dev.sgrevoker.revoke.Ec2CallFailed;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.revoke.RuleInventory;
import dev.sgrevoker.revoke.RuleInventory.RulePage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What the priming handler's EC2 lets through: describes as they are, revokes only as DryRuns. */
class PrimingEc2Test {
    private static final String GROUP = SnapStartPriming.NO_SUCH_GROUP;

    @Test
    void everyRevokeReachesEc2AsADryRunAndOnlyTheMadeUpRulesGo() {
        Recording ec2 =
                new Recording(new Ec2CallFailed(FailureCode.Aws.ec2("InvalidGroup.NotFound", 400), "no such group"));
        PrimingEc2 priming = new PrimingEc2(ec2, ec2, GROUP);
        List<DescribedRule> rules = priming.rulesOf(List.of(GROUP)).get(GROUP);
        String first = rules.getFirst().ruleId();

        priming.revoke(GROUP, List.of(first), false);

        assertEquals(List.of("describe " + GROUP, "dry-run " + GROUP + " " + first), ec2.calls);
        assertFalse(priming.rulesOf(List.of(GROUP)).get(GROUP).stream()
                .anyMatch(r -> r.ruleId().equals(first)));
        assertTrue(priming.groups(List.of(GROUP)).containsKey(GROUP));
    }

    @Test
    void anyOtherRefusalIsPassedOn() {
        Recording ec2 =
                new Recording(new Ec2CallFailed(FailureCode.Aws.ec2("UnauthorizedOperation", 403), "not allowed"));
        PrimingEc2 priming = new PrimingEc2(ec2, ec2, GROUP);

        Ec2CallFailed e = assertThrows(Ec2CallFailed.class, () -> priming.revoke(GROUP, List.of("sgr-1"), false));

        assertTrue(e.is("UnauthorizedOperation"), e.code().toString());
        assertEquals(List.of("dry-run " + GROUP + " sgr-1"), ec2.calls);
    }

    @Test
    void aRealGroupIsNeverMadeUp() {
        Recording ec2 =
                new Recording(new Ec2CallFailed(FailureCode.Aws.ec2("InvalidGroup.NotFound", 400), "no such group"));
        PrimingEc2 priming = new PrimingEc2(ec2, ec2, GROUP);

        assertEquals(Map.of(), priming.rulesOf(List.of("sg-0123456789abcdef0")));
        assertThrows(Ec2CallFailed.class, () -> priming.revoke("sg-0123456789abcdef0", List.of("sgr-1"), true));
    }

    @Test
    void aPrimingSweepFindsTheMadeUpRulesAndReadsNothingBeyondItsGroup() {
        Recording ec2 =
                new Recording(new Ec2CallFailed(FailureCode.Aws.ec2("InvalidGroup.NotFound", 400), "no such group"));
        PrimingEc2 priming = new PrimingEc2(ec2, ec2, GROUP);
        List<DescribedRule> seen = new ArrayList<>();

        assertEquals(
                List.of(GROUP),
                List.copyOf(priming.groupsIn(new Sweep.Scope(List.of(), List.of(GROUP), Map.of()))
                        .keySet()));
        assertEquals(Map.of(), priming.defaultGroupsIn(new Sweep.Scope(List.of(), List.of(GROUP), Map.of())));
        priming.forEachRulePage(List.of(GROUP), p -> seen.addAll(p.rules()));
        // The real inventory is read too (the SDK's paging primed), scoped to the made-up group.
        assertEquals(List.of("groups in " + GROUP, "default groups in " + GROUP, "rules of " + GROUP), ec2.calls);

        assertEquals(priming.rulesOf(List.of(GROUP)).get(GROUP), seen);
        assertThrows(IllegalArgumentException.class, () -> priming.groupsIn(Sweep.Scope.EVERYTHING));
        assertThrows(IllegalArgumentException.class, () -> priming.defaultGroupsIn(Sweep.Scope.EVERYTHING));
        assertThrows(IllegalArgumentException.class, () -> priming.forEachRulePage(null, p -> {}));
    }

    @Test
    void aPrimingSweepOfWorldOpenChecksFindsTheMadeUpGroupOpenAndAsksEc2OnlyAboutIt() {
        Recording ec2 =
                new Recording(new Ec2CallFailed(FailureCode.Aws.ec2("InvalidGroup.NotFound", 400), "no such group"));
        PrimingEc2 priming = new PrimingEc2(ec2, ec2, GROUP);
        Sweep.Scope scope = new Sweep.Scope(List.of(), List.of(GROUP), Map.of());

        assertEquals(
                Optional.of(List.of(GROUP)), priming.groupsOpenToWorldIn(scope).map(m -> List.copyOf(m.keySet())));
        assertEquals(List.of("open to the world in " + GROUP), ec2.calls);
        assertThrows(IllegalArgumentException.class, () -> priming.groupsOpenToWorldIn(Sweep.Scope.EVERYTHING));
    }

    /** Records calls; knows no groups (nor does a sweep find any); refuses every revoke with the given failure. */
    private static final class Recording implements Ec2Gateway, RuleInventory {
        final List<String> calls = new ArrayList<>();
        final Ec2CallFailed refusal;

        Recording(Ec2CallFailed refusal) {
            this.refusal = refusal;
        }

        @Override
        public Map<String, List<DescribedRule>> rulesOf(Collection<String> groupIds) {
            calls.add("describe " + String.join(",", groupIds));
            return Map.of();
        }

        @Override
        public Map<String, GroupFacts> groups(Collection<String> groupIds) {
            calls.add("groups " + String.join(",", groupIds));
            return Map.of();
        }

        @Override
        public Map<String, GroupFacts> groupsIn(Sweep.Scope scope) {
            calls.add("groups in " + String.join(",", scope.groupIds()));
            return Map.of();
        }

        @Override
        public Map<String, GroupFacts> defaultGroupsIn(Sweep.Scope scope) {
            calls.add("default groups in " + String.join(",", scope.groupIds()));
            return Map.of();
        }

        @Override
        public Optional<Map<String, GroupFacts>> groupsOpenToWorldIn(Sweep.Scope scope) {
            calls.add("open to the world in " + String.join(",", scope.groupIds()));
            return Optional.of(Map.of());
        }

        @Override
        public void forEachRulePage(Collection<String> groupIds, Consumer<RulePage> page) {
            calls.add("rules of " + String.join(",", groupIds));
        }

        @Override
        public Optional<String> groupIdByName(String groupName) {
            return Optional.empty();
        }

        @Override
        public void revoke(String groupId, List<String> ruleIds, boolean dryRun) {
            calls.add((dryRun ? "dry-run " : "revoke ") + groupId + " " + String.join(",", ruleIds));
            throw refusal;
        }

        @Override
        public void revokeEgress(String groupId, List<String> ruleIds, boolean dryRun) {
            calls.add((dryRun ? "dry-run egress " : "revoke egress ") + groupId + " " + String.join(",", ruleIds));
            throw refusal;
        }
    }
}
