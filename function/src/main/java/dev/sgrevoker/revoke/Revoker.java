package dev.sgrevoker.revoke;

import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.policy.BlastRadius;
import dev.sgrevoker.policy.Guardrails;
import dev.sgrevoker.policy.RevertMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Revokes exactly the requested ingress rules: resolve names, describe the groups' rules, match each requested
 * permission against them, revoke the matches by rule id in one call per group, then describe again to confirm (a
 * large sweep's groups a page at a time, while later revokes wait for EC2's tokens).
 * Egress rules are revoked only where EC2.2 selects a VPC default group's with DEFAULT_GROUP_EGRESS=revoke: the
 * same path, their own call (RevokeSecurityGroupEgress) per group.
 * Revoking by rule id sidesteps EC2's all-or-nothing InvalidPermission.NotFound (non-default VPC) and its silent
 * UnknownIpPermissions (default VPC): a rule that is not there is reported NOT_FOUND and never blocks the others.
 */
public final class Revoker {
    /** With a hand-over, a group is not started with less than this more left: sending the rest must fit too. */
    public static final long HAND_OVER_MILLIS = 5_000;

    /** A describe's worth of groups to confirm while revokes wait: EC2's filter values, and a page of rules. */
    static final int CONFIRM_GROUPS = 200;

    static final int CONFIRM_RULES = 1000;

    private final Ec2Gateway ec2;
    /** Work is not started with less time left than this: enough to confirm and to report what was done. */
    private final Reserve reserve;

    private final Guardrails guardrails;
    private final RevokeCalls calls;

    /** The engine for one account and region's EC2. */
    public Revoker(Ec2Gateway ec2, Safeguards safeguards) {
        this.ec2 = ec2;
        this.reserve = safeguards.reserve();
        this.guardrails = safeguards.guardrails();
        this.calls = new RevokeCalls(ec2, safeguards.writeAhead(), this::timedRulesOf);
    }

    public Guardrails guardrails() {
        return guardrails;
    }

    public List<PermissionOutcome> revoke(List<RevocationRequest> requests) {
        return revoke(requests, TimeBudget.UNLIMITED);
    }

    /** Revokes what the time budget allows; a group whose revoke cannot start in time is reported, not attempted. */
    public List<PermissionOutcome> revoke(List<RevocationRequest> requests, TimeBudget budget) {
        return revoke(requests, budget, guardrails.limit(), HandOver.NONE);
    }

    /**
     * Revokes under {@code limit} (for the whole call: one request list, SQS message or sweep). With a hand-over, a
     * group that cannot be started in time is sent on as a request of its own instead of failing.
     */
    public List<PermissionOutcome> revoke(
            List<RevocationRequest> requests, TimeBudget budget, BlastRadius limit, HandOver handOver) {
        return revoke(requests, budget, limit, handOver, SweepTerms.NONE);
    }

    /**
     * As above, for a sweep's rules under {@code terms}: judged again by the sweep's policy where a message carried
     * them, and admitted by the run (cancel, run-wide limit) before any is revoked.
     */
    public List<PermissionOutcome> revoke(
            List<RevocationRequest> requests,
            TimeBudget budget,
            BlastRadius limit,
            HandOver handOver,
            SweepTerms terms) {
        return run(requests, budget, limit, handOver, terms).outcomes();
    }

    /** As {@link #revoke}, with the default groups' egress rules EC2.2 judged and DEFAULT_GROUP_EGRESS=keep left. */
    public Revocations run(
            List<RevocationRequest> requests,
            TimeBudget budget,
            BlastRadius limit,
            HandOver handOver,
            SweepTerms terms) {
        List<Pending> all = new GroupNames(ec2).pendingOf(requests, guardrails.revertMode() == RevertMode.POLICY);
        long left = budget.remainingMillis();
        long reserveMillis = reserve.millis();
        if (handOver.available() && left < reserveMillis + HAND_OVER_MILLIS) {
            // Nothing described yet: the limit is held over the rule ids asked, then every group goes on its own.
            List<Pending> open = all.stream().filter(p -> !p.settled()).toList();
            if (!PolicyStage.refuseOverLimit(open, limit)) {
                Leftovers.handOver(open, limit, handOver, false);
            }
        }
        if (left < reserveMillis) {
            all.forEach(p -> p.failIfOpen(
                    FailureCode.Ours.TIME_BUDGET_EXHAUSTED,
                    "not started: " + left + " ms left of the invocation, " + reserveMillis
                            + " ms are kept to confirm and report"));
            return Revocations.of(all.stream().map(Pending::toOutcome).toList());
        }
        Described before = describe(all, terms.justDescribed());
        Matching.protect(all, before, guardrails.protectedGroups());
        AlertSelections.Expanded expanded = AlertSelections.expand(all, before.groups(), before.rules(), guardrails);
        all = expanded.pending();
        all.forEach(p -> Matching.match(p, before, guardrails));
        PolicyStage.judgeReverts(all, before.groups(), guardrails);
        if (terms.judgeAgainBy() != null) {
            PolicyStage.judgeAgain(all, before.groups(), terms.judgeAgainBy(), guardrails);
        }
        PolicyStage.applyLimit(all, limit);
        PolicyStage.admitToRun(all, terms.gate());
        Map<RevokeCalls.Batch, List<Pending>> batches = new LinkedHashMap<>();
        all.stream()
                .filter(Pending::awaitingRevoke)
                .forEach(p -> batches.computeIfAbsent(
                                new RevokeCalls.Batch(p.groupId(), p.dryRun(), p.egress()), b -> new ArrayList<>())
                        .add(p));
        // Dry runs first: a real revoke of the same rule earlier in the invocation would make the check fail.
        List<Pending> deferred = new ArrayList<>();
        List<Pending> unconfirmed = new ArrayList<>();
        for (boolean dryRuns : new boolean[] {true, false}) {
            batches.forEach((batch, pending) -> {
                if (batch.dryRun() == dryRuns) {
                    executeInTime(batch, pending, budget, handOver, deferred);
                    if (!dryRuns) {
                        unconfirmed.addAll(pending);
                        confirmWhileWaiting(unconfirmed, before);
                    }
                }
            });
        }
        if (!deferred.isEmpty()) {
            // The run admitted these with the rest: their hand-over carries that reservation.
            Leftovers.handOver(deferred, limit, handOver, terms.gate() != RunGate.NONE);
        }
        confirm(all);
        return new Revocations(all.stream().map(Pending::toOutcome).toList(), expanded.egressKept());
    }

    private Described describe(List<Pending> all, Map<String, GroupFacts> justDescribed) {
        Set<String> ids = new LinkedHashSet<>();
        all.stream().filter(p -> !p.settled()).forEach(p -> ids.add(p.groupId()));
        if (ids.isEmpty()) {
            return new Described(Map.of(), Map.of());
        }
        try {
            Map<String, GroupFacts> groups = new LinkedHashMap<>();
            ids.stream().filter(justDescribed::containsKey).forEach(id -> groups.put(id, justDescribed.get(id)));
            List<String> rest =
                    ids.stream().filter(id -> !groups.containsKey(id)).toList();
            if (!rest.isEmpty()) {
                groups.putAll(ec2.groups(rest));
            }
            Map<String, List<DescribedRule>> rules = groups.isEmpty() ? Map.of() : timedRulesOf(groups.keySet());
            all.stream()
                    .filter(p -> groups.containsKey(p.groupId()))
                    .forEach(p -> p.described(groups.get(p.groupId())));
            return new Described(groups, rules);
        } catch (Ec2CallFailed e) {
            all.forEach(p -> p.failIfOpen(e.code(), "could not read the group's rules: " + e.getMessage()));
            return new Described(Map.of(), Map.of());
        }
    }

    private void executeInTime(
            RevokeCalls.Batch batch,
            List<Pending> pending,
            TimeBudget budget,
            HandOver handOver,
            List<Pending> deferred) {
        long wait = ec2.revokeWaitMillis();
        long left = budget.remainingMillis();
        long reserveMillis = reserve.millis();
        // Once one group is handed over, so are the rest: the hand-over's time is kept, and its order is the sweep's.
        if (handOver.available() && (!deferred.isEmpty() || left - wait < reserveMillis + HAND_OVER_MILLIS)) {
            deferred.addAll(pending);
            return;
        }
        if (left - wait < reserveMillis) {
            pending.forEach(p -> p.fail(
                    FailureCode.Ours.TIME_BUDGET_EXHAUSTED,
                    "not started: " + left + " ms left of the invocation and " + wait
                            + " ms to wait for EC2's call budget; " + reserveMillis
                            + " ms are kept to confirm and report"));
            return;
        }
        calls.execute(batch, pending);
    }

    /**
     * Confirms the groups revoked so far once they fill a describe (a page of rules, or a filter's groups), and only
     * while the next revoke waits for a token anyway: the confirm then costs no time, and little is left after the last.
     */
    private void confirmWhileWaiting(List<Pending> unconfirmed, Described before) {
        Set<String> groups = new LinkedHashSet<>();
        unconfirmed.stream().filter(Pending::awaitingRevoke).forEach(p -> groups.add(p.groupId()));
        int rules = groups.stream()
                .mapToInt(g -> before.rules().getOrDefault(g, List.of()).size())
                .sum();
        if (groups.size() < CONFIRM_GROUPS && rules < CONFIRM_RULES || ec2.revokeWaitMillis() == 0) {
            return;
        }
        confirm(unconfirmed);
        unconfirmed.clear();
    }

    /** Describes the revoked groups again: a rule still there is FAILED, a rule gone is REVOKED. */
    private void confirm(List<Pending> all) {
        Set<String> groups = new LinkedHashSet<>();
        all.stream().filter(p -> p.awaitingRevoke() && !p.dryRun()).forEach(p -> groups.add(p.groupId()));
        if (groups.isEmpty()) {
            return;
        }
        Map<String, List<DescribedRule>> after;
        try {
            after = timedRulesOf(groups);
        } catch (Ec2CallFailed e) {
            all.stream()
                    .filter(p -> p.awaitingRevoke() && !p.dryRun())
                    .forEach(p ->
                            p.fail(e.code(), "revoke sent, but the describe to confirm it failed: " + e.getMessage()));
            return;
        }
        for (Pending p : all) {
            if (!p.awaitingRevoke() || p.dryRun()) {
                continue;
            }
            Set<String> still = RevokeCalls.ids(after.getOrDefault(p.groupId(), List.of()), p.egress());
            List<String> left = p.ruleIds().stream().filter(still::contains).toList();
            if (left.isEmpty()) {
                p.revoked(null);
            } else {
                p.fail(
                        FailureCode.Ours.STILL_PRESENT,
                        "EC2 accepted the revoke but still describes " + String.join(",", left));
            }
        }
    }

    /** Every describe of rules is timed: the confirm is one, and the reserve must cover it. */
    private Map<String, List<DescribedRule>> timedRulesOf(Collection<String> groupIds) {
        long start = System.nanoTime();
        try {
            return ec2.rulesOf(groupIds);
        } finally {
            reserve.describeTook((System.nanoTime() - start) / 1_000_000);
        }
    }
}
