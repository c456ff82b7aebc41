package dev.sgrevoker.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a group is keeping reachable, as its own account sees it: how many network interfaces have it, up to
 * {@link #MAX_EXAMPLES} of them, the accounts those interfaces belong to, and whether the group is shared (AWS RAM, VPC
 * associations). A shared group may be used where its own account cannot look, so it is never called unused; nor is
 * one whose sharing could not be checked.
 */
public record GroupUse(
        int interfaces, List<InterfaceExample> examples, Set<String> interfaceOwners, GroupSharing sharing) {
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
        sharing = sharing == null ? GroupSharing.NOT_LOOKED_UP : sharing;
    }

    /** The interfaces alone: sharing not looked up, so never unused until {@link #withSharing} says. */
    public GroupUse(int interfaces, List<InterfaceExample> examples, Set<String> interfaceOwners) {
        this(interfaces, examples, interfaceOwners, GroupSharing.NOT_LOOKED_UP);
    }

    /** No interface of any account it can see has the group, and both sharing lookups said not shared. */
    public static final GroupUse NONE = new GroupUse(0, List.of(), Set.of(), GroupSharing.NOT_SHARED);

    public GroupUse withSharing(GroupSharing sharing) {
        return new GroupUse(interfaces, examples, interfaceOwners, sharing);
    }

    /**
     * Why the group is shared, or null: interfaces of accounts other than {@code groupAccount} have it (with the
     * group's account unknown that cannot be said), or a RAM share or another VPC's association shows it.
     */
    public String sharedBecause(String groupAccount) {
        List<String> why = new ArrayList<>();
        Set<String> others = new TreeSet<>(interfaceOwners);
        if (groupAccount != null) {
            others.remove(groupAccount);
        }
        if (groupAccount != null && !others.isEmpty()) {
            why.add("network interfaces of account" + (others.size() == 1 ? " " : "s ") + String.join(", ", others)
                    + " have it");
        }
        why.addAll(sharing.sharedThrough());
        if (why.isEmpty()) {
            return null;
        }
        return String.join("; ", why) + ": the group is shared, and may be used where "
                + (groupAccount == null ? "its own account" : "account " + groupAccount) + " cannot look";
    }

    /** Why sharing is unknown (a lookup failed), or null when both answered or the group is shown shared anyway. */
    public String sharingNotChecked(String groupAccount) {
        return sharedBecause(groupAccount) == null ? sharing.notChecked() : null;
    }

    /**
     * Revoking from it changes no traffic today: no interface has it, both sharing lookups answered, and nothing says
     * it is shared.
     */
    public boolean unused(String groupAccount) {
        return interfaces == 0 && sharedBecause(groupAccount) == null && sharing.notChecked() == null;
    }
}
