package dev.sgrevoker.handler;

import dev.sgrevoker.config.FunctionConfig;
import dev.sgrevoker.config.RunSettings;
import dev.sgrevoker.exception.ConfigurationException;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.trigger.AccountPolicy;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.GroupTarget;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.ReportLocation;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.RunNote;
import dev.sgrevoker.model.ShardOfRun;
import dev.sgrevoker.policy.BlastRadius;
import dev.sgrevoker.policy.Sweep;
import dev.sgrevoker.policy.SweepOrder;
import dev.sgrevoker.report.bucket.RunReport;
import dev.sgrevoker.revoke.AccountUnreachable;
import dev.sgrevoker.revoke.CrossAccountRevoker;
import dev.sgrevoker.revoke.Ec2Gateways;
import dev.sgrevoker.revoke.HandOver;
import dev.sgrevoker.revoke.RunGate;
import dev.sgrevoker.revoke.Sweeper;
import dev.sgrevoker.revoke.TimeBudget;
import dev.sgrevoker.run.SweepRuns;
import dev.sgrevoker.telemetry.RecordLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sweep run's steps as the handler takes them: the dispatch of a sweep over several pairs, a shard (swept in its
 * account and region, through the run's say), a hand-over's gate, a cancel, the deadline, and each part's end.
 */
final class RunSteps {
    private final Optional<SweepRuns> runs;
    private final RunSettings settings;
    private final boolean requestQueue;
    private final Ec2Gateways gateways;
    private final HandOver handOver;

    /** A shard's sweep and why it ran report-only, if it did. */
    record Swept(Sweep sweep, Sweeper.Report report, String heldBack) {}

    RunSteps(Parts parts) {
        this.runs = parts.runs();
        this.settings = parts.config().runs();
        this.requestQueue = parts.config().delivery().requestQueueUrl().isPresent();
        this.gateways = parts.gateways();
        this.handOver = parts.handOver();
    }

    /** Runs are kept only with the shard queue, the run table and the request queue (for the deadline). */
    private SweepRuns runs(String asked) {
        String missing = settings.shardQueueUrl().isEmpty()
                ? FunctionConfig.SHARD_QUEUE_URL
                : settings.runTableName().isEmpty()
                        ? FunctionConfig.RUN_TABLE_NAME
                        : !requestQueue ? FunctionConfig.REQUEST_QUEUE_URL : null;
        if (missing != null || runs.isEmpty()) {
            throw new ConfigurationException(
                    missing == null ? FunctionConfig.RUN_TABLE_NAME : missing,
                    "is not set: " + asked + " needs the shard queue, the run table and the request queue");
        }
        return runs.get();
    }

    /** More than one pair: one shard per pair; nothing is read or revoked here. */
    RevocationResult dispatch(SweepOrder.Run run, RevocationResult.Origin origin, AccountPolicy accounts) {
        SweepRuns r = runs("a sweep over " + run.pairs().size() + " (account, region) pairs");
        List<SweepRuns.Pair> pairs = run.pairs().stream()
                .map(p -> new SweepRuns.Pair(accounts.accountOf(p), accounts.regionOf(p)))
                .toList();
        SweepRuns.Dispatched d = r.dispatch(run.sweep(), pairs, run.sweep().maxRevocationsPerRun());
        List<PermissionOutcome> notSent = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            if (d.notSent().get(i) != null) {
                notSent.add(PermissionOutcome.failed(
                        PermissionOutcome.Subject.wholeAccount(run.pairs().get(i)),
                        FailureCode.Ours.HAND_OVER_FAILED,
                        "the shard could not be sent to the shard queue, so nothing was swept there: "
                                + d.notSent().get(i)));
            }
        }
        String note = "dispatched " + (pairs.size() - notSent.size()) + " of " + pairs.size()
                + " shards, one per (account, region); the run revokes at most " + d.limit() + " rules in all ("
                + d.limitNote() + "); each shard's result follows, and the run's roll-up when the last has finished or"
                + " at its deadline";
        return RevocationResult.forSweep(
                        origin,
                        run.sweep().enforce(),
                        notSent,
                        new RevocationResult.SweepSummary(0, 0, 0, 0, 0).heldBack(run.enforceHeldBack()))
                .withRun(RunNote.ofRun(d.runId(), d.shards(), note));
    }

    /** One pair of a run, swept where it is, through the run's say; an unreachable account fails this shard only. */
    Swept shard(
            SweepOrder.Shard shard,
            CrossAccountRevoker revoker,
            BlastRadius limit,
            TimeBudget budget,
            AccountPolicy accounts) {
        SweepRuns r = runs("a shard of a sweep run");
        r.refusal(shard.run().runId()).ifPresent(why -> {
            throw FieldPath.named("sweepShard").child("runId").invalid(why);
        });
        AccountRegion where = shard.where();
        Sweep sweep = shard.sweep();
        String heldBack = null;
        if (sweep.enforce() && !where.own() && !accounts.enforcesAcrossAccounts()) {
            // Judged again where it is consumed, whatever the shard says.
            sweep = sweep.reportOnly();
            heldBack = "ran report-only although the sweep asked to enforce: the shard is in an account other than"
                    + " the function's own, and ORGANIZATION_SWEEPS is report-only";
        }
        RunGate gate = r.gate(shard.run(), shard.run().shardPart(), false);
        Sweeper.Report report;
        try (Ec2Gateways.ShardPacing paced = gateways.paceAsShard(where)) {
            Sweeper sweeper = new Sweeper(gateways.inventory(where), revoker.in(where), where);
            report = sweeper.sweep(sweep, limit, budget, handOver.forSweep(sweep.policy(), shard.run()), gate);
        } catch (AccountUnreachable e) {
            report = Sweeper.unreachable(where, e);
        }
        return new Swept(sweep, report, heldBack);
    }

    /** A hand-over's say from its run (none outside a run); a run that does not exist refuses it. */
    RunGate gate(SweepOrder.Continuation c, String groupId) {
        if (c.run() == null) {
            return RunGate.NONE;
        }
        SweepRuns r = runs("a hand-over of a sweep run's shard");
        r.refusal(c.run().runId()).ifPresent(why -> {
            throw FieldPath.named("sweptRules").child("Run", "runId").invalid(why);
        });
        return r.gate(c.run(), c.run().handOverPart(groupId), c.reserved());
    }

    /** The group a hand-over names (one per message). */
    static String groupOf(List<dev.sgrevoker.model.RevocationRequest> requests) {
        return requests.get(0).group() instanceof GroupTarget.ById id ? id.groupId() : null;
    }

    RevocationResult cancel(SweepOrder.CancelRun cancel, RevocationResult.Origin origin) {
        SweepRuns r = runs("cancelRun");
        String note = r.cancel(cancel.runId())
                .map(at -> "the run is cancelled (" + at + "): its shards and hand-overs not yet revoking revoke"
                        + " nothing (SKIPPED RunCancelled); what was revoked stays revoked")
                .orElseThrow(() -> FieldPath.named("cancelRun")
                        .invalid(r.refusal(cancel.runId()).orElse("no such run")));
        return RevocationResult.forRequests(origin, InputForm.SWEEP, false, List.of())
                .withRun(RunNote.ofRun(cancel.runId(), List.of(), note));
    }

    RevocationResult deadline(SweepOrder.RunDeadline deadline, RevocationResult.Origin origin) {
        SweepRuns.Deadline d = runs("a run's deadline").deadline(deadline.runId());
        RevocationResult result = RevocationResult.forRequests(origin, InputForm.SWEEP, false, List.of())
                .withRun(RunNote.ofRun(deadline.runId(), List.of(), d.note()));
        // The run's report written with its roll-up: named here too, so what the bucket refused is logged and counted.
        return d.report() == null ? result : result.withReport(d.report().location());
    }

    /**
     * A shard or hand-over has reported: unless SQS will deliver it again (a transient failure), its part of the run
     * has ended; the roll-up follows the last one. A roll-up that cannot be sent is logged; the deadline sends it.
     * Answers where the run's report went when this part's end sent the roll-up with one.
     */
    Optional<ReportLocation> reported(RevocationResult result, RecordLog log) {
        RunNote note = result.run();
        if (note == null || note.part() == null || runs.isEmpty()) {
            return Optional.empty();
        }
        if (result.permissions().stream().anyMatch(PermissionOutcome::transientFailure)) {
            return Optional.empty();
        }
        ShardOfRun shard = note.shard();
        try {
            return runs.get()
                    .finished(shard, note.part(), note.handOver(), result)
                    .map(RunReport.Written::location);
        } catch (RuntimeException e) {
            log.failure("the end of " + note.part() + " of run " + note.runId(), e, "the run's deadline reports it");
            return Optional.empty();
        }
    }
}
