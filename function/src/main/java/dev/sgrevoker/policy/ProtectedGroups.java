package dev.sgrevoker.policy;

import dev.sgrevoker.model.GroupFacts;
import java.util.Optional;
import java.util.Set;

/**
 * Groups that are never revoked from, whatever asks: those tagged {@value #TAG_KEY}={@value #TAG_VALUE} and those
 * the deployer listed. The role's policy denies the same tag, so IAM holds the line if this check is ever bypassed.
 * The tag key is fixed on purpose: the IAM Deny in both templates names it.
 *
 * @param listedIn where the listed ids were configured, named in the reason
 */
public record ProtectedGroups(Set<String> groupIds, String listedIn) {
    public static final String TAG_KEY = "sg-revoker:protected";
    public static final String TAG_VALUE = "true";

    public static final ProtectedGroups TAG_ONLY = new ProtectedGroups(Set.of(), "no list");

    public ProtectedGroups {
        groupIds = Set.copyOf(groupIds);
    }

    /** Why this group may not be revoked from, or empty when it may. */
    public Optional<String> reason(GroupFacts group) {
        if (groupIds.contains(group.groupId())) {
            return Optional.of(group.groupId() + " is listed in " + listedIn + ": it is never revoked from");
        }
        String tag = group.tags().get(TAG_KEY);
        // Case-insensitive, as the role's Deny (StringEqualsIgnoreCase): the code never allows what IAM denies.
        if (tag != null && tag.trim().equalsIgnoreCase(TAG_VALUE)) {
            return Optional.of(group.groupId() + " carries the tag " + TAG_KEY + "=" + tag
                    + ": a protected group is never revoked from");
        }
        return Optional.empty();
    }
}
