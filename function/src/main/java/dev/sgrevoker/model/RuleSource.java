package dev.sgrevoker.model;

import java.util.Objects;

/** The one source of a rule: where the allowed traffic comes from. */
public sealed interface RuleSource {

    /** Whether a described rule's source is the one requested. */
    boolean matches(RuleSource described);

    record Ipv4Range(String cidr) implements RuleSource {
        @Override
        public boolean matches(RuleSource described) {
            return equals(described);
        }
    }

    record Ipv6Range(String cidr) implements RuleSource {
        @Override
        public boolean matches(RuleSource described) {
            return equals(described);
        }
    }

    record PrefixList(String prefixListId) implements RuleSource {
        @Override
        public boolean matches(RuleSource described) {
            return equals(described);
        }
    }

    /**
     * A referenced security group. A request may name it (default VPC) instead of giving its id; names are resolved
     * to ids before matching. Owner, VPC and peering connection, when requested, must agree with the described rule.
     */
    record GroupReference(String groupId, String groupName, String userId, String vpcId, String vpcPeeringConnectionId)
            implements RuleSource {

        public GroupReference withGroupId(String resolvedId) {
            return new GroupReference(resolvedId, groupName, userId, vpcId, vpcPeeringConnectionId);
        }

        public boolean needsNameResolution() {
            return groupId == null && groupName != null;
        }

        @Override
        public boolean matches(RuleSource described) {
            if (!(described instanceof GroupReference other) || groupId == null) {
                return false;
            }
            return groupId.equals(other.groupId)
                    && agrees(userId, other.userId)
                    && agrees(vpcId, other.vpcId)
                    && agrees(vpcPeeringConnectionId, other.vpcPeeringConnectionId);
        }

        private static boolean agrees(String requested, String described) {
            return requested == null || Objects.equals(requested, described);
        }
    }
}
