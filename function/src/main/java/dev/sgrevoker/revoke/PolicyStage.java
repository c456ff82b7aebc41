package dev.sgrevoker.revoke;

import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.policy.BlastRadius;
import dev.sgrevoker.policy.DefaultGroupEgress;
import dev.sgrevoker.policy.Exemptions;
import dev.sgrevoker.policy.Guardrails;
import dev.sgrevoker.policy.Policy;
import dev.sgrevoker.policy.Verdict;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The engine's use of the policy package once rules are matched: exemptions, CloudTrail revert judging, the limit. */
final class PolicyStage {
    private PolicyStage() {}

    /**
     * A rule a sweep selected by id is judged again for exemption on the fresh describe: a tag added since the sweep
     * read the rules still keeps it.
     */
    static boolean exemptNow(Pending p, GroupFacts group, DescribedRule rule, Guardrails guardrails) {
        if (!p.selectedByPolicy()) {
            return false;
        }
        Exemptions.Status status =
                guardrails.exemptions().of(group, rule, guardrails.today().get());
        if (status.exempt()) {
            p.exempt(status);
        }
        return status.exempt();
    }

    /**
     * CloudTrail in policy mode: an added rule is reverted only if it breaks the revert policy (and no exemption
     * holds); a rule that complies is SKIPPED with the checks it was held to.
     */
    static void judgeReverts(List<Pending> all, Map<String, GroupFacts> groups, Guardrails guardrails) {
        for (Pending p : all) {
            if (!p.revertJudged() || !p.awaitingRevoke()) {
                continue;
            }
            Optional<Verdict> verdict = firstVerdict(
                    p, groups.get(p.groupId()), guardrails.revertPolicy(), guardrails, DefaultGroupEgress.KEEP);
            if (verdict.isEmpty()) {
                p.skip(
                        FailureCode.Ours.COMPLIES_WITH_POLICY,
                        "the added rule breaks none of the checks CloudTrail reverts are judged by ("
                                + guardrails.revertPolicy().checks().size() + " configured); "
                                + "CLOUDTRAIL_REVERT_MODE=policy reverts only rules that do (set it to all to revert"
                                + " every unapproved addition)");
            } else if (verdict.get().exempt()) {
                p.exempt(verdict.get().exemption());
            } else {
                p.selectedBecause(
                        verdict.get().link(),
                        "CloudTrail revert (policy mode): " + verdict.get().becauseText());
            }
        }
    }

    /** The verdict of {@code policy} on the first of the pending permission's matched rules that breaks it. */
    private static Optional<Verdict> firstVerdict(
            Pending p, GroupFacts group, Policy policy, Guardrails guardrails, DefaultGroupEgress egress) {
        return p.matchedRules().stream()
                .map(r -> policy.judge(
                        group, r, guardrails.exemptions(), guardrails.today().get(), egress))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * A hand-over's rules, judged again by the sweep's policy against the rules as EC2 describes them now: one that no
     * longer breaks it is SKIPPED CompliesWithPolicy, an exempt one EXEMPT, the rest selected with {@code because}
     * computed here (whatever the message's sender said).
     */
    static void judgeAgain(List<Pending> all, Map<String, GroupFacts> groups, Policy policy, Guardrails guardrails) {
        for (Pending p : all) {
            if (!p.awaitingRevoke()) {
                continue;
            }
            Optional<Verdict> verdict =
                    firstVerdict(p, groups.get(p.groupId()), policy, guardrails, guardrails.defaultGroupEgress());
            if (verdict.isEmpty()) {
                p.skip(
                        FailureCode.Ours.COMPLIES_WITH_POLICY,
                        "as EC2 describes the rule now, it breaks none of the sweep's checks ("
                                + policy.checks().size() + "): it is left as it is");
            } else if (verdict.get().exempt()) {
                p.exempt(verdict.get().exemption());
            } else {
                p.selectedBecause(verdict.get().link(), verdict.get().becauseText());
            }
        }
    }

    /**
     * A shard of a sweep run asks the run once, after its own limit: a cancelled run, or one whose run-wide limit has
     * no room for what the shard would revoke, leaves every selected rule SKIPPED. Dry runs reserve nothing.
     */
    static void admitToRun(List<Pending> all, RunGate gate) {
        if (gate == RunGate.NONE || all.stream().noneMatch(Pending::awaitingRevoke)) {
            return;
        }
        Set<String> toRevoke = new LinkedHashSet<>();
        all.stream().filter(p -> p.awaitingRevoke() && !p.dryRun()).forEach(p -> toRevoke.addAll(p.ruleIds()));
        gate.admit(toRevoke.size())
                .ifPresent(stop ->
                        all.stream().filter(Pending::awaitingRevoke).forEach(p -> p.skip(stop.code(), stop.reason())));
    }

    /** Before any describe: more rule ids asked than the limit allows refuses them all. Returns whether it did. */
    static boolean refuseOverLimit(List<Pending> open, BlastRadius limit) {
        Set<String> asked = new LinkedHashSet<>();
        open.stream().filter(p -> p.requestedRuleId() != null).forEach(p -> asked.add(p.requestedRuleId()));
        Optional<String> refusal = limit.refusal(asked.size());
        refusal.ifPresent(why -> open.forEach(p -> p.skip(FailureCode.Ours.BLAST_RADIUS_EXCEEDED, why)));
        return refusal.isPresent();
    }

    /** More rules to revoke than the limit: none is revoked, each is SKIPPED BlastRadiusExceeded. */
    static void applyLimit(List<Pending> all, BlastRadius limit) {
        Set<String> selected = new LinkedHashSet<>();
        all.stream().filter(Pending::awaitingRevoke).forEach(p -> selected.addAll(p.ruleIds()));
        limit.refusal(selected.size())
                .ifPresent(why -> all.stream()
                        .filter(Pending::awaitingRevoke)
                        .forEach(p -> p.skip(FailureCode.Ours.BLAST_RADIUS_EXCEEDED, why)));
    }
}
