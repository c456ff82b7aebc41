package dev.sgrevoker.aws;

import dev.sgrevoker.model.Account;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.revoke.Ec2Gateways;
import dev.sgrevoker.revoke.MemberAccess;
import dev.sgrevoker.revoke.RuleInventory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The function's own EC2, and one EC2 client per member account, built on first use from the member role's
 * credentials and kept for the life of the instance. STS is loaded only when the first member account is asked for;
 * an account whose role cannot be assumed is not kept, so the next request tries again.
 */
final class MemberAccountGateways implements Ec2Gateways {
    private final Ec2Gateway own;
    private final RuleInventory ownInventory;
    private final MemberAccess access;
    private final Function<AwsCredentialsProvider, Ec2Gateway> ec2For;
    private final Supplier<RoleCredentials> roles;
    private final Map<String, Ec2Gateway> members = new ConcurrentHashMap<>();
    private volatile RoleCredentials sts;

    MemberAccountGateways(
            Ec2Gateway own,
            RuleInventory ownInventory,
            MemberAccess access,
            Function<AwsCredentialsProvider, Ec2Gateway> ec2For,
            Supplier<RoleCredentials> roles) {
        this.own = own;
        this.ownInventory = ownInventory;
        this.access = access;
        this.ec2For = ec2For;
        this.roles = roles;
    }

    @Override
    public Ec2Gateway forAccount(AccountRegion where) {
        return switch (where.account()) {
            case Account.Own o -> own;
            case Account.Member m -> members.computeIfAbsent(m.id(), a -> ec2For.apply(roles().assume(access, a)));
        };
    }

    @Override
    public RuleInventory ownInventory() {
        return ownInventory;
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
