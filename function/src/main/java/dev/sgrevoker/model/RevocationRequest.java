package dev.sgrevoker.model;

import java.util.List;

/** What one request asks: revoke these ingress rules of this group, or only check that we could (dry run). */
public record RevocationRequest(GroupTarget group, List<Requested> items, boolean dryRun, InputForm form) {
    public RevocationRequest {
        items = List.copyOf(items);
    }
}
