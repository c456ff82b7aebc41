package dev.sgrevoker.aws;

import dev.sgrevoker.intake.trigger.SweptRulesMessage;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.ShardOfRun;
import dev.sgrevoker.policy.Policy;
import dev.sgrevoker.report.JsonText;
import dev.sgrevoker.revoke.HandOver;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Hands a sweep's unfinished groups to the request queue, one message per group, so the SQS path
 * revokes them with its own retries and dead-letter queue. The client is built on first use: most invocations never
 * hand over.
 */
public final class RequestQueueHandOver implements HandOver {
    private final String queueUrl;
    private final Supplier<SqsClient> sqs;
    /** EC2.18's authorised ports: a control is written by id, and only the settings that built it find it again. */
    private final List<PortRange> authorizedTcp;

    private final List<PortRange> authorizedUdp;
    /** The sweep being handed over (null until {@link #forSweep}): its policy and run travel with each group. */
    private final Policy policy;

    private final ShardOfRun run;

    public RequestQueueHandOver(
            String queueUrl, Supplier<SqsClient> sqs, List<PortRange> authorizedTcp, List<PortRange> authorizedUdp) {
        this(queueUrl, sqs, authorizedTcp, authorizedUdp, null, null);
    }

    private RequestQueueHandOver(
            String queueUrl,
            Supplier<SqsClient> sqs,
            List<PortRange> authorizedTcp,
            List<PortRange> authorizedUdp,
            Policy policy,
            ShardOfRun run) {
        this.queueUrl = queueUrl;
        this.sqs = sqs;
        this.authorizedTcp = List.copyOf(authorizedTcp);
        this.authorizedUdp = List.copyOf(authorizedUdp);
        this.policy = policy;
        this.run = run;
    }

    @Override
    public HandOver forSweep(Policy sweepPolicy, ShardOfRun shard) {
        return new RequestQueueHandOver(queueUrl, sqs, authorizedTcp, authorizedUdp, sweepPolicy, shard);
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public List<Sent> send(List<Part> parts) {
        return SqsBatchSend.send(
                        sqs,
                        queueUrl,
                        parts,
                        part -> SendMessageBatchRequestEntry.builder()
                                .messageBody(JsonText.of(message(part).toJson(authorizedTcp, authorizedUdp))),
                        "SQS gave no answer for the message")
                .stream()
                .map(a -> a.sent()
                        ? new Sent("the request queue as message " + a.messageId(), null, null)
                        : new Sent(null, FailureCode.Ours.HAND_OVER_FAILED, a.refusal()))
                .toList();
    }

    /** An ordinary request of the SQS path: one group's rule ids and the sweep's policy to judge them by again. */
    private SweptRulesMessage message(Part part) {
        if (policy == null) {
            throw new IllegalStateException("a hand-over is bound to its sweep (forSweep) before it sends");
        }
        return new SweptRulesMessage(
                part.groupId(), part.dryRun(), part.maxRevocations(), part.ruleIds(), policy, run, part.reserved());
    }
}
