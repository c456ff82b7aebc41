package dev.sgrevoker.model;

import java.util.List;
import java.util.Objects;

/**
 * What one request asks: revoke these ingress rules of this group, or only check that we could (dry run).
 * {@code where} is the account and region the group is in.
 */
public record RevocationRequest(
        GroupTarget group, List<Requested> items, boolean dryRun, InputForm form, AccountRegion where) {
    public RevocationRequest {
        items = List.copyOf(items);
        Objects.requireNonNull(where, "where");
    }

    /** A request in the function's own account and region. */
    public RevocationRequest(GroupTarget group, List<Requested> items, boolean dryRun, InputForm form) {
        this(group, items, dryRun, form, AccountRegion.OWN);
    }

    /** The same request for the group in another account or region. */
    public RevocationRequest in(AccountRegion elsewhere) {
        return new RevocationRequest(group, items, dryRun, form, elsewhere);
    }
}
