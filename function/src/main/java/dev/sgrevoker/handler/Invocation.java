package dev.sgrevoker.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.trigger.PolicySettings;
import dev.sgrevoker.intake.trigger.Skip;
import dev.sgrevoker.intake.trigger.TriggerResult;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.Provenance;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.policy.BlastRadius;
import dev.sgrevoker.policy.Sweep;
import dev.sgrevoker.policy.SweepOrder;
import dev.sgrevoker.report.ResultDocument;
import dev.sgrevoker.report.ResultFallback;
import dev.sgrevoker.report.ResultNotDeliveredException;
import dev.sgrevoker.report.ResultPublisher;
import dev.sgrevoker.revoke.CrossAccountRevoker;
import dev.sgrevoker.revoke.HandOver;
import dev.sgrevoker.revoke.Reserve;
import dev.sgrevoker.revoke.Sweeper;
import dev.sgrevoker.revoke.TimeBudget;
import dev.sgrevoker.telemetry.Metrics;
import dev.sgrevoker.telemetry.RecordLog;
import java.util.ArrayList;
import java.util.List;

/** One normalised event through revocation and reporting: the requests' outcomes, then every skip, then the record. */
final class Invocation {
    private final CrossAccountRevoker revoker;
    private final ResultPublisher publisher;
    private final ResultFallback fallback;
    private final RecordLog log;
    private final Metrics metrics;
    private final Reserve reserve;
    private final Sweeps sweeps;

    /** What sweeps need besides the engine: discovery, the configured sweep, and where unfinished groups go. */
    record Sweeps(Sweeper sweeper, PolicySettings settings, HandOver handOver) {}

    Invocation(
            CrossAccountRevoker revoker,
            ResultPublisher publisher,
            ResultFallback fallback,
            RecordLog log,
            Metrics metrics,
            Reserve reserve,
            Sweeps sweeps) {
        this.revoker = revoker;
        this.publisher = publisher;
        this.fallback = fallback;
        this.log = log;
        this.metrics = metrics;
        this.reserve = reserve;
        this.sweeps = sweeps;
    }

    RecordLog log() {
        return log;
    }

    RevocationResult revoke(
            TriggerResult trigger, String invocationId, String messageId, Provenance from, TimeBudget budget) {
        try {
            return run(trigger, invocationId, messageId, from, budget);
        } catch (InvalidRequestException e) {
            if (messageId == null) {
                throw e;
            }
            // One SQS message's unusable sweep configuration is that message's rejection, not the batch's.
            return RevocationResult.rejected(
                    new RevocationResult.Origin(invocationId, trigger.family(), messageId, from),
                    new RevocationResult.Rejection(e.field(), e.reason()));
        }
    }

    private RevocationResult run(
            TriggerResult trigger, String invocationId, String messageId, Provenance from, TimeBudget budget) {
        var origin = new RevocationResult.Origin(invocationId, trigger.family(), messageId, from);
        if (trigger.sweep() instanceof SweepOrder.Run || trigger.sweep() instanceof SweepOrder.Configured) {
            // The configured sweep is checked here, before any EC2 call.
            Sweep sweep = trigger.sweep() instanceof SweepOrder.Run run
                    ? run.sweep()
                    : sweeps.settings().scheduledSweep();
            Sweeper.Report report =
                    sweeps.sweeper().sweep(sweep, limitOf(trigger.sweep(), sweep), budget, sweeps.handOver());
            return RevocationResult.forSweep(origin, sweep.enforce(), report.outcomes(), report.summary());
        }
        if (trigger.family() == TriggerFamily.CLOUDTRAIL_AUTHORIZE_INGRESS) {
            sweeps.settings().checkRevertPolicy();
        }
        List<PermissionOutcome> outcomes = new ArrayList<>();
        if (!trigger.requests().isEmpty()) {
            BlastRadius limit = trigger.sweep() instanceof SweepOrder.Continuation c
                    ? sweeps.settings().ceiling().askedFor(c.maxRevocations(), "the sweep's maxRevocations")
                    : sweeps.settings().guardrails().limit();
            outcomes.addAll(revoker.revoke(trigger.requests(), budget, limit));
        }
        for (Skip skip : trigger.skips()) {
            String reason = skip.reference() == null ? skip.reason() : skip.reference() + ": " + skip.reason();
            outcomes.add(
                    PermissionOutcome.skipped(PermissionOutcome.Subject.skippedAtIntake(skip.groupId()), null, reason));
        }
        boolean dryRun =
                !trigger.requests().isEmpty() && trigger.requests().stream().allMatch(RevocationRequest::dryRun);
        return RevocationResult.forRequests(origin, trigger.form(), dryRun, outcomes);
    }

    /** A requested sweep may lower the configured limit, never raise it past what the deployer configured. */
    private BlastRadius limitOf(SweepOrder order, Sweep sweep) {
        return order instanceof SweepOrder.Run && sweep.maxRevocations() != null
                ? sweeps.settings().ceiling().askedFor(sweep.maxRevocations(), "the sweep's maxRevocations")
                : sweep.limit(sweeps.settings().guardrails().limit());
    }

    /** The result document (also the response) and where the result went besides the log. */
    record Reported(ObjectNode document, Metrics.Delivery delivery) {}

    /**
     * Logs the result first, whole, so it survives whatever happens next; then puts it on EventBridge, or else on
     * the fallback queue. Once a rule is gone, or the input was refused for good, a lost event never fails the
     * invocation: a replay would only report the rules NOT_FOUND. With nothing revoked it throws, since a retry is
     * harmless and may deliver.
     */
    Reported report(RevocationResult result) {
        ObjectNode document = ResultDocument.response(result);
        log.result(document, reserve.millis());
        log.outcomes(result);
        long start = System.nanoTime();
        Metrics.Delivery delivery;
        String lost = null;
        try {
            publisher.publish(result);
            delivery = Metrics.Delivery.EVENT;
        } catch (RuntimeException notPublished) {
            try {
                fallback.keep(result);
                delivery = Metrics.Delivery.FALLBACK;
                log.undelivered(notPublished.getMessage(), "fallback-queue");
            } catch (RuntimeException notKept) {
                delivery = Metrics.Delivery.LOG_ONLY;
                lost = notPublished.getMessage() + "; " + notKept.getMessage();
                log.undelivered(lost, "log");
            }
        } finally {
            reserve.reportTook((System.nanoTime() - start) / 1_000_000);
        }
        metrics.result(result, delivery);
        if (lost != null && !result.anyRevoked() && result.rejected() == null) {
            throw new ResultNotDeliveredException(lost);
        }
        return new Reported(document, delivery);
    }
}
