package dev.sgrevoker.aws;

import dev.sgrevoker.model.Account;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.revoke.AccountUnreachable;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.revoke.Ec2Gateways;
import dev.sgrevoker.revoke.MemberAccess;
import dev.sgrevoker.revoke.RuleInventory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * EC2 per account and region: the function's own (built at start-up), and one client per other place, built on first
 * use and kept for the life of the instance: the own account's other regions on the function's credentials, a
 * member account's regions on the member role's (assumed once per account). STS is loaded only when the first member
 * account is asked for; an account whose role cannot be assumed is not kept, so the next request tries again.
 * Whether a place may be acted in is the intake's to judge (AccountPolicy); this only reaches it.
 */
final class MemberAccountGateways implements Ec2Gateways {
    private final Place own;
    private final MemberAccess access;
    private final PlaceFactory ec2For;
    private final Supplier<RoleCredentials> roles;
    private final Map<AccountRegion, Place> places = new ConcurrentHashMap<>();
    private final Map<String, AwsCredentialsProvider> sessions = new ConcurrentHashMap<>();
    private volatile RoleCredentials sts;

    MemberAccountGateways(Place own, MemberAccess access, PlaceFactory ec2For, Supplier<RoleCredentials> roles) {
        this.own = own;
        this.access = access;
        this.ec2For = ec2For;
        this.roles = roles;
    }

    /** One place's EC2: the engine's gateway and what a sweep reads there. */
    record Place(Ec2Gateway ec2, RuleInventory inventory) {}

    /** Builds a place's client; null credentials are the function's own, a null region its own. */
    interface PlaceFactory {
        Place build(AwsCredentialsProvider credentials, String region);
    }

    @Override
    public Ec2Gateway forAccount(AccountRegion where) {
        return place(where).ec2();
    }

    @Override
    public RuleInventory ownInventory() {
        return own.inventory();
    }

    @Override
    public RuleInventory inventory(AccountRegion where) {
        return place(where).inventory();
    }

    @Override
    public ShardPacing paceAsShard(AccountRegion where) {
        return place(where).ec2() instanceof SdkEc2Gateway sdk ? sdk.paceAsShard() : ShardPacing.NONE;
    }

    private Place place(AccountRegion where) {
        if (where.equals(AccountRegion.OWN)) {
            return own;
        }
        return places.computeIfAbsent(where, p -> switch (p.account()) {
            case Account.Own o -> ec2For.build(null, p.namedRegion());
            case Account.Member m -> ec2For.build(session(m.id()), p.namedRegion());
        });
    }

    /** The member role's session in {@code account}, assumed once for all its regions. */
    private AwsCredentialsProvider session(String account) {
        if (!access.enabled()) {
            throw new AccountUnreachable(
                    FailureCode.Ours.MEMBER_ACCOUNT_NOT_ENABLED,
                    "the group is in account " + account
                            + ", and no member account role is configured (MEMBER_ROLE_NAME)");
        }
        return sessions.computeIfAbsent(account, a -> roles().assume(access, a));
    }

    private RoleCredentials roles() {
        RoleCredentials r = sts;
        if (r == null) {
            synchronized (this) {
                if (sts == null) {
                    sts = roles.get();
                }
                r = sts;
            }
        }
        return r;
    }

    /** The member role's credentials in one account; throws AccountUnreachable when the role cannot be assumed. */
    interface RoleCredentials {
        AwsCredentialsProvider assume(MemberAccess access, String account);
    }
}
