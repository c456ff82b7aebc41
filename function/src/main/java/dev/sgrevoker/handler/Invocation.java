package dev.sgrevoker.handler;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.trigger.PolicySettings;
import dev.sgrevoker.intake.trigger.Skip;
import dev.sgrevoker.intake.trigger.TriggerFamily;
import dev.sgrevoker.intake.trigger.TriggerResult;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.policy.BlastRadius;
import dev.sgrevoker.policy.Sweep;
import dev.sgrevoker.policy.SweepOrder;
import dev.sgrevoker.report.ResultDocument;
import dev.sgrevoker.report.ResultPublisher;
import dev.sgrevoker.revoke.HandOver;
import dev.sgrevoker.revoke.Revoker;
import dev.sgrevoker.revoke.Sweeper;
import dev.sgrevoker.revoke.TimeBudget;
import java.util.ArrayList;
import java.util.List;

/** One normalised event through revocation and reporting: the requests' outcomes, then every skip, then the event. */
final class Invocation {
    private final Revoker revoker;
    private final ResultPublisher publisher;
    private final Sweeps sweeps;

    /** What sweeps need besides the engine: discovery, the configured sweep, and where unfinished groups go. */
    record Sweeps(Sweeper sweeper, PolicySettings settings, HandOver handOver) {}

    Invocation(Revoker revoker, ResultPublisher publisher, Sweeps sweeps) {
        this.revoker = revoker;
        this.publisher = publisher;
        this.sweeps = sweeps;
    }

    RevocationResult revoke(TriggerResult trigger, String invocationId, String messageId, TimeBudget budget) {
        try {
            return run(trigger, invocationId, messageId, budget);
        } catch (InvalidRequestException e) {
            if (messageId == null) {
                throw e;
            }
            // One SQS message's unusable sweep configuration is that message's rejection, not the batch's.
            return RevocationResult.rejected(
                    invocationId,
                    trigger.family().wireName(),
                    messageId,
                    new RevocationResult.Rejection(e.field(), e.reason()));
        }
    }

    private RevocationResult run(TriggerResult trigger, String invocationId, String messageId, TimeBudget budget) {
        if (trigger.sweep() instanceof SweepOrder.Run || trigger.sweep() instanceof SweepOrder.Configured) {
            // The configured sweep is checked here, before any EC2 call.
            Sweep sweep = trigger.sweep() instanceof SweepOrder.Run run
                    ? run.sweep()
                    : sweeps.settings().scheduledSweep();
            if (sweeps.sweeper() == null) {
                throw new IllegalStateException("this handler was built without a rule inventory: it cannot sweep");
            }
            Sweeper.Report report = sweeps.sweeper().sweep(sweep, budget, sweeps.handOver());
            return new RevocationResult(
                    invocationId,
                    trigger.family().wireName(),
                    messageId,
                    InputForm.SWEEP,
                    !sweep.enforce(),
                    report.outcomes(),
                    null,
                    report.summary());
        }
        if (trigger.family() == TriggerFamily.CLOUDTRAIL_AUTHORIZE_INGRESS) {
            sweeps.settings().checkRevertPolicy();
        }
        List<PermissionOutcome> outcomes = new ArrayList<>();
        if (!trigger.requests().isEmpty()) {
            BlastRadius limit = trigger.sweep() instanceof SweepOrder.Continuation c
                    ? new BlastRadius(c.maxRevocations(), "the sweep's maxRevocations")
                    : revoker.guardrails().limit();
            outcomes.addAll(revoker.revoke(trigger.requests(), budget, limit, HandOver.NONE));
        }
        for (Skip skip : trigger.skips()) {
            String reason = skip.reference() == null ? skip.reason() : skip.reference() + ": " + skip.reason();
            outcomes.add(PermissionOutcome.skipped(PermissionOutcome.Subject.ofGroup(skip.groupId()), null, reason));
        }
        boolean dryRun =
                !trigger.requests().isEmpty() && trigger.requests().stream().allMatch(RevocationRequest::dryRun);
        return new RevocationResult(
                invocationId, trigger.family().wireName(), messageId, trigger.form(), dryRun, outcomes, null);
    }

    /**
     * Logs the result first, so it survives in the logs even when the event cannot be delivered; then publishes.
     * Returns the result document it logged, which is also the response.
     */
    ObjectNode report(RevocationResult result, LambdaLogger logger) {
        ObjectNode document = ResultDocument.response(result);
        logger.log("sg-revoker result " + document + "\n");
        publisher.publish(result);
        return document;
    }
}
