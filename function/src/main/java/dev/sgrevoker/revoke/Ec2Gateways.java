package dev.sgrevoker.revoke;

import dev.sgrevoker.model.FailureCode;

/** EC2 per account: the function's own, and member accounts reached through a role assumed there. */
public interface Ec2Gateways {
    /**
     * The gateway for {@code account}; null is the function's own. Throws {@link AccountUnreachable} when the account
     * cannot be reached (no member access configured, or the role could not be assumed).
     */
    Ec2Gateway forAccount(String account);

    /** Only the function's own account: a request for any other fails, naming why. */
    static Ec2Gateways ownOnly(Ec2Gateway own) {
        return account -> {
            if (account == null) {
                return own;
            }
            throw new AccountUnreachable(
                    FailureCode.Ours.MEMBER_ACCOUNT_NOT_ENABLED,
                    "the group is in account " + account + ", and no member account role is configured ("
                            + MemberAccess.MEMBER_ROLE_NAME + ")");
        };
    }
}
