package dev.sgrevoker.aws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.intake.trigger.ShardMessage;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.ShardOfRun;
import dev.sgrevoker.policy.Sweep;
import dev.sgrevoker.report.JsonText;
import dev.sgrevoker.run.ShardQueue;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * A run's shards to the FIFO shard queue: {@code MessageGroupId} = account:region, so SQS hands out one shard of an
 * account-region at a time and that instance may pace at (nearly) its whole EC2 bucket; {@code
 * MessageDeduplicationId} = run and pair, so a dispatch retried within five minutes sends each shard once. The
 * run's deadline goes to the (standard) request queue, delayed: FIFO queues take no per-message delay.
 */
public final class SqsShardQueue implements ShardQueue {

    private final String shardQueueUrl;
    private final String requestQueueUrl;
    private final Supplier<SqsClient> sqs;
    private final List<PortRange> authorizedTcp;
    private final List<PortRange> authorizedUdp;

    public SqsShardQueue(
            String shardQueueUrl,
            String requestQueueUrl,
            Supplier<SqsClient> sqs,
            List<PortRange> authorizedTcp,
            List<PortRange> authorizedUdp) {
        this.shardQueueUrl = shardQueueUrl;
        this.requestQueueUrl = requestQueueUrl;
        this.sqs = sqs;
        this.authorizedTcp = List.copyOf(authorizedTcp);
        this.authorizedUdp = List.copyOf(authorizedUdp);
    }

    @Override
    public List<String> send(Sweep sweep, List<ShardOfRun> shards) {
        return SqsBatchSend.send(
                        sqs,
                        shardQueueUrl,
                        shards,
                        shard -> SendMessageBatchRequestEntry.builder()
                                .messageBody(JsonText.of(
                                        new ShardMessage(shard, sweep).toJson(authorizedTcp, authorizedUdp)))
                                .messageGroupId(shard.pair())
                                .messageDeduplicationId(shard.runId() + ":" + shard.pair()),
                        "SQS gave no answer for the shard")
                .stream()
                .map(SqsBatchSend.Answer::refusal)
                .toList();
    }

    @Override
    public void deadline(String runId, Duration delay) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("sweepRunDeadline").put("runId", runId);
        int seconds = (int) Math.max(0, Math.min(900, delay.toSeconds()));
        sqs.get()
                .sendMessage(r -> r.queueUrl(requestQueueUrl)
                        .messageBody(JsonText.of(body))
                        .delaySeconds(seconds));
    }
}
