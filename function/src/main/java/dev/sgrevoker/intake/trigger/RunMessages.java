package dev.sgrevoker.intake.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.JsonFields;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.ShardOfRun;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.policy.SweepOrder;
import java.util.Set;

/**
 * The messages of a sweep run besides the sweep itself: a shard ({@code sweepShard}, {@link ShardMessage}), a cancel
 * ({@code {"cancelRun": "run-…"}}) and the run's deadline ({@code {"sweepRunDeadline": {"runId": "run-…"}}}, sent
 * delayed by the dispatch). Each stands alone in its payload. A shard's account and region are judged here against
 * the deployer's settings, as any event's are; whether the run exists is the run table's to say.
 */
final class RunMessages {
    static final String CANCEL = "cancelRun";
    static final String DEADLINE = "sweepRunDeadline";

    private RunMessages() {}

    static boolean handles(JsonNode payload) {
        return payload != null
                && payload.isObject()
                && (payload.has(ShardMessage.KEY) || payload.has(CANCEL) || payload.has(DEADLINE));
    }

    static TriggerResult normalise(JsonNode payload, FieldPath at, TriggerFamily family, TriggerConfig config) {
        String key = payload.has(ShardMessage.KEY) ? ShardMessage.KEY : payload.has(CANCEL) ? CANCEL : DEADLINE;
        if (payload.size() != 1) {
            throw at.child(key).invalid("must stand alone in the payload");
        }
        FieldPath path = at.child(key);
        return switch (key) {
            case ShardMessage.KEY -> {
                ShardMessage m =
                        ShardMessage.read(payload.get(key), path, config.authorizedTcp(), config.authorizedUdp());
                yield TriggerResult.sweep(
                        family, new SweepOrder.Shard(m.sweep(), m.shard(), where(m.shard(), config, path)));
            }
            case CANCEL -> {
                JsonNode id = payload.get(key);
                if (id == null || !id.isTextual()) {
                    throw path.invalid("must be the run's id (run-…), as the dispatching result's runId gives it");
                }
                yield TriggerResult.sweep(family, new SweepOrder.CancelRun(ShardMessage.runId(id.asText(), path)));
            }
            default -> {
                JsonFields o = new JsonFields(payload.get(key), path, Set.of("runId"));
                yield TriggerResult.sweep(
                        family,
                        new SweepOrder.RunDeadline(ShardMessage.runId(o.requiredText("runId"), o.field("runId"))));
            }
        };
    }

    /** Where a shard (or its hand-over) acts: refused, naming the field, outside the deployer's accounts and regions. */
    static AccountRegion where(ShardOfRun shard, TriggerConfig config, FieldPath path) {
        config.accounts().refusal(shard.account(), shard.region()).ifPresent(why -> {
            throw path.child("account").invalid(why);
        });
        return config.accounts().where(shard.account(), shard.region());
    }
}
