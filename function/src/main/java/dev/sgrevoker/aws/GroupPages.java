package dev.sgrevoker.aws;

import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.policy.Sweep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/** DescribeSecurityGroups for the gateway: the groups of a sweep's scope, by pages kept small. */
final class GroupPages {
    /** DescribeSecurityGroups' MaxResults bounds, the first page's size, and the rules a page is kept near. */
    static final int MAX_GROUPS_PER_PAGE = 1000;

    static final int MIN_GROUPS_PER_PAGE = 5;
    static final int FIRST_GROUPS_PER_PAGE = 10;
    static final int RULES_PER_PAGE = 5000;

    private GroupPages() {}

    /** The groups of {@code scope} that also match {@code more}, as facts (their rules are read elsewhere). */
    static Map<String, GroupFacts> in(Ec2Client ec2, Sweep.Scope scope, List<Filter> more) {
        List<Filter> filters = new ArrayList<>(more);
        if (!scope.vpcIds().isEmpty()) {
            filters.add(Filter.builder().name("vpc-id").values(scope.vpcIds()).build());
        }
        scope.tags()
                .forEach((k, v) ->
                        filters.add(Filter.builder().name("tag:" + k).values(v).build()));
        List<List<String>> chunks =
                scope.groupIds().isEmpty() ? List.of(List.of()) : SdkEc2Gateway.filterChunks(scope.groupIds());
        Map<String, GroupFacts> facts = new LinkedHashMap<>();
        for (List<String> chunk : chunks) {
            List<Filter> all = new ArrayList<>(filters);
            if (!chunk.isEmpty()) {
                all.add(SdkEc2Gateway.groupFilter(chunk));
            }
            // Each page's permissions are dropped here: rules are read once, from DescribeSecurityGroupRules.
            each(ec2, all, g -> facts.put(g.groupId(), DescribeAnswers.facts(g)));
        }
        return facts;
    }

    /**
     * DescribeSecurityGroups by pages that stay small. The SDK parses a page whole, and each group brings all its
     * rules (up to 2,000 with raised quotas), so a page of 1,000 groups could hold hundreds of MB: pages start at
     * {@link #FIRST_GROUPS_PER_PAGE} groups and grow at most twofold, as far as keeps them near
     * {@link #RULES_PER_PAGE} rules by what the last page held.
     */
    static void each(Ec2Client ec2, List<Filter> filters, Consumer<SecurityGroup> each) {
        int size = FIRST_GROUPS_PER_PAGE;
        String token = null;
        do {
            int pageSize = size;
            String pageToken = token;
            DescribeSecurityGroupsResponse page = SdkEc2Gateway.call(() -> ec2.describeSecurityGroups(
                    r -> r.filters(filters).maxResults(pageSize).nextToken(pageToken)));
            page.securityGroups().forEach(each);
            size = nextGroupPageSize(
                    size, page.securityGroups().size(), DescribeAnswers.sources(page.securityGroups()));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
    }

    /** The next page's MaxResults, from the last one's: {@code asked} groups, {@code groups} given, holding {@code rules}. */
    static int nextGroupPageSize(int asked, int groups, int rules) {
        long grown = 2L * asked;
        long fits = groups == 0 || rules <= 0 ? grown : (long) groups * RULES_PER_PAGE / rules;
        return (int) Math.max(MIN_GROUPS_PER_PAGE, Math.min(MAX_GROUPS_PER_PAGE, Math.min(grown, fits)));
    }
}
