package dev.sgrevoker.revoke;

import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.policy.Check;
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
     * An alert's selection becomes one pending rule id per current ingress rule the policy stage selects, each
     * carrying the alert's reason; an exempt one is EXEMPT, and a selection that chooses nothing is NOT_FOUND (the
     * offence is already gone). A selection meant for a VPC's default group (EC2.2: every ingress rule) applies only
     * where EC2 names the group "default": an alert that names any other group is skipped rather than emptying it.
     */
    static List<Pending> expand(
            List<Pending> all,
            Map<String, GroupFacts> groups,
            Map<String, List<DescribedRule>> rules,
            Guardrails guardrails) {
        LocalDate today = guardrails.today().get();
        List<Pending> out = new ArrayList<>();
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
            List<Verdict> verdicts = Policy.of(new Check.OfSelection(s.selection(), s.why()))
                    .judge(group, rules.getOrDefault(p.groupId(), List.of()), guardrails.exemptions(), today);
            if (verdicts.isEmpty()) {
                p.notFound(p.groupId() + " has no current ingress rule to revoke for: "
                        + s.selection().describe());
                out.add(p);
            }
            for (Verdict v : verdicts) {
                Pending chosen = p.chosen(v.rule(), v.becauseText());
                if (v.exempt()) {
                    chosen.exempt(v.exemption().because());
                }
                out.add(chosen);
            }
        }
        return out;
    }
}
