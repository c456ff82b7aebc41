package dev.sgrevoker.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A Security Hub finding the function acted on: what BatchUpdateFindings names it by ({@code id}, {@code productArn}),
 * the control it is about ({@code EC2.13}), when Security Hub first saw its offence ({@code firstObservedAt}, null when the finding does not say), and the
 * reasons its requests carry, by which its entries are found in the result.
 */
public record Finding(String id, String productArn, String control, Instant firstObservedAt, List<String> reasons) {
    /** The control that passes only once a default group has no egress rules either. */
    public static final String DEFAULT_GROUP_CONTROL = "EC2.2";

    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(productArn, "productArn");
        reasons = List.copyOf(reasons);
    }

    /**
     * Whether an entry is this finding's: a rule one of its requests selected (one of the checks that selected it is
     * the request's), or one of its groups the intake skipped for it (the skip names this finding).
     */
    public boolean concerns(PermissionOutcome p) {
        if (p.because() != null) {
            return p.subject().checks().stream().anyMatch(reasons::contains);
        }
        return p.subject().where() == null && id.equals(p.subject().reference());
    }

    /** The entries of a result that are this finding's (a rule another finding also chose is in both). */
    public List<PermissionOutcome> entriesIn(RevocationResult result) {
        return result.permissions().stream().filter(this::concerns).toList();
    }
}
