package dev.sgrevoker.model;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a group is keeping reachable, as its own account sees it: how many network interfaces have it, up to
 * {@link #MAX_EXAMPLES} of them, and the accounts those interfaces belong to. A group another account's interface has
 * is shared (security group sharing in a shared VPC): it may be used where its own account cannot look, so it is
 * never called unused.
 */
public record GroupUse(int interfaces, List<InterfaceExample> examples, Set<String> interfaceOwners) {
    public static final int MAX_EXAMPLES = 5;

    /** At most this many owner accounts are kept: one other than the group's is enough to call it shared. */
    public static final int MAX_OWNERS = 10;

    /** A network interface that has the group: a load balancer, RDS or Lambda shows in type, requester, description. */
    public record InterfaceExample(
            String interfaceId, String interfaceType, String instanceId, String requesterId, String description) {}

    public GroupUse {
        if (interfaces < 0) {
            throw new IllegalArgumentException("interfaces must not be negative");
        }
        examples = List.copyOf(examples.subList(0, Math.min(examples.size(), MAX_EXAMPLES)));
        interfaceOwners = Set.copyOf(interfaceOwners);
    }

    /** No interface of any account it can see has the group. */
    public static final GroupUse NONE = new GroupUse(0, List.of(), Set.of());

    /**
     * Why the group is never called unused, or null: interfaces of accounts other than {@code groupAccount} have it.
     * With the group's account unknown nothing can be said, so null.
     */
    public String sharedBecause(String groupAccount) {
        if (groupAccount == null) {
            return null;
        }
        Set<String> others = new TreeSet<>(interfaceOwners);
        others.remove(groupAccount);
        if (others.isEmpty()) {
            return null;
        }
        return "network interfaces of account" + (others.size() == 1 ? " " : "s ") + String.join(", ", others)
                + " have it: the group is shared (security group sharing or a VPC association), and may be used"
                + " where account " + groupAccount + " cannot look";
    }

    /** Revoking from it changes no traffic today: no interface has it, and nothing says it is shared. */
    public boolean unused(String groupAccount) {
        return interfaces == 0 && sharedBecause(groupAccount) == null;
    }
}
