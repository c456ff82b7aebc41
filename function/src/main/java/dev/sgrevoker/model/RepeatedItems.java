package dev.sgrevoker.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Items that ask again for what an earlier item of the same result asked: the same rule (by id, or the rules a
 * permission matched), or the same permission where none matched, in the same group and place, dry run or not.
 * The rule goes (or not) once, so such an item is marked with the first one's index and outcome, and counted once.
 */
final class RepeatedItems {
    private RepeatedItems() {}

    /** What an item asks, where it names a rule; an intake skip or a selection that chose nothing names none. */
    private record Ask(AccountRegion where, String group, boolean dryRun, Object rule) {}

    static List<PermissionOutcome> marked(List<PermissionOutcome> outcomes) {
        Map<Ask, Integer> first = new HashMap<>();
        List<PermissionOutcome> out = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            PermissionOutcome p = outcomes.get(i);
            Ask ask = askOf(p.subject());
            Integer earlier = ask == null ? null : first.putIfAbsent(ask, i);
            out.add(earlier == null ? p : p.repeating(outcomes.get(earlier), earlier));
        }
        return out;
    }

    private static Ask askOf(PermissionOutcome.Subject s) {
        Object rule = s.ruleId() != null
                ? s.ruleId()
                : s.permission() == null
                        ? null
                        // The description takes no part in what a permission asks, as in EC2's matching.
                        : new Permission(
                                s.permission().protocol(),
                                s.permission().ports(),
                                s.permission().source(),
                                null);
        String group = s.groupId() != null ? s.groupId() : s.groupName();
        return rule == null || group == null || s.where() == null ? null : new Ask(s.where(), group, s.dryRun(), rule);
    }
}
