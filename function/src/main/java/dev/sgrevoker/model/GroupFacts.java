package dev.sgrevoker.model;

import java.util.Map;

/** A security group as EC2 describes it: what the record names it by and the tags guards read (protected, exempt). */
public record GroupFacts(String groupId, String groupName, String vpcId, String ownerId, Map<String, String> tags) {
    public GroupFacts {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A VPC's default group, the only group EC2.2 empties. */
    public boolean isDefaultGroup() {
        return "default".equals(groupName);
    }
}
