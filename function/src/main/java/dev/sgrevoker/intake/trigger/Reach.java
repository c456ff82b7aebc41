package dev.sgrevoker.intake.trigger;

import java.util.List;
import java.util.Set;

/**
 * The deployer's settings of where the function may act besides its own account and region, before those are known
 * (config.FunctionConfig reads them; docs/security.md describes each).
 *
 * @param accounts ALLOWED_ACCOUNT_IDS as a list of ids (empty in organization mode)
 * @param organization ALLOWED_ACCOUNT_IDS=organization: the organization's ACTIVE accounts instead of a list
 * @param organizationUnits ORGANIZATION_UNIT_IDS: in organization mode, only the accounts under these OUs
 * @param regions ALLOWED_REGIONS, in the order given
 * @param enforceAcrossAccounts ORGANIZATION_SWEEPS=enforce: a sweep naming another account may revoke
 */
public record Reach(
        Set<String> accounts,
        boolean organization,
        List<String> organizationUnits,
        List<String> regions,
        boolean enforceAcrossAccounts) {
    /** Nothing besides the function's own account and region (no setting given). */
    public static final Reach OWN_ONLY = new Reach(Set.of(), false, List.of(), List.of(), false);

    public Reach {
        accounts = Set.copyOf(accounts);
        organizationUnits = List.copyOf(organizationUnits);
        regions = List.copyOf(regions);
        if (organization && !accounts.isEmpty()) {
            throw new IllegalArgumentException("organization mode lists no accounts");
        }
    }

    /** Only these accounts besides the own one (the test's and the list mode's). */
    public static Reach accounts(Set<String> accounts) {
        return new Reach(accounts, false, List.of(), List.of(), false);
    }
}
