package dev.sgrevoker.handler;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.intake.trigger.Skip;
import dev.sgrevoker.intake.trigger.TriggerResult;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.Provenance;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.report.ResultDocument;
import dev.sgrevoker.report.ResultPublisher;
import dev.sgrevoker.revoke.Revoker;
import dev.sgrevoker.revoke.TimeBudget;
import java.util.ArrayList;
import java.util.List;

/** One normalised event through revocation and reporting: the requests' outcomes, then every skip, then the event. */
final class Invocation {
    private final Revoker revoker;
    private final ResultPublisher publisher;

    Invocation(Revoker revoker, ResultPublisher publisher) {
        this.revoker = revoker;
        this.publisher = publisher;
    }

    RevocationResult revoke(
            TriggerResult trigger, String invocationId, String messageId, Provenance from, TimeBudget budget) {
        List<PermissionOutcome> outcomes = new ArrayList<>();
        if (!trigger.requests().isEmpty()) {
            outcomes.addAll(revoker.revoke(trigger.requests(), budget));
        }
        for (Skip skip : trigger.skips()) {
            String reason = skip.reference() == null ? skip.reason() : skip.reference() + ": " + skip.reason();
            outcomes.add(PermissionOutcome.skipped(PermissionOutcome.Subject.ofGroup(skip.groupId()), null, reason));
        }
        boolean dryRun =
                !trigger.requests().isEmpty() && trigger.requests().stream().allMatch(RevocationRequest::dryRun);
        return new RevocationResult(
                invocationId, trigger.family().wireName(), messageId, trigger.form(), dryRun, outcomes, null, from);
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
