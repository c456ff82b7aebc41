package dev.sgrevoker.model;

import java.util.Objects;

/** Where a group is, and so which EC2 acts on it: an account and a region (EC2's rules and buckets are per both). */
public record AccountRegion(Account account, Region region) {
    /** The function's own account, in its own region. */
    public static final AccountRegion OWN = new AccountRegion(Account.OWN, Region.OWN);

    public AccountRegion {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
    }

    /** A member account's group, in the function's own region. */
    public static AccountRegion member(String accountId) {
        return new AccountRegion(new Account.Member(accountId), Region.OWN);
    }

    public boolean own() {
        return account instanceof Account.Own;
    }

    /** The member account's id, or null for the function's own (whose id EC2 gives as the group's owner). */
    public String memberAccountId() {
        return account instanceof Account.Member m ? m.id() : null;
    }

    /** The region's code when it is not the function's own, else null. */
    public String namedRegion() {
        return region instanceof Region.Named n ? n.name() : null;
    }

    /** The same account, in {@code elsewhere}. */
    public AccountRegion in(Region elsewhere) {
        return new AccountRegion(account, elsewhere);
    }
}
