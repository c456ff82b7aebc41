package dev.sgrevoker.revoke;

import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.policy.Guardrails;
import dev.sgrevoker.policy.ProtectedGroups;
import java.util.List;
import java.util.Optional;

/**
 * Each pending permission against what EC2 described before anything is revoked: a protected group's permissions
 * are SKIPPED, a rule id must name an ingress rule of its group (or, selected by a sweep's EC2.2 with
 * DEFAULT_GROUP_EGRESS=revoke, an egress rule of a VPC default group), a permission matches the rules EC2 stores for it.
 * Transitions only; the calls stay in {@link Revoker}.
 */
final class Matching {
    private Matching() {}

    /** A protected group is left alone whatever asked, rule ids and alerts included: each permission is SKIPPED. */
    static void protect(List<Pending> all, Described described, ProtectedGroups protectedGroups) {
        for (Pending p : all) {
            GroupFacts group = p.settled() || p.groupId() == null
                    ? null
                    : described.groups().get(p.groupId());
            Optional<String> why = group == null ? Optional.empty() : protectedGroups.reason(group);
            if (why.isEmpty()) {
                continue;
            }
            // A rule id is reported with the rule it names, so the record says what was left alone.
            Optional<DescribedRule> named = described.rules().getOrDefault(p.groupId(), List.of()).stream()
                    .filter(r -> r.ruleId().equals(p.requestedRuleId()))
                    .findFirst();
            if (named.isPresent()) {
                p.skipRule(named.get(), FailureCode.Ours.PROTECTED, why.get());
            } else {
                p.skip(FailureCode.Ours.PROTECTED, why.get());
            }
        }
    }

    /**
     * An egress rule id is revoked only as a sweep's EC2.2 selected it (a hand-over included): chosen by a policy,
     * of a group EC2 still names "default", with DEFAULT_GROUP_EGRESS=revoke. A request naming one is refused.
     */
    private static boolean egressSelected(Pending p, GroupFacts group, Guardrails guardrails) {
        return p.selectedByPolicy() && guardrails.defaultGroupEgress().revokes() && group.isDefaultGroup();
    }

    static void match(Pending p, Described described, Guardrails guardrails) {
        if (p.settled()) {
            return;
        }
        if (!described.groups().containsKey(p.groupId())) {
            p.fail(FailureCode.Ours.NO_SUCH_GROUP, "the security group '" + p.groupId() + "' does not exist");
            return;
        }
        if (p.requested() instanceof Requested.BySelection) {
            throw new IllegalStateException("selections are expanded before matching");
        }
        if (p.awaitingRevoke()) {
            return; // chosen by a selection: matched already
        }
        List<DescribedRule> groupRules = described.rules().getOrDefault(p.groupId(), List.of());
        String ruleId = p.requestedRuleId();
        if (ruleId != null) {
            Optional<DescribedRule> rule =
                    groupRules.stream().filter(r -> r.ruleId().equals(ruleId)).findFirst();
            Optional<String> drift =
                    rule.flatMap(r -> p.requested() instanceof Requested.ByRuleId id && id.planned() != null
                            ? PlanDrift.between(id.planned(), r)
                            : Optional.empty());
            if (rule.isEmpty()) {
                p.notFound("no rule " + ruleId + " in " + p.groupId());
            } else if (drift.isPresent()) {
                // Not the rule the reviewer approved: left alone, saying what changed since the plan.
                p.skipRule(rule.get(), FailureCode.Ours.DRIFTED, "changed since the plan: " + drift.get());
            } else if (rule.get().egress()
                    && !egressSelected(p, described.groups().get(p.groupId()), guardrails)) {
                p.refuseRule(
                        rule.get(),
                        FailureCode.Ours.NOT_AN_INGRESS_RULE,
                        ruleId + " is an egress rule; only ingress rules are revoked (egress only where EC2.2 selects"
                                + " a VPC default group's, with DEFAULT_GROUP_EGRESS=revoke)");
            } else if (!PolicyStage.exemptNow(p, described.groups().get(p.groupId()), rule.get(), guardrails)) {
                p.match(rule.get());
            }
            return;
        }
        groupRules.stream()
                .filter(r -> !r.egress() && p.permission().sameRuleAs(r.permission()))
                .forEach(p::match);
        if (p.ruleIds().isEmpty()) {
            p.notFound("no ingress rule of " + p.groupId() + " matches");
        }
    }
}
