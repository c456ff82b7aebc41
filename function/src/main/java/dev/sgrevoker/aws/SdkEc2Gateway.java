package dev.sgrevoker.aws;

import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.GroupSharing;
import dev.sgrevoker.model.GroupUse;
import dev.sgrevoker.model.Selection;
import dev.sgrevoker.policy.Sweep;
import dev.sgrevoker.revoke.Ec2CallFailed;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.revoke.Ec2Gateways;
import dev.sgrevoker.revoke.RuleInventory;
import dev.sgrevoker.revoke.RuleInventory.RulePage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/** {@link Ec2Gateway} over the AWS SDK for Java v2. Describes are batched across groups with filters and pages. */
public final class SdkEc2Gateway implements Ec2Gateway, RuleInventory {
    /** EC2 takes at most 200 values in one filter. */
    static final int FILTER_VALUES = 200;

    private final Ec2Client ec2;
    private final CallPacer revokes;
    /** AWS RAM in this place, on its credentials (built on first use); null: not asked, so sharing not checked. */
    private Supplier<SharedGroups.RamResources> ram;
    /** The describes' pacer, for a shard's pacing (null where only revokes were given). */
    private CallPacer describes;

    /**
     * While a shard of a sweep run works here: both pacers at a shard's share of this account-region's buckets, until
     * the handle is closed.
     */
    Ec2Gateways.ShardPacing paceAsShard() {
        if (describes == null) {
            return Ec2Gateways.ShardPacing.NONE;
        }
        describes.asShard(true);
        revokes.asShard(true);
        return () -> {
            describes.asShard(false);
            revokes.asShard(false);
        };
    }

    /** {@code revokes} is the pacer the client's {@link PacingInterceptor} applies to revokes: it tells the wait. */
    SdkEc2Gateway(Ec2Client ec2, CallPacer describes, CallPacer revokes, Supplier<SharedGroups.RamResources> ram) {
        this(ec2, revokes);
        this.describes = describes;
        this.ram = ram;
    }

    /** {@code revokes} is the pacer the client's {@link PacingInterceptor} applies to revokes: it tells the wait. */
    SdkEc2Gateway(Ec2Client ec2, CallPacer revokes) {
        this.ec2 = ec2;
        this.revokes = revokes;
    }

    @Override
    public long revokeWaitMillis() {
        return revokes.waitMillis();
    }

    @Override
    public Map<String, List<DescribedRule>> rulesOf(Collection<String> groupIds) {
        Map<String, List<DescribedRule>> rules = new LinkedHashMap<>();
        List<String> ids = List.copyOf(new LinkedHashSet<>(groupIds));
        for (List<String> chunk : filterChunks(ids)) {
            call(() -> {
                ec2.describeSecurityGroupRulesPaginator(
                                r -> r.filters(groupFilter(chunk)).maxResults(1000))
                        .securityGroupRules()
                        .forEach(rule -> rules.computeIfAbsent(rule.groupId(), k -> new ArrayList<>())
                                .add(DescribeAnswers.described(rule)));
                return null;
            });
        }
        return rules;
    }

    @Override
    public Map<String, GroupFacts> groups(Collection<String> groupIds) {
        Map<String, GroupFacts> names = new LinkedHashMap<>();
        for (List<String> chunk : filterChunks(groupIds)) {
            GroupPages.each(ec2, List.of(groupFilter(chunk)), g -> names.put(g.groupId(), DescribeAnswers.facts(g)));
        }
        return names;
    }

    @Override
    public Map<String, GroupFacts> groupsIn(Sweep.Scope scope) {
        return GroupPages.in(ec2, scope, List.of());
    }

    @Override
    public Map<String, GroupFacts> defaultGroupsIn(Sweep.Scope scope) {
        // EC2 reserves the name: in each VPC only its default group is called "default".
        return GroupPages.in(
                ec2,
                scope,
                List.of(Filter.builder().name("group-name").values("default").build()));
    }

    @Override
    public Optional<Map<String, GroupFacts>> groupsOpenToWorldIn(Sweep.Scope scope) {
        Map<String, GroupFacts> open = new LinkedHashMap<>();
        try {
            open.putAll(
                    GroupPages.in(ec2, scope, List.of(ingressFrom("ip-permission.ipv6-cidr", Selection.IPV6_WORLD))));
            open.putAll(GroupPages.in(ec2, scope, List.of(ingressFrom("ip-permission.cidr", Selection.IPV4_WORLD))));
        } catch (Ec2CallFailed e) {
            // A filter this EC2 refuses (moto lacks the IPv6 one) costs the narrowing, never a rule: all are read.
            return Optional.empty();
        }
        return Optional.of(open);
    }

    private static Filter ingressFrom(String name, String cidr) {
        return Filter.builder().name(name).values(cidr).build();
    }

    @Override
    public void forEachRulePage(Collection<String> groupIds, Consumer<RulePage> page) {
        List<List<String>> chunks = groupIds == null ? List.of(List.of()) : filterChunks(groupIds);
        for (List<String> chunk : chunks) {
            if (groupIds != null && chunk.isEmpty()) {
                continue;
            }
            call(() -> {
                ec2.describeSecurityGroupRulesPaginator(r -> {
                            r.maxResults(1000);
                            if (!chunk.isEmpty()) {
                                r.filters(groupFilter(chunk));
                            }
                        })
                        .forEach(response -> page.accept(DescribeAnswers.rulePage(response.securityGroupRules())));
                return null;
            });
        }
    }

    @Override
    public Map<String, GroupUse> groupUse(Collection<String> groupIds) {
        Map<String, GroupUse> use = InterfacesUsingGroups.of(ec2, groupIds);
        Map<String, GroupSharing> sharing = SharedGroups.of(ec2, ram, describes, use.keySet());
        use.replaceAll((id, u) -> u.withSharing(sharing.get(id)));
        return use;
    }

    @Override
    public Map<String, GroupUse> interfacesUsing(Collection<String> groupIds) {
        return groupUse(groupIds);
    }

    @Override
    public Optional<String> groupIdByName(String groupName) {
        try {
            // GroupNames (not a filter) resolves in the default VPC only, exactly as EC2 resolves names on revoke.
            List<SecurityGroup> groups = call(() ->
                    ec2.describeSecurityGroups(r -> r.groupNames(groupName)).securityGroups());
            return groups.stream().map(SecurityGroup::groupId).findFirst();
        } catch (Ec2CallFailed e) {
            if (e.is("InvalidGroup.NotFound")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void revoke(String groupId, List<String> ruleIds, boolean dryRun) {
        revoking(
                dryRun,
                () -> ec2.revokeSecurityGroupIngress(r ->
                                r.groupId(groupId).securityGroupRuleIds(ruleIds).dryRun(dryRun))
                        .returnValue());
    }

    @Override
    public void revokeEgress(String groupId, List<String> ruleIds, boolean dryRun) {
        revoking(
                dryRun,
                () -> ec2.revokeSecurityGroupEgress(r ->
                                r.groupId(groupId).securityGroupRuleIds(ruleIds).dryRun(dryRun))
                        .returnValue());
    }

    /** One revoke call (either direction): EC2's answer, or its refusal as an Ec2CallFailed. */
    private static void revoking(boolean dryRun, Supplier<Boolean> call) {
        try {
            if (Boolean.FALSE.equals(call.get())) {
                throw new Ec2CallFailed(FailureCode.Ours.RETURN_FALSE, "EC2 answered Return=false for the revoke");
            }
        } catch (AwsServiceException e) {
            if (dryRun && "DryRunOperation".equals(e.awsErrorDetails().errorCode())) {
                return;
            }
            Ec2CallFailed failure = failed(e);
            throw new Ec2CallFailed(failure.code(), failure.getMessage(), e.numAttempts() > 1);
        } catch (SdkClientException e) {
            throw new Ec2CallFailed(FailureCode.Ours.CLIENT_ERROR, e.getMessage());
        }
    }

    /** Distinct ids, in order, at most {@link #FILTER_VALUES} to a filter. */
    static List<List<String>> filterChunks(Collection<String> groupIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(groupIds));
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += FILTER_VALUES) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + FILTER_VALUES)));
        }
        return chunks;
    }

    static Filter groupFilter(List<String> ids) {
        return Filter.builder().name("group-id").values(ids).build();
    }

    static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (AwsServiceException e) {
            throw failed(e);
        } catch (SdkClientException e) {
            throw new Ec2CallFailed(FailureCode.Ours.CLIENT_ERROR, e.getMessage());
        }
    }

    private static Ec2CallFailed failed(AwsServiceException e) {
        var details = e.awsErrorDetails();
        String code = details == null ? null : details.errorCode();
        String message = details == null || details.errorMessage() == null ? e.getMessage() : details.errorMessage();
        return new Ec2CallFailed(FailureCode.Aws.ec2(code, e.statusCode()), message);
    }
}
