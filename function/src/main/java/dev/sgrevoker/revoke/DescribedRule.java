package dev.sgrevoker.revoke;

import dev.sgrevoker.model.Permission;

/** A rule as EC2 describes it: its id, its group, its direction and what it allows. */
public record DescribedRule(String ruleId, String groupId, boolean egress, Permission permission) {}
