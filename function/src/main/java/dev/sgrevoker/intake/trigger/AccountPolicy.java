package dev.sgrevoker.intake.trigger;

import dev.sgrevoker.intake.Excerpt;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.model.Account;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.Region;
import dev.sgrevoker.policy.SweepReach;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where this function may act: its own account and region (from the invoked function's ARN), plus the accounts and
 * regions the deployer's settings allow ({@link Reach}: ALLOWED_ACCOUNT_IDS, or the organization's ACTIVE accounts,
 * and ALLOWED_REGIONS). Anything else is refused, so an event forwarded from another account cannot make us revoke
 * rules, and a sweep cannot name an account or region the deployer did not allow.
 */
public record AccountPolicy(String ownAccount, String ownRegion, Reach reach, OrganizationAccounts organization) {

    /** From {@code arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]} and the configured allow list. */
    public static AccountPolicy forFunction(String invokedFunctionArn, Set<String> allowedAccounts) {
        return forFunction(invokedFunctionArn, Reach.accounts(allowedAccounts), OrganizationAccounts.NONE);
    }

    /** As above, with every setting of where it may act, and the organization's accounts where they are asked. */
    public static AccountPolicy forFunction(String invokedFunctionArn, Reach reach, OrganizationAccounts organization) {
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
        return new AccountPolicy(arn[4], arn[3], reach, organization);
    }

    /** The same policy, reading the organization's accounts at most once: one invocation's view. */
    public AccountPolicy oncePerInvocation() {
        return reach.organization() ? new AccountPolicy(ownAccount, ownRegion, reach, organization.once()) : this;
    }

    /** ALLOWED_ACCOUNT_IDS as listed (empty in organization mode). */
    public Set<String> allowedAccounts() {
        return reach.accounts();
    }

    public boolean allows(String account) {
        return account != null && accountRefusal(account).isEmpty();
    }

    /** Why {@code account} is out of reach, if it is; an organization that cannot be read refuses every member. */
    private Optional<String> accountRefusal(String account) {
        if (account.equals(ownAccount) || reach.accounts().contains(account)) {
            return Optional.empty();
        }
        if (!reach.organization()) {
            return Optional.of("account " + Excerpt.of(account) + " is not one this function acts for ("
                    + ownAccount
                    + (reach.accounts().isEmpty()
                            ? ""
                            : " and "
                                    + String.join(
                                            ",",
                                            reach.accounts().stream().sorted().toList()))
                    + "; set ALLOWED_ACCOUNT_IDS to allow others)");
        }
        Map<String, String> states;
        try {
            states = organization.states();
        } catch (OrganizationAccounts.Unreadable e) {
            return Optional.of("account " + Excerpt.of(account) + " cannot be checked against the organization"
                    + " (ALLOWED_ACCOUNT_IDS=organization): " + e.getMessage());
        }
        String state = states.get(account);
        if (OrganizationAccounts.ACTIVE.equals(state)) {
            return Optional.empty();
        }
        return Optional.of("account " + Excerpt.of(account)
                + (state == null
                        ? " is not an account of the organization"
                                + (reach.organizationUnits().isEmpty()
                                        ? ""
                                        : " under " + String.join(",", reach.organizationUnits())
                                                + " (ORGANIZATION_UNIT_IDS)")
                        : " is " + state + " in the organization; only ACTIVE accounts are acted for")
                + " (ALLOWED_ACCOUNT_IDS=organization)");
    }

    /** Whether the function may act in {@code region}: its own, or one of ALLOWED_REGIONS. */
    public boolean allowsRegion(String region) {
        return region != null && (region.equals(ownRegion) || reach.regions().contains(region));
    }

    /** An event from an account we may not act for is refused whole: nothing of it is revoked. */
    public void checkEvent(String account, FieldPath field) {
        if (account == null) {
            throw field.invalid("event from no account refused: this function acts for " + ownAccount);
        }
        accountRefusal(account).ifPresent(why -> {
            throw field.invalid("event from account " + Excerpt.of(account) + " refused: " + why);
        });
    }

    /**
     * Why one item (a finding, a Config result, a CloudTrail call) is out of reach, if it is. A null account or
     * region means the item does not say, and the event's own was already checked.
     */
    public Optional<String> refusal(String account, String region) {
        if (account != null) {
            Optional<String> refused = accountRefusal(account);
            if (refused.isPresent()) {
                return Optional.of("the group is in " + refused.get());
            }
        }
        if (region != null && !allowsRegion(region)) {
            // Our EC2 clients work only where the deployer allows (the role's region Deny says the same).
            return Optional.of("the group is in region " + Excerpt.of(region) + "; this function revokes in "
                    + String.join(",", regions())
                    + (reach.regions().isEmpty() ? " (set ALLOWED_REGIONS to allow others)" : " (ALLOWED_REGIONS)"));
        }
        return Optional.empty();
    }

    /** Where a request acts: our own account (named so, or unnamed), else the (allowed) member account. */
    public AccountRegion where(String account) {
        return account == null || account.equals(ownAccount) ? AccountRegion.OWN : AccountRegion.member(account);
    }

    /** As above, in {@code region} (null, or our own: the function's region). */
    public AccountRegion where(String account, String region) {
        return where(account).in(Region.of(region, ownRegion));
    }

    /** The code of {@code place}'s region. */
    public String regionOf(AccountRegion place) {
        return place.region().name(ownRegion);
    }

    /** The id of {@code place}'s account. */
    public String accountOf(AccountRegion place) {
        return place.account() instanceof Account.Member m ? m.id() : ownAccount;
    }

    /**
     * The (account, region) pairs a sweep asks for, accounts first: each account it names must be one this function
     * acts for, and each region its own or an allowed one; the first that is not is refused, naming its field under
     * {@code sweepField}, before anything is read.
     */
    public List<AccountRegion> pairs(SweepReach asked, FieldPath sweepField) {
        List<String> accounts = switch (asked.accounts()) {
            case SweepReach.Span.Own o -> List.of(ownAccount);
            case SweepReach.Span.Allowed a -> allowedAccountList(sweepField.child("accounts"));
            case SweepReach.Span.Listed listed -> {
                for (int i = 0; i < listed.ids().size(); i++) {
                    String id = listed.ids().get(i);
                    Optional<String> refused = accountRefusal(id);
                    if (refused.isPresent()) {
                        throw sweepField.child("accounts").index(i).invalid(refused.get());
                    }
                }
                yield listed.ids();
            }
        };
        List<String> regions = switch (asked.regions()) {
            case SweepReach.Span.Own o -> List.of(ownRegion);
            case SweepReach.Span.Allowed a -> regions();
            case SweepReach.Span.Listed listed -> {
                for (int i = 0; i < listed.ids().size(); i++) {
                    if (!allowsRegion(listed.ids().get(i))) {
                        throw sweepField
                                .child("regions")
                                .index(i)
                                .invalid("region " + listed.ids().get(i)
                                        + " is not one this function acts in (" + String.join(",", regions())
                                        + "; set ALLOWED_REGIONS to allow others)");
                    }
                }
                yield listed.ids();
            }
        };
        List<AccountRegion> pairs = new ArrayList<>();
        for (String account : accounts) {
            for (String region : regions) {
                pairs.add(where(account, region));
            }
        }
        return pairs;
    }

    /** Whether a sweep naming another account than ours may revoke (ORGANIZATION_SWEEPS=enforce). */
    public boolean enforcesAcrossAccounts() {
        return reach.enforceAcrossAccounts();
    }

    /** Our region first, then ALLOWED_REGIONS in the order given. */
    private List<String> regions() {
        Set<String> all = new LinkedHashSet<>();
        all.add(ownRegion);
        all.addAll(reach.regions());
        return List.copyOf(all);
    }

    /** "allowed": our account first, then the listed ones or the organization's ACTIVE ones, in id order. */
    private List<String> allowedAccountList(FieldPath field) {
        Set<String> all = new LinkedHashSet<>();
        all.add(ownAccount);
        if (reach.organization()) {
            try {
                organization.states().entrySet().stream()
                        .filter(e -> OrganizationAccounts.ACTIVE.equals(e.getValue()))
                        .map(Map.Entry::getKey)
                        .sorted()
                        .forEach(all::add);
            } catch (OrganizationAccounts.Unreadable e) {
                throw field.invalid("the organization's accounts could not be read: " + e.getMessage());
            }
        } else {
            reach.accounts().stream().sorted().forEach(all::add);
        }
        return List.copyOf(all);
    }

    public static boolean isAccountId(String s) {
        return s != null && s.matches("\\d{12}");
    }
}
