package dev.sgrevoker.model;

import java.util.List;

/**
 * What one request asks: revoke these ingress rules of this group, or only check that we could (dry run).
 * {@code account} is the member account the group is in, or null for the function's own account.
 */
public record RevocationRequest(
        GroupTarget group, List<Requested> items, boolean dryRun, InputForm form, String account) {
    public RevocationRequest {
        items = List.copyOf(items);
    }

    /** A request in the function's own account. */
    public RevocationRequest(GroupTarget group, List<Requested> items, boolean dryRun, InputForm form) {
        this(group, items, dryRun, form, null);
    }

    /** The same request for the group in {@code account} (null: the function's own). */
    public RevocationRequest inAccount(String account) {
        return new RevocationRequest(group, items, dryRun, form, account);
    }
}
