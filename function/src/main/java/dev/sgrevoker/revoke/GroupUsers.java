package dev.sgrevoker.revoke;

import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.GroupUse;
import dev.sgrevoker.model.PermissionOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What uses each group a sweep or an alert selected a rule of: the network interfaces that have it, and whether it
 * is shared, looked up once per account and region for all its groups, after the revoke (what a rule was keeping
 * reachable). A lookup that
 * fails, or an account that cannot be reached, leaves its entries without it: the remediation never waits on it.
 */
public final class GroupUsers {
    private final Ec2Gateways gateways;

    public GroupUsers(Ec2Gateways gateways) {
        this.gateways = gateways;
    }

    /** The outcomes, those of selected rules with their group's use; the others as they were. */
    public List<PermissionOutcome> addTo(List<PermissionOutcome> outcomes) {
        Map<AccountRegion, Set<String>> wanted = new LinkedHashMap<>();
        outcomes.stream()
                .filter(GroupUsers::selected)
                .forEach(o -> wanted.computeIfAbsent(o.subject().where(), w -> new LinkedHashSet<>())
                        .add(o.groupId()));
        if (wanted.isEmpty()) {
            return outcomes;
        }
        Map<AccountRegion, Map<String, GroupUse>> found = new LinkedHashMap<>();
        wanted.forEach((where, groupIds) -> found.put(where, lookUp(where, groupIds)));
        List<PermissionOutcome> out = new ArrayList<>(outcomes.size());
        for (PermissionOutcome o : outcomes) {
            GroupUse use = selected(o) ? found.get(o.subject().where()).get(o.groupId()) : null;
            out.add(use == null ? o : o.withGroupUse(use));
        }
        return out;
    }

    /** The groups of these ids that no interface of their account has and nothing says are shared (inUse: false). */
    public static Set<String> unused(Map<String, GroupUse> use, Map<String, String> accountOfGroup) {
        Set<String> unused = new LinkedHashSet<>();
        use.forEach((groupId, u) -> {
            if (u.unused(accountOfGroup.get(groupId))) {
                unused.add(groupId);
            }
        });
        return unused;
    }

    private Map<String, GroupUse> lookUp(AccountRegion where, Set<String> groupIds) {
        try {
            return gateways.forAccount(where).groupUse(groupIds);
        } catch (Ec2CallFailed | AccountUnreachable e) {
            return Map.of(); // said of no group: the entries carry no use, rather than a wrong one
        }
    }

    /** A rule a sweep or an alert chose, in a group the engine acted in. */
    private static boolean selected(PermissionOutcome o) {
        return o.because() != null && o.groupId() != null && o.subject().where() != null;
    }
}
