package dev.sgrevoker.intake.trigger;

import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.Finding;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.policy.SweepOrder;
import java.time.Instant;
import java.util.List;

/**
 * One event normalised: the requests to run and what was skipped, never both empty. {@code form} is reported as the
 * result's input form (the inner form for a direct request carried by EventBridge). {@code findings} are the Security
 * Hub findings it acts on (each gets a note afterwards); {@code ruleAddedAt} is when a CloudTrail call added the rules
 * it reverts (null for other triggers), from which their exposure is measured.
 */
public record TriggerResult(
        TriggerFamily family,
        InputForm form,
        List<RevocationRequest> requests,
        List<Skip> skips,
        SweepOrder sweep,
        List<Finding> findings,
        Instant ruleAddedAt) {
    public TriggerResult {
        requests = List.copyOf(requests);
        skips = List.copyOf(skips);
        findings = findings == null ? List.of() : List.copyOf(findings);
        if (requests.isEmpty() && skips.isEmpty() && sweep == null) {
            throw new IllegalArgumentException("an event must yield a request, a skip or a sweep");
        }
    }

    /** Every request acts in {@code account}: null, or our own, is the function's own account. */
    public TriggerResult inAccount(AccountPolicy accounts, String account) {
        return inPlace(accounts, account, null);
    }

    /**
     * Every request acts in {@code account} and {@code region} (null, or our own, is the function's own; the
     * normaliser already refused a place out of reach).
     */
    public TriggerResult inPlace(AccountPolicy accounts, String account, String region) {
        boolean ownRegion = region == null || region.equals(accounts.ownRegion());
        if (accounts.where(account).own() && ownRegion) {
            return this;
        }
        if (sweep != null) {
            // A sweep names where it runs itself ("accounts", "regions"); another account's event may not ask for one.
            throw FieldPath.named("account")
                    .invalid("account " + account + " asked for a sweep; only the function's own account may ask"
                            + " (a sweep names the accounts it reaches in its \"accounts\")");
        }
        if (requests.isEmpty()) {
            return this; // only skips: a place out of reach was refused by the normaliser
        }
        AccountRegion where = accounts.where(account, region);
        return new TriggerResult(
                family, form, requests.stream().map(r -> r.in(where)).toList(), skips, sweep, findings, ruleAddedAt);
    }

    public TriggerResult(
            TriggerFamily family,
            InputForm form,
            List<RevocationRequest> requests,
            List<Skip> skips,
            SweepOrder sweep) {
        this(family, form, requests, skips, sweep, List.of(), null);
    }

    /** The same, acting on these Security Hub findings. */
    public TriggerResult actingOn(List<Finding> acted) {
        return new TriggerResult(family, form, requests, skips, sweep, acted, ruleAddedAt);
    }

    /** The same, reverting rules a call added at {@code when}. */
    public TriggerResult addedAt(Instant when) {
        return new TriggerResult(family, form, requests, skips, sweep, findings, when);
    }

    public TriggerResult(TriggerFamily family, InputForm form, List<RevocationRequest> requests, List<Skip> skips) {
        this(family, form, requests, skips, null);
    }

    /** A sweep to run (or the configured one), with nothing else. */
    public static TriggerResult sweep(TriggerFamily family, SweepOrder order) {
        return new TriggerResult(family, InputForm.SWEEP, List.of(), List.of(), order);
    }

    public static TriggerResult skipped(TriggerFamily family, InputForm form, Skip skip) {
        return new TriggerResult(family, form, List.of(), List.of(skip));
    }
}
