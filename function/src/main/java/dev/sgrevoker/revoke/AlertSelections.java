package dev.sgrevoker.revoke;

import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns an alert's selection into the group's current ingress rules it chooses, once EC2 has described them. */
final class AlertSelections {
    private AlertSelections() {}

    /**
     * An alert's selection becomes one pending rule id per current ingress rule it chooses, each carrying the alert's
     * reason; a selection that chooses nothing is NOT_FOUND (the offence is already gone). A selection meant for a
     * VPC's default group (EC2.2: every ingress rule) applies only where EC2 names the group "default": an alert that
     * names any other group is skipped rather than emptying it.
     */
    static List<Pending> expand(
            List<Pending> all, Map<String, GroupFacts> groups, Map<String, List<DescribedRule>> rules) {
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
            List<Selection.Candidate> ingress = rules.getOrDefault(p.groupId(), List.of()).stream()
                    .filter(r -> !r.egress())
                    .map(r -> new Selection.Candidate(r.ruleId(), r.permission()))
                    .toList();
            List<String> chosen = s.selection().select(ingress).stream()
                    .map(Selection.Candidate::ruleId)
                    .toList();
            if (chosen.isEmpty()) {
                p.notFound(p.groupId() + " has no current ingress rule to revoke for: "
                        + s.selection().describe());
                out.add(p);
            }
            rules.get(p.groupId()).stream()
                    .filter(r -> chosen.contains(r.ruleId()))
                    .forEach(r -> out.add(p.chosen(r, s.why())));
        }
        return out;
    }
}
