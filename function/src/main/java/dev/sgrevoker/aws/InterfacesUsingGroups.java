package dev.sgrevoker.aws;

import dev.sgrevoker.model.GroupUse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

/**
 * DescribeNetworkInterfaces filtered by group id, up to {@link SdkEc2Gateway#FILTER_VALUES} ids a call, every page:
 * paced by the describe bucket like every Describe (the client's {@link PacingInterceptor}).
 */
final class InterfacesUsingGroups {
    /** DescribeNetworkInterfaces' largest page. */
    static final int PAGE_SIZE = 1000;

    private InterfacesUsingGroups() {}

    static Map<String, GroupUse> of(Ec2Client ec2, Collection<String> groupIds) {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        new LinkedHashSet<>(groupIds).forEach(id -> tallies.put(id, new Tally()));
        for (List<String> chunk : SdkEc2Gateway.filterChunks(tallies.keySet())) {
            Filter byGroup = Filter.builder().name("group-id").values(chunk).build();
            SdkEc2Gateway.call(() -> {
                ec2.describeNetworkInterfacesPaginator(r -> r.filters(byGroup).maxResults(PAGE_SIZE))
                        .networkInterfaces()
                        .forEach(ni -> count(ni, tallies));
                return null;
            });
        }
        Map<String, GroupUse> use = new LinkedHashMap<>();
        tallies.forEach((id, t) -> use.put(id, new GroupUse(t.interfaces, t.examples, t.owners)));
        return use;
    }

    /** An interface counts once for each of its groups asked about (an interface may have up to 16). */
    private static void count(NetworkInterface ni, Map<String, Tally> tallies) {
        Set<String> seen = new LinkedHashSet<>();
        for (GroupIdentifier g : ni.groups()) {
            Tally t = tallies.get(g.groupId());
            if (t == null || !seen.add(g.groupId())) {
                continue;
            }
            t.interfaces++;
            if (t.examples.size() < GroupUse.MAX_EXAMPLES) {
                t.examples.add(new GroupUse.InterfaceExample(
                        ni.networkInterfaceId(),
                        ni.interfaceTypeAsString(),
                        ni.attachment() == null ? null : ni.attachment().instanceId(),
                        ni.requesterId(),
                        ni.description() == null || ni.description().isEmpty() ? null : ni.description()));
            }
            if (ni.ownerId() != null && t.owners.size() < GroupUse.MAX_OWNERS) {
                t.owners.add(ni.ownerId());
            }
        }
    }

    private static final class Tally {
        int interfaces;
        final List<GroupUse.InterfaceExample> examples = new ArrayList<>();
        final Set<String> owners = new LinkedHashSet<>();
    }
}
