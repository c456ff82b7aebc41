package dev.sgrevoker.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.Region;
import dev.sgrevoker.revoke.AccountUnreachable;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.revoke.MemberAccess;
import dev.sgrevoker.revoke.RuleInventory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/** STS only when a member account is asked for; one client per member account; a refusal is not remembered. */
class MemberAccountGatewaysTest {
    private static final MemberAccess ACCESS = new MemberAccess("sg-revoker-member", "ext-123");

    private static final class NoEc2 implements Ec2Gateway {
        @Override
        public Map<String, List<DescribedRule>> rulesOf(Collection<String> groupIds) {
            return Map.of();
        }

        @Override
        public Map<String, GroupFacts> groups(Collection<String> groupIds) {
            return Map.of();
        }

        @Override
        public Optional<String> groupIdByName(String groupName) {
            return Optional.empty();
        }

        @Override
        public void revoke(String groupId, List<String> ruleIds, boolean dryRun) {}

        @Override
        public void revokeEgress(String groupId, List<String> ruleIds, boolean dryRun) {}
    }

    private final Ec2Gateway own = new NoEc2();
    private final AtomicInteger stsBuilt = new AtomicInteger();
    private final List<String> assumed = new ArrayList<>();
    private final Set<String> refusing = new java.util.HashSet<>(Set.of("333333333333"));
    /** Each client built: with whose credentials (null: the function's own) and in which region (null: its own). */
    private final List<String> built = new ArrayList<>();

    private MemberAccountGateways gateways(MemberAccess access) {
        return new MemberAccountGateways(
                new MemberAccountGateways.Place(own, RuleInventory.NONE),
                access,
                (credentials, region) -> {
                    built.add((credentials == null ? "own" : "member") + "@" + region);
                    return new MemberAccountGateways.Place(new NoEc2(), RuleInventory.NONE);
                },
                () -> {
                    stsBuilt.incrementAndGet();
                    return (a, account) -> {
                        assumed.add(account);
                        if (refusing.contains(account)) {
                            throw new AccountUnreachable(FailureCode.Ours.ASSUME_ROLE_FAILED, "refused in " + account);
                        }
                        return AnonymousCredentialsProvider.create();
                    };
                });
    }

    private final MemberAccountGateways gateways = gateways(ACCESS);

    @Test
    void ourOwnAccountNeverTouchesSts() {
        assertSame(own, gateways.forAccount(AccountRegion.OWN));
        assertSame(own, gateways.forAccount(AccountRegion.OWN));
        assertEquals(0, stsBuilt.get());
    }

    @Test
    void eachMemberAccountIsAssumedOnceAndKept() {
        Ec2Gateway first = gateways.forAccount(AccountRegion.member("222222222222"));
        assertSame(first, gateways.forAccount(AccountRegion.member("222222222222")));
        Ec2Gateway other = gateways.forAccount(AccountRegion.member("444444444444"));
        assertEquals(List.of("222222222222", "444444444444"), assumed);
        assertEquals(1, stsBuilt.get(), "one STS client for every member account");
        assertNotSame(first, other);
    }

    @Test
    void eachRegionHasItsOwnClientAndAMemberRoleIsAssumedOncePerAccount() {
        AccountRegion ownWest = AccountRegion.OWN.in(new Region.Named("us-west-2"));
        AccountRegion memberWest = AccountRegion.member("222222222222").in(new Region.Named("eu-west-1"));
        Ec2Gateway west = gateways.forAccount(ownWest);
        assertNotSame(own, west);
        assertSame(west, gateways.forAccount(ownWest));
        Ec2Gateway memberHome = gateways.forAccount(AccountRegion.member("222222222222"));
        assertNotSame(memberHome, gateways.forAccount(memberWest));
        assertSame(gateways.forAccount(memberWest), gateways.forAccount(memberWest));
        assertEquals(List.of("own@us-west-2", "member@null", "member@eu-west-1"), built);
        assertEquals(List.of("222222222222"), assumed, "one session for all of a member's regions");
    }

    @Test
    void withoutAMemberRoleOnlyTheOwnAccountIsReachedInEveryRegion() {
        MemberAccountGateways ownOnly = gateways(MemberAccess.NONE);
        ownOnly.forAccount(AccountRegion.OWN.in(new Region.Named("us-west-2")));
        AccountUnreachable e =
                assertThrows(AccountUnreachable.class, () -> ownOnly.forAccount(AccountRegion.member("222222222222")));
        assertEquals(FailureCode.Ours.MEMBER_ACCOUNT_NOT_ENABLED, e.code());
        assertEquals(0, stsBuilt.get());
    }

    @Test
    void aRefusedRoleIsTriedAgainNextTime() {
        assertThrows(AccountUnreachable.class, () -> gateways.forAccount(AccountRegion.member("333333333333")));
        refusing.clear();
        gateways.forAccount(AccountRegion.member("333333333333"));
        assertEquals(List.of("333333333333", "333333333333"), assumed);
    }
}
