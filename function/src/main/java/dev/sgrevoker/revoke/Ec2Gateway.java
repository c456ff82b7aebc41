package dev.sgrevoker.revoke;

import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.GroupUse;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The EC2 calls revocation needs. Every method throws {@link Ec2CallFailed} when EC2 refuses. */
public interface Ec2Gateway {

    /** All rules (ingress and egress) of these groups, by group id; a group without rules may be missing. */
    Map<String, List<DescribedRule>> rulesOf(Collection<String> groupIds);

    /** The groups that exist, by id: name, VPC, owner account and tags. A group missing from the map does not exist. */
    Map<String, GroupFacts> groups(Collection<String> groupIds);

    /** The id of the group with this name in the default VPC, where EC2 resolves group names. */
    Optional<String> groupIdByName(String groupName);

    /**
     * Revokes these ingress rules of one group by their ids. With {@code dryRun} EC2 only checks the caller's right:
     * returning normally means EC2 answered DryRunOperation (it would have been allowed).
     */
    void revoke(String groupId, List<String> ruleIds, boolean dryRun);

    /**
     * Revokes these egress rules of one group by their ids, as {@link #revoke} does ingress ones: only a VPC default
     * group's, for EC2.2 with DEFAULT_GROUP_EGRESS=revoke (the engine decides; the role allows it only then).
     */
    void revokeEgress(String groupId, List<String> ruleIds, boolean dryRun);

    /**
     * What network interfaces have these groups (DescribeNetworkInterfaces by group id), and whether each is shared
     * (VPC associations, AWS RAM), by group id; a group no interface has maps to a use of 0. A group missing from the
     * map was not looked up: nothing is said of it.
     */
    default Map<String, GroupUse> groupUse(Collection<String> groupIds) {
        return Map.of();
    }

    /** How long the next revoke would wait for EC2's call budget (client-side pacing), in milliseconds. */
    default long revokeWaitMillis() {
        return 0;
    }
}
