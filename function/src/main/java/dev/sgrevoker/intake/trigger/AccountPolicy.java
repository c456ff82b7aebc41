package dev.sgrevoker.intake.trigger;

import dev.sgrevoker.intake.Excerpt;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.model.AccountRegion;
import java.util.Optional;
import java.util.Set;

/**
 * Where this function may act: its own account and region (from the invoked function's ARN), plus accounts that
 * configuration (ALLOWED_ACCOUNT_IDS) explicitly allows. Anything else is refused, so an event forwarded from
 * another account cannot make us revoke rules.
 */
public record AccountPolicy(String ownAccount, String ownRegion, Set<String> allowedAccounts) {
    public AccountPolicy {
        allowedAccounts = Set.copyOf(allowedAccounts);
    }

    /** From {@code arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]} and the configured allow list. */
    public static AccountPolicy forFunction(String invokedFunctionArn, Set<String> allowedAccounts) {
        String[] arn = invokedFunctionArn == null ? new String[0] : invokedFunctionArn.split(":", -1);
        if (arn.length < 7
                || !arn[0].equals("arn")
                || !arn[2].equals("lambda")
                || !arn[5].equals("function")
                || !isAccountId(arn[4])
                || arn[3].isBlank()) {
            // Fail closed: without our own account every event account would be unknown.
            throw new IllegalArgumentException("cannot learn the function's account from '" + invokedFunctionArn + "'");
        }
        return new AccountPolicy(arn[4], arn[3], allowedAccounts);
    }

    public boolean allows(String account) {
        return account != null && (account.equals(ownAccount) || allowedAccounts.contains(account));
    }

    /** An event from an account we may not act for is refused whole: nothing of it is revoked. */
    public void checkEvent(String account, FieldPath field) {
        if (!allows(account)) {
            throw field.invalid("event from account " + Excerpt.of(account) + " refused: this function acts for "
                    + ownAccount
                    + (allowedAccounts.isEmpty()
                            ? ""
                            : " and "
                                    + String.join(
                                            ",",
                                            allowedAccounts.stream().sorted().toList()))
                    + " (set ALLOWED_ACCOUNT_IDS to allow others)");
        }
    }

    /**
     * Why one item (a finding, a Config result, a CloudTrail call) is out of reach, if it is. A null account or
     * region means the item does not say, and the event's own was already checked.
     */
    public Optional<String> refusal(String account, String region) {
        if (account != null && !allows(account)) {
            return Optional.of("the group is in account " + account
                    + ", which this function may not act for (ALLOWED_ACCOUNT_IDS)");
        }
        if (region != null && !region.equals(ownRegion)) {
            // Our EC2 client works in our own region; a group elsewhere would only come back NOT_FOUND.
            return Optional.of("the group is in region " + region + "; this function revokes in " + ownRegion);
        }
        return Optional.empty();
    }

    /** Where a request acts: our own account (named so, or unnamed), else the (allowed) member account. */
    public AccountRegion where(String account) {
        return account == null || account.equals(ownAccount) ? AccountRegion.OWN : AccountRegion.member(account);
    }

    public static boolean isAccountId(String s) {
        return s != null && s.matches("\\d{12}");
    }
}
