package dev.sgrevoker.revoke;

import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.FailureCode;

/**
 * EC2 per account and region: the function's own, and member accounts reached through a role assumed there; and
 * what a sweep reads, given explicitly so that whether a handler can sweep is decided when it is wired.
 */
public interface Ec2Gateways {
    /**
     * The gateway for the group's account and region. Throws {@link AccountUnreachable} when the account cannot be
     * reached (no member access configured, or the role could not be assumed).
     */
    Ec2Gateway forAccount(AccountRegion where);

    /** What a sweep reads: the function's own account and region ({@link RuleInventory#NONE} where it cannot sweep). */
    RuleInventory ownInventory();

    /**
     * What a sweep reads in {@code where}; throws {@link AccountUnreachable} as {@link #forAccount} does. Unless a
     * gateway says otherwise, only the function's own place can be swept.
     */
    default RuleInventory inventory(AccountRegion where) {
        if (where.equals(AccountRegion.OWN)) {
            return ownInventory();
        }
        forAccount(where); // the same refusal a request there would get
        throw new IllegalStateException("this handler was built to sweep only its own account and region");
    }

    /**
     * A shard of a sweep run works on {@code where}: its EC2 calls there are paced at (nearly) that account-region's
     * whole bucket rather than an alert's share, until the handle is closed. The shard queue's FIFO groups make it
     * the only shard there at a time. Fakes pace nothing.
     */
    default ShardPacing paceAsShard(AccountRegion where) {
        return ShardPacing.NONE;
    }

    /** Ends a shard's pacing. */
    interface ShardPacing extends AutoCloseable {
        ShardPacing NONE = () -> {};

        @Override
        void close();
    }

    /** Only the function's own account, and no sweeps: a request for any other account fails, naming why. */
    static Ec2Gateways ownOnly(Ec2Gateway own) {
        return ownOnly(own, RuleInventory.NONE);
    }

    /** Only the function's own account, swept through {@code inventory}. */
    static Ec2Gateways ownOnly(Ec2Gateway own, RuleInventory inventory) {
        return new Ec2Gateways() {
            @Override
            public Ec2Gateway forAccount(AccountRegion where) {
                if (where.equals(AccountRegion.OWN)) {
                    return own;
                }
                if (where.own()) {
                    // A handler built on one gateway (tests, priming): Lambda's wiring reaches every allowed region.
                    throw new IllegalStateException(
                            "this handler was built with EC2 only in its own region, not " + where.namedRegion());
                }
                throw new AccountUnreachable(
                        FailureCode.Ours.MEMBER_ACCOUNT_NOT_ENABLED,
                        "the group is in account " + where.memberAccountId()
                                + ", and no member account role is configured (MEMBER_ROLE_NAME)");
            }

            @Override
            public RuleInventory ownInventory() {
                return inventory;
            }
        };
    }
}
