package dev.sgrevoker.revoke;

import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.GroupTarget;
import dev.sgrevoker.model.GroupUse;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.policy.BlastRadius;
import dev.sgrevoker.policy.Guardrails;
import dev.sgrevoker.policy.Sweep;
import dev.sgrevoker.policy.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy sweep: read the rules in scope once, page by page, through the policy stage keeping only the selected ones
 * ({@link Discovery}), then hand those to the engine by rule id (it describes the groups again right before revoking,
 * holds the limit, checks DryRun or revokes, confirms). Exempt rules are reported EXEMPT without a call.
 */
public final class Sweeper {
    private final RuleInventory inventory;
    private final Revoker revoker;
    private final AccountRegion where;

    /** A sweep of the function's own account and region. */
    public Sweeper(RuleInventory inventory, Revoker revoker) {
        this(inventory, revoker, AccountRegion.OWN);
    }

    /** A sweep of {@code where}: {@code inventory} and {@code revoker} are that place's. */
    public Sweeper(RuleInventory inventory, Revoker revoker, AccountRegion where) {
        this.inventory = inventory;
        this.revoker = revoker;
        this.where = where;
    }

    /** A place that could not be reached (its role refused): nothing read, the failure the result's one entry. */
    public static Report unreachable(AccountRegion where, AccountUnreachable e) {
        PermissionOutcome failed = PermissionOutcome.failed(
                PermissionOutcome.Subject.wholeAccount(where),
                e.code(),
                "the sweep could not reach the account, so nothing was read or revoked: " + e.getMessage());
        return new Report(List.of(failed), new RevocationResult.SweepSummary(0, 0, 0, 0, 0), List.of());
    }

    /**
     * The sweep's outcomes (selected rules only), what it read, and the VPC default groups' egress rules EC2.2 judged
     * that DEFAULT_GROUP_EGRESS=keep left.
     */
    public record Report(
            List<PermissionOutcome> outcomes, RevocationResult.SweepSummary summary, List<DescribedRule> egressKept) {}

    /** Sweeps under {@code limit}: the sweep's own maxRevocations as the deployer allows it (the caller's to say). */
    public Report sweep(Sweep sweep, BlastRadius limit, TimeBudget budget, HandOver handOver) {
        return sweep(sweep, limit, budget, handOver, RunGate.NONE);
    }

    /** As above, for a shard of a sweep run: what it selected is admitted by the run ({@code gate}) first. */
    public Report sweep(Sweep sweep, BlastRadius limit, TimeBudget budget, HandOver handOver, RunGate gate) {
        Guardrails guardrails = revoker.guardrails();
        Discovery.Found found;
        try {
            found = Discovery.read(
                    inventory,
                    sweep,
                    guardrails.exemptions(),
                    guardrails.today().get(),
                    guardrails.defaultGroupEgress());
        } catch (Ec2CallFailed e) {
            // Nothing selected, nothing revoked; the failure is the result's one entry (a throttled read is retried
            // from a queue, and never takes another message down with it).
            PermissionOutcome failed = PermissionOutcome.failed(
                    PermissionOutcome.Subject.wholeAccount(where),
                    e.code(),
                    "the sweep could not read the account's rules, so nothing was selected or revoked: "
                            + e.getMessage());
            return new Report(List.of(failed), new RevocationResult.SweepSummary(0, 0, 0, 0, 0), List.of());
        }
        Map<String, GroupFacts> groups = found.groups();
        Map<String, List<Requested>> selected = new LinkedHashMap<>();
        Map<String, DescribedRule> judged = new HashMap<>();
        List<PermissionOutcome> exempt = new ArrayList<>();
        for (Verdict v : found.verdicts()) {
            DescribedRule rule = v.rule();
            if (v.exempt()) {
                exempt.add(exemptOutcome(groups.get(rule.groupId()), v, !sweep.enforce()));
            } else {
                selected.computeIfAbsent(rule.groupId(), g -> new ArrayList<>())
                        .add(new Requested.ByRuleId(rule.ruleId(), v.becauseText(), v.link(), null));
                judged.put(rule.ruleId(), rule);
            }
        }
        List<RevocationRequest> requests = new ArrayList<>();
        selected.forEach((groupId, items) -> requests.add(
                new RevocationRequest(new GroupTarget.ById(groupId), items, !sweep.enforce(), InputForm.SWEEP, where)));
        List<PermissionOutcome> outcomes = new ArrayList<>();
        if (!requests.isEmpty()) {
            revoker.revoke(requests, budget, limit, handOver, new SweepTerms(null, gate, found.groups())).stream()
                    .map(o -> withRule(o, judged.get(o.ruleId()), groups.get(o.groupId())))
                    .forEach(outcomes::add);
        }
        outcomes.addAll(exempt);
        if (!found.use().isEmpty()) {
            // Already looked up for the scope: the entries say what uses their groups without asking again.
            Map<String, GroupUse> known = found.use();
            outcomes.replaceAll(o ->
                    known.containsKey(o.groupId()) && o.because() != null ? o.withGroupUse(known.get(o.groupId())) : o);
        }
        // Selected for revocation: what the blast-radius limit counts, so protected and exempt rules are not.
        int count = (int) outcomes.stream()
                .filter(o -> o.outcome() != Outcome.EXEMPT && o.code() != FailureCode.Ours.PROTECTED)
                .count();
        int exempted = (int)
                outcomes.stream().filter(o -> o.outcome() == Outcome.EXEMPT).count();
        int handedOver = (int) outcomes.stream()
                .filter(o -> o.code() == FailureCode.Ours.HANDED_OVER)
                .map(PermissionOutcome::groupId)
                .distinct()
                .count();
        var summary = new RevocationResult.SweepSummary(
                found.groupsScanned(), found.rulesScanned(), count, exempted, handedOver);
        return new Report(outcomes, summary, found.egressKept());
    }

    /**
     * A rule skipped before the engine described it (handed over, or refused by the limit with too little time to
     * describe) is reported with the rule as the sweep read it, rather than as a bare rule id.
     */
    private static PermissionOutcome withRule(PermissionOutcome o, DescribedRule rule, GroupFacts group) {
        if (o.permission() != null || rule == null || o.outcome() != Outcome.SKIPPED) {
            return o;
        }
        var subject = o.subject()
                .describedAs(group)
                .asking(rule.permission(), o.ruleId())
                .asEgress(rule.egress());
        return PermissionOutcome.skipped(subject, o.code(), o.reason());
    }

    private PermissionOutcome exemptOutcome(GroupFacts group, Verdict v, boolean dryRun) {
        var subject = PermissionOutcome.Subject.ofRule(where, group, v.rule(), v.becauseText())
                .selectedFor(v.link(), v.becauseText())
                .asDryRun(dryRun);
        return PermissionOutcome.exempt(
                subject, v.exemption().because(), v.exemption().until());
    }
}
