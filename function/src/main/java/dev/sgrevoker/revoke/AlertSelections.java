package dev.sgrevoker.revoke;

import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.policy.Check;
import dev.sgrevoker.policy.DefaultGroupEgress;
import dev.sgrevoker.policy.Guardrails;
import dev.sgrevoker.policy.Policy;
import dev.sgrevoker.policy.Verdict;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns an alert's selection into the group's current ingress rules it chooses, once EC2 has described them. */
final class AlertSelections {
    private AlertSelections() {}

    /**
     * The pending permissions, an alert's selections expanded; and the VPC default groups' egress rules EC2.2 judged
     * but DEFAULT_GROUP_EGRESS=keep leaves (not selected, so no entry: the result counts them).
     */
    record Expanded(List<Pending> pending, List<DescribedRule> egressKept) {}

    /**
     * An alert's selection becomes one pending rule id per current ingress rule the policy stage selects, each
     * carrying the alert's reason; an exempt one is EXEMPT, and a selection that chooses nothing is NOT_FOUND (the
     * offence is already gone). A selection meant for a VPC's default group (EC2.2: every ingress rule, and with
     * DEFAULT_GROUP_EGRESS=revoke every egress rule) applies only where EC2 names the group "default": an alert that
     * names any other group is skipped rather than emptying it.
     */
    static Expanded expand(
            List<Pending> all,
            Map<String, GroupFacts> groups,
            Map<String, List<DescribedRule>> rules,
            Guardrails guardrails) {
        LocalDate today = guardrails.today().get();
        List<Pending> out = new ArrayList<>();
        List<DescribedRule> kept = new ArrayList<>();
        for (Pending p : all) {
            GroupFacts group = p.groupId() == null ? null : groups.get(p.groupId());
            if (p.settled() || group == null || !(p.requested() instanceof Requested.BySelection s)) {
                out.add(p);
                continue;
            }
            if (s.selection().onlyForDefaultGroup() && !group.isDefaultGroup()) {
                p.skip(
                        null,
                        p.groupId() + " is not a VPC's default group (its name is '" + group.groupName()
                                + "'): only a default group is emptied of every ingress rule");
                out.add(p);
                continue;
            }
            Policy policy = Policy.of(new Check.OfSelection(s.control(), s.selection(), s.why()));
            List<DescribedRule> groupRules = rules.getOrDefault(p.groupId(), List.of());
            DefaultGroupEgress egress = guardrails.defaultGroupEgress();
            List<Verdict> verdicts = policy.judge(group, groupRules, guardrails.exemptions(), today, egress);
            boolean judgesEgress = policy.judgesEgressOf(group);
            if (judgesEgress && !egress.revokes()) {
                groupRules.stream().filter(DescribedRule::egress).forEach(kept::add);
            }
            if (verdicts.isEmpty()) {
                String rule = judgesEgress && egress.revokes() ? "ingress or egress rule" : "ingress rule";
                p.notFound(p.groupId() + " has no current " + rule + " to revoke for: "
                        + s.selection().describe());
                out.add(p);
            }
            for (Verdict v : verdicts) {
                Pending chosen = p.chosen(v.rule(), v.link(), v.becauseText());
                if (v.exempt()) {
                    chosen.exempt(v.exemption());
                }
                out.add(chosen);
            }
        }
        return new Expanded(out, kept);
    }
}
