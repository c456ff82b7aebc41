package dev.sgrevoker.model;

import java.util.Map;

/**
 * A rule as EC2 describes it: its id, its group, its direction, what it allows (with the rule's own description) and
 * its tags. Taken just before a revoke, it is the before-image a restore re-creates.
 */
public record DescribedRule(
        String ruleId, String groupId, boolean egress, Permission permission, Map<String, String> tags) {
    public DescribedRule {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
