package dev.sgrevoker.handler;

import dev.sgrevoker.config.FunctionConfig;
import dev.sgrevoker.config.PolicySettings;
import dev.sgrevoker.exception.ConfigurationException;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.trigger.AccountPolicy;
import dev.sgrevoker.intake.trigger.Skip;
import dev.sgrevoker.intake.trigger.SweepDocument;
import dev.sgrevoker.intake.trigger.TriggerResult;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FindingUpdate;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.Provenance;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.RunNote;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.policy.BlastRadius;
import dev.sgrevoker.policy.Sweep;
import dev.sgrevoker.policy.SweepOrder;
import dev.sgrevoker.report.FindingNotes;
import dev.sgrevoker.report.FindingUpdater;
import dev.sgrevoker.revoke.AccountUnreachable;
import dev.sgrevoker.revoke.CrossAccountRevoker;
import dev.sgrevoker.revoke.Ec2Gateways;
import dev.sgrevoker.revoke.GroupUsers;
import dev.sgrevoker.revoke.HandOver;
import dev.sgrevoker.revoke.Reserve;
import dev.sgrevoker.revoke.Revocations;
import dev.sgrevoker.revoke.RunGate;
import dev.sgrevoker.revoke.Safeguards;
import dev.sgrevoker.revoke.SweepTerms;
import dev.sgrevoker.revoke.Sweeper;
import dev.sgrevoker.revoke.TimeBudget;
import dev.sgrevoker.telemetry.RecordLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One normalised event through revocation and reporting: the requests' outcomes, then every skip, then the record. */
final class Invocation {
    private final Ec2Gateways gateways;
    /** One for the life of the instance: it measures this JVM's describes and reports, whichever event they were for. */
    private final Reserve reserve = new Reserve();

    private final PolicySettings settings;
    private final HandOver handOver;
    private final FindingUpdater findingUpdater;
    private final PlanApplication plans;
    private final RunSteps runSteps;
    private final ResultRecord record;

    /**
     * One event or SQS message being handled: the log bound to its ids, who sent it, the time it has, and where the
     * function may act (its own account and region, and what the deployer allows besides).
     */
    record Call(RecordLog log, Provenance from, TimeBudget budget, AccountPolicy accounts) {
        String invocationId() {
            return log.ids().requestId();
        }

        String messageId() {
            return log.ids().messageId();
        }
    }

    Invocation(Parts parts) {
        this.gateways = parts.gateways();
        this.settings = parts.config().policy();
        this.handOver = parts.handOver();
        this.runSteps = new RunSteps(parts);
        this.findingUpdater = parts.findingUpdater();
        this.plans = new PlanApplication(parts.reportBucket(), Clock.systemUTC());
        this.record = new ResultRecord(parts, reserve, runSteps);
    }

    void ownAccount(String account) {
        record.ownAccount(account);
    }

    RevocationResult revoke(TriggerResult trigger, Call call) {
        try {
            // Every entry names where it acted: its account, and its region, the function's own included.
            return run(trigger, call).withRegionsNamed(call.accounts().ownRegion());
        } catch (InvalidRequestException e) {
            return rejected(trigger, call, e, new RevocationResult.Rejection(e.field(), e.reason()));
        } catch (ConfigurationException e) {
            return rejected(trigger, call, e, new RevocationResult.Rejection(e.setting(), e.reason()));
        }
    }

    /** One SQS message's unusable sweep configuration is that message's rejection, not the batch's. */
    private static RevocationResult rejected(
            TriggerResult trigger, Call call, RuntimeException e, RevocationResult.Rejection rejection) {
        if (call.messageId() == null) {
            throw e;
        }
        return RevocationResult.rejected(origin(trigger, call), rejection);
    }

    private static RevocationResult.Origin origin(TriggerResult trigger, Call call) {
        return new RevocationResult.Origin(call.invocationId(), trigger.family(), call.messageId(), call.from());
    }

    private RevocationResult run(TriggerResult trigger, Call call) {
        RevocationResult.Origin origin = origin(trigger, call);
        TimeBudget budget = call.budget();
        // The engine for this call: its write-ahead lines carry this call's ids.
        CrossAccountRevoker revoker =
                new CrossAccountRevoker(gateways, new Safeguards(settings.guardrails(), reserve, call.log()));
        if (trigger.sweep() instanceof SweepOrder.Run || trigger.sweep() instanceof SweepOrder.Configured) {
            // The configured sweep, and the places it names, are checked here, before any EC2 call.
            SweepOrder.Run run = trigger.sweep() instanceof SweepOrder.Run r ? r : configured(call.accounts());
            if (run.dispatched()) {
                // More than one (account, region) pair goes out as one shard per pair; nothing is read here.
                return runSteps.dispatch(run, origin, call.accounts());
            }
            Sweeper.Report report = sweepInPlace(run, trigger.sweep(), revoker, budget);
            return RevocationResult.forSweep(
                            origin,
                            run.sweep().enforce(),
                            withGroupUse(report.outcomes(), budget),
                            report.summary().heldBack(run.enforceHeldBack()))
                    .withEgressKept(report.egressKept());
        }
        if (trigger.sweep() instanceof SweepOrder.ApplyPlan plan) {
            // The stored plan decides what may go; each rule goes only if EC2 still describes it as the plan did.
            List<RevocationRequest> requests = plans.requests(plan, call.accounts());
            Revocations done =
                    revoker.run(requests, budget, settings.guardrails().limit(), SweepTerms.NONE);
            RevocationResult.Origin approved = plan.approvedBy() == null
                    ? origin
                    : new RevocationResult.Origin(
                            origin.invocationId(),
                            origin.trigger(),
                            origin.messageId(),
                            call.from().approvedBy(plan.approvedBy()));
            return RevocationResult.forRequests(approved, InputForm.PLAN, false, withGroupUse(done.outcomes(), budget))
                    .withEgressKept(done.egressKept());
        }
        if (trigger.sweep() instanceof SweepOrder.Shard shard) {
            Sweep sweep = shard.sweep();
            RunSteps.Swept swept = runSteps.shard(shard, revoker, limitOf(shard, sweep), budget, call.accounts());
            return RevocationResult.forSweep(
                            origin,
                            swept.sweep().enforce(),
                            withGroupUse(swept.report().outcomes(), budget),
                            swept.report().summary().heldBack(swept.heldBack()))
                    .withEgressKept(swept.report().egressKept())
                    .withRun(RunNote.ofShard(shard.run()));
        }
        if (trigger.sweep() instanceof SweepOrder.CancelRun cancel) {
            return runSteps.cancel(cancel, origin);
        }
        if (trigger.sweep() instanceof SweepOrder.RunDeadline deadline) {
            return runSteps.deadline(deadline, origin);
        }
        if (trigger.family() == TriggerFamily.CLOUDTRAIL_AUTHORIZE_INGRESS) {
            settings.checkRevertPolicy();
        }
        List<PermissionOutcome> outcomes = new ArrayList<>();
        List<DescribedRule> egressKept = List.of();
        RunNote partOfRun = null;
        if (trigger.sweep() instanceof SweepOrder.Continuation c) {
            // A hand-over: its rules judged again by the sweep's policy, as EC2 describes them now; a shard's has its
            // run's say too.
            BlastRadius limit = settings.ceiling().askedFor(c.maxRevocations(), "the sweep's maxRevocations");
            String group = RunSteps.groupOf(trigger.requests());
            RunGate gate = runSteps.gate(c, group);
            partOfRun = c.run() == null ? null : RunNote.ofHandOver(c.run(), group);
            outcomes.addAll(revoker.revoke(trigger.requests(), budget, limit, new SweepTerms(c.policy(), gate)));
        } else if (!trigger.requests().isEmpty()) {
            Revocations done = revoker.run(
                    trigger.requests(), budget, settings.guardrails().limit(), SweepTerms.NONE);
            outcomes.addAll(done.outcomes());
            egressKept = done.egressKept();
        }
        for (Skip skip : trigger.skips()) {
            String reason = skip.reference() == null ? skip.reason() : skip.reference() + ": " + skip.reason();
            outcomes.add(PermissionOutcome.skipped(
                    PermissionOutcome.Subject.skippedAtIntake(skip.groupId(), skip.reference()), null, reason));
        }
        boolean dryRun =
                !trigger.requests().isEmpty() && trigger.requests().stream().allMatch(RevocationRequest::dryRun);
        // Just after the confirming describes: the end of each revoked rule's exposure.
        List<PermissionOutcome> exposed = Exposure.stamped(outcomes, trigger, Instant.now());
        RevocationResult result = RevocationResult.forRequests(
                        origin, trigger.form(), dryRun, withGroupUse(exposed, budget))
                .withEgressKept(egressKept)
                .withRun(partOfRun);
        return noted(result, trigger, call);
    }

    /**
     * Each Security Hub finding acted on is told what was done (a note, and RESOLVED or NOTIFIED): after the revoke,
     * so the note says how it ended; a note that does not land is logged and reported, never a failure of the revoke.
     */
    private RevocationResult noted(RevocationResult result, TriggerResult trigger, Call call) {
        RecordLog log = call.log();
        if (trigger.findings().isEmpty()) {
            return result;
        }
        List<FindingNotes.Note> notes = FindingNotes.of(result, trigger.findings());
        List<FindingUpdate> updates;
        try {
            // What is left once the report's own reserve is kept (twice over, as for the group lookups).
            long within = Math.max(0, call.budget().remainingMillis() - 2 * reserve.millis());
            updates = findingUpdater.update(notes, Duration.ofMillis(within));
        } catch (RuntimeException e) {
            // An updater reports each finding's end itself; should one throw, the revoke still stands and says so.
            updates = notes.stream()
                    .map(n -> FindingUpdate.failed(
                            n.finding().id(),
                            n.workflow() == null ? null : n.workflow().name(),
                            "the finding update failed: " + e))
                    .toList();
        }
        updates.stream().filter(u -> !u.updated()).forEach(log::findingNotUpdated);
        return result.withFindingUpdates(updates);
    }

    /** What uses each selected rule's group, looked up after the revoke and only with time to spare for it. */
    private List<PermissionOutcome> withGroupUse(List<PermissionOutcome> outcomes, TimeBudget budget) {
        if (budget.remainingMillis() < 2 * reserve.millis()) {
            return outcomes;
        }
        return new GroupUsers(gateways).addTo(outcomes);
    }

    /** The sweep of SWEEP over the places it names, each judged as a request's would be (refused naming SWEEP). */
    private SweepOrder.Run configured(AccountPolicy accounts) {
        Sweep sweep = settings.scheduledSweep();
        try {
            return SweepDocument.order(sweep, accounts, FieldPath.named(FunctionConfig.SWEEP));
        } catch (InvalidRequestException e) {
            throw new ConfigurationException(e.field(), e.reason());
        }
    }

    /** One (account, region) pair swept here, through that place's EC2: its own account's, or the member role's. */
    private Sweeper.Report sweepInPlace(
            SweepOrder.Run run, SweepOrder order, CrossAccountRevoker revoker, TimeBudget budget) {
        AccountRegion where = run.pairs().get(0);
        Sweep sweep = run.sweep();
        try {
            Sweeper sweeper = new Sweeper(gateways.inventory(where), revoker.in(where), where);
            // The hand-over message names no place yet: elsewhere, a group out of time fails rather than go astray.
            HandOver continueWith = where.equals(AccountRegion.OWN) ? handOver : HandOver.NONE;
            return sweeper.sweep(sweep, limitOf(order, sweep), budget, continueWith.forSweep(sweep.policy(), null));
        } catch (AccountUnreachable e) {
            return Sweeper.unreachable(where, e);
        }
    }

    /** A requested sweep may lower the configured limit, never raise it past what the deployer configured. */
    private BlastRadius limitOf(SweepOrder order, Sweep sweep) {
        return (order instanceof SweepOrder.Run || order instanceof SweepOrder.Shard) && sweep.maxRevocations() != null
                ? settings.ceiling().askedFor(sweep.maxRevocations(), "the sweep's maxRevocations")
                : sweep.limit(settings.guardrails().limit());
    }

    /** The result written to the report bucket, logged, then delivered: {@link ResultRecord#report}. */
    ResultRecord.Reported report(RevocationResult result, RecordLog log) {
        return record.report(result, log);
    }
}
