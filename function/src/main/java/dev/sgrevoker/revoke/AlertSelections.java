package dev.sgrevoker.revoke;

import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns an alert's selection into the group's current ingress rules it chooses, once EC2 has described them. */
final class AlertSelections {
    private final Ec2Gateway ec2;

    AlertSelections(Ec2Gateway ec2) {
        this.ec2 = ec2;
    }

    /**
     * An alert's selection becomes one pending rule id per current ingress rule it chooses, each carrying the alert's
     * reason; a selection that chooses nothing is NOT_FOUND (the offence is already gone).
     */
    List<Pending> expand(List<Pending> all, Map<String, List<DescribedRule>> rules) {
        refuseOutsideDefaultGroups(all, rules);
        List<Pending> out = new ArrayList<>();
        for (Pending p : all) {
            List<DescribedRule> groupRules = p.settled() || p.groupId == null ? null : rules.get(p.groupId);
            if (!(p.requested instanceof Requested.BySelection s) || groupRules == null) {
                out.add(p);
                continue;
            }
            List<Selection.Candidate> ingress = groupRules.stream()
                    .filter(r -> !r.egress())
                    .map(r -> new Selection.Candidate(r.ruleId(), r.permission()))
                    .toList();
            List<Selection.Candidate> chosen = s.selection().select(ingress);
            if (chosen.isEmpty()) {
                p.because = s.why();
                p.settle(
                        Outcome.NOT_FOUND,
                        null,
                        p.groupId + " has no current ingress rule to revoke for: "
                                + s.selection().describe());
                out.add(p);
            }
            for (Selection.Candidate c : chosen) {
                Pending rule = new Pending(new Requested.ByRuleId(c.ruleId()), p.dryRun, p.groupId, p.groupName);
                rule.permission = c.permission();
                rule.because = s.why();
                out.add(rule);
            }
        }
        return out;
    }

    /**
     * A selection meant for a VPC's default group (EC2.2: every ingress rule) is applied only after EC2 confirms the
     * group is named "default"; an alert that names any other group is skipped rather than emptying it.
     */
    private void refuseOutsideDefaultGroups(List<Pending> all, Map<String, List<DescribedRule>> rules) {
        List<Pending> guarded = all.stream()
                .filter(p -> !p.settled()
                        && rules.containsKey(p.groupId)
                        && p.requested instanceof Requested.BySelection s
                        && s.selection().onlyForDefaultGroup())
                .toList();
        if (guarded.isEmpty()) {
            return;
        }
        Map<String, String> names;
        try {
            names = ec2.groupNames(
                    guarded.stream().map(p -> p.groupId).distinct().toList());
        } catch (Ec2CallFailed e) {
            guarded.forEach(p -> p.fail(e.code(), "could not confirm the group is a default group: " + e.getMessage()));
            return;
        }
        for (Pending p : guarded) {
            String name = names.get(p.groupId);
            if (!"default".equals(name)) {
                p.settle(
                        Outcome.SKIPPED,
                        null,
                        p.groupId + " is not a VPC's default group (its name is '" + name
                                + "'): only a default group is emptied of every ingress rule");
            }
        }
    }
}
