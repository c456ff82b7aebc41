package dev.sgrevoker.model;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Everything one invocation (or one SQS message of it) did: one outcome per requested permission, in request order;
 * an item that asks again for a rule an earlier one asked for is marked {@code repeatOf} and counted once.
 * Built by one of three factories: {@link #forRequests}, {@link #forSweep} (with what it read and chose), or
 * {@link #rejected} (the payload was malformed or refused and nothing was attempted). {@code egressKept} holds the
 * VPC default groups' egress rules EC2.2 judged and DEFAULT_GROUP_EGRESS=keep left alone (no entry each: they were
 * not selected), so the result can say the control keeps failing while they remain. {@code findingUpdates}: how the
 * note on each Security Hub finding acted on ended (empty when none was, or UPDATE_FINDINGS is false).
 * {@code report}: where the result's report and plan were written (null when none was).
 */
public record RevocationResult(
        Origin origin,
        InputForm inputForm,
        boolean dryRun,
        List<PermissionOutcome> permissions,
        Rejection rejected,
        SweepSummary sweep,
        List<DescribedRule> egressKept,
        List<FindingUpdate> findingUpdates,
        ReportLocation report,
        RunNote run) {

    /**
     * What the result answers: the invocation, the payload's family, the SQS message (null unless one) and who asked
     * and when ({@code provenance}; null where nothing asked, as in priming).
     */
    public record Origin(String invocationId, TriggerFamily trigger, String messageId, Provenance provenance) {
        /** An event handled on its own, not as an SQS message. */
        public static Origin of(String invocationId, TriggerFamily trigger, Provenance provenance) {
            return new Origin(invocationId, trigger, null, provenance);
        }
    }

    /** Why a payload was refused: the field and the reason. */
    public record Rejection(String field, String reason) {}

    /**
     * What a sweep read and chose: groups and ingress rules judged, rules selected for revocation (what the
     * blast-radius limit counts: protected and exempt ones apart), exempt ones, and the groups handed over to the
     * request queue for lack of time; and why it ran report-only although it asked to enforce, if it did.
     */
    public record SweepSummary(
            int groupsScanned,
            int rulesScanned,
            int selected,
            int exempt,
            int handedOverGroups,
            String enforceHeldBack) {
        public SweepSummary(int groupsScanned, int rulesScanned, int selected, int exempt, int handedOverGroups) {
            this(groupsScanned, rulesScanned, selected, exempt, handedOverGroups, null);
        }

        /** The same summary, saying why the sweep ran report-only (null: it ran as asked). */
        public SweepSummary heldBack(String why) {
            return new SweepSummary(groupsScanned, rulesScanned, selected, exempt, handedOverGroups, why);
        }
    }

    public RevocationResult {
        permissions = List.copyOf(RepeatedItems.marked(permissions));
        egressKept = egressKept == null ? List.of() : List.copyOf(egressKept);
        findingUpdates = findingUpdates == null ? List.of() : List.copyOf(findingUpdates);
        if (rejected != null && (!permissions.isEmpty() || sweep != null)) {
            throw new IllegalArgumentException("a rejected payload has no outcomes");
        }
    }

    /** Requests (and an alert's skips) carried out: {@code dryRun} when every request was a dry run. */
    public static RevocationResult forRequests(
            Origin origin, InputForm form, boolean dryRun, List<PermissionOutcome> outcomes) {
        return new RevocationResult(origin, form, dryRun, outcomes, null, null, List.of(), List.of(), null, null);
    }

    /** A sweep: its selected rules' outcomes and what it read; a dry run unless it enforced. */
    public static RevocationResult forSweep(
            Origin origin, boolean enforced, List<PermissionOutcome> outcomes, SweepSummary summary) {
        return new RevocationResult(
                origin, InputForm.SWEEP, !enforced, outcomes, null, summary, List.of(), List.of(), null, null);
    }

    /** A payload refused whole: nothing was attempted. */
    public static RevocationResult rejected(Origin origin, Rejection rejection) {
        return new RevocationResult(origin, null, false, List.of(), rejection, null, List.of(), List.of(), null, null);
    }

    /** The same result, naming where its report and plan went ({@code report}: null for none). */
    public RevocationResult withReport(ReportLocation where) {
        return new RevocationResult(
                origin, inputForm, dryRun, permissions, rejected, sweep, egressKept, findingUpdates, where, run);
    }

    /** The same result, with the default groups' egress rules EC2.2 judged and DEFAULT_GROUP_EGRESS=keep left. */
    public RevocationResult withEgressKept(List<DescribedRule> kept) {
        return new RevocationResult(
                origin, inputForm, dryRun, permissions, rejected, sweep, kept, findingUpdates, report, run);
    }

    /** The same result, with how the notes on the findings it acted on ended. */
    public RevocationResult withFindingUpdates(List<FindingUpdate> updates) {
        return new RevocationResult(
                origin, inputForm, dryRun, permissions, rejected, sweep, egressKept, updates, report, run);
    }

    /** The same result, each entry naming its region, the function's own ({@code ownRegion}) included. */
    public RevocationResult withRegionsNamed(String ownRegion) {
        List<PermissionOutcome> named =
                permissions.stream().map(p -> p.regionNamed(ownRegion)).toList();
        return new RevocationResult(
                origin, inputForm, dryRun, named, rejected, sweep, egressKept, findingUpdates, report, run);
    }

    /** The same result, as part of a sweep run ({@link RunNote}). */
    public RevocationResult withRun(RunNote note) {
        return new RevocationResult(
                origin, inputForm, dryRun, permissions, rejected, sweep, egressKept, findingUpdates, report, note);
    }

    /**
     * The egress rules of VPC default groups that EC2.2 judged and that are still there after this result: those
     * kept, and those a policy selected that were not taken away (failed, skipped, exempt, a dry run). EC2.2 keeps
     * failing while any remain.
     */
    public List<String> egressRulesRemaining() {
        List<String> ids = new ArrayList<>();
        egressKept.forEach(r -> ids.add(r.ruleId()));
        distinct().stream()
                .filter(p -> p.egress() && p.because() != null && p.ruleId() != null)
                .filter(p -> p.outcome() != Outcome.REVOKED && p.outcome() != Outcome.NOT_FOUND)
                .forEach(p -> ids.add(p.ruleId()));
        return List.copyOf(new LinkedHashSet<>(ids));
    }

    /** Whether EC2.2 judged any default group's egress rules here (kept, or selected under DEFAULT_GROUP_EGRESS=revoke). */
    public boolean egressJudged() {
        return !egressKept.isEmpty() || distinct().stream().anyMatch(p -> p.egress() && p.because() != null);
    }

    public String invocationId() {
        return origin.invocationId();
    }

    public TriggerFamily trigger() {
        return origin.trigger();
    }

    public String messageId() {
        return origin.messageId();
    }

    public Provenance provenance() {
        return origin.provenance();
    }

    /** Whether any rule is gone because of this result: then it must never be lost, nor its work replayed. */
    public boolean anyRevoked() {
        return permissions.stream().anyMatch(PermissionOutcome::revoked);
    }

    /** How many distinct items ended in each outcome: a repeated item is its first one's, counted there. */
    public Map<Outcome, Integer> counts() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        distinct().forEach(p -> counts.merge(p.outcome(), 1, Integer::sum));
        return counts;
    }

    /** The entries that are not repeats of an earlier one. */
    public List<PermissionOutcome> distinct() {
        return permissions.stream().filter(p -> p.repeatOf() == null).toList();
    }
}
