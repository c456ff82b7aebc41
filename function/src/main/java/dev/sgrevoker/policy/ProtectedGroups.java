package dev.sgrevoker.policy;

import dev.sgrevoker.model.GroupFacts;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Groups that are never revoked from, whatever asks: those tagged {@value #TAG_KEY}={@value #TAG_VALUE} and those
 * listed in {@value #PROTECTED_GROUP_IDS}. The role's policy denies the same tag, so IAM holds the line if this
 * check is ever bypassed. The tag key is fixed on purpose: the IAM Deny in both templates names it.
 */
public record ProtectedGroups(Set<String> groupIds) {
    public static final String TAG_KEY = "sg-revoker:protected";
    public static final String TAG_VALUE = "true";
    public static final String PROTECTED_GROUP_IDS = "PROTECTED_GROUP_IDS";

    public static final ProtectedGroups TAG_ONLY = new ProtectedGroups(Set.of());

    public ProtectedGroups {
        groupIds = Set.copyOf(groupIds);
    }

    /** A comma-separated list of group ids (null or blank: none); anything else in it is a configuration error. */
    public static ProtectedGroups of(String commaSeparatedIds) {
        Set<String> ids = commaSeparatedIds == null
                ? Set.of()
                : Arrays.stream(commaSeparatedIds.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toSet());
        ids.stream().filter(id -> !id.matches("sg-[0-9a-f]{8,17}")).findFirst().ifPresent(id -> {
            throw new IllegalArgumentException(PROTECTED_GROUP_IDS + ": '" + id + "' is not a security group id");
        });
        return new ProtectedGroups(ids);
    }

    /** Why this group may not be revoked from, or empty when it may. */
    public Optional<String> reason(GroupFacts group) {
        if (groupIds.contains(group.groupId())) {
            return Optional.of(group.groupId() + " is listed in " + PROTECTED_GROUP_IDS + ": it is never revoked from");
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
