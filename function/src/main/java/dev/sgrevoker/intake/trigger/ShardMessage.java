package dev.sgrevoker.intake.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.intake.Excerpt;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.Ids;
import dev.sgrevoker.intake.JsonFields;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.ShardOfRun;
import dev.sgrevoker.policy.Sweep;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One (account, region) of a sweep run, as the shard queue carries it:
 * {@code {"sweepShard": {"runId", "account", "region", "sweep": {controls, allowedSources, scope, enforce,
 * maxRevocations}}}}. It carries the sweep's policy scoped to that pair, never a verdict; the consumer judges the
 * account and region against its own settings again and the rules as EC2 describes them. One codec for the dispatch
 * ({@link #toJson}) and the SQS path ({@link #read}).
 */
public record ShardMessage(ShardOfRun shard, Sweep sweep) {
    static final String KEY = "sweepShard";
    private static final Set<String> FIELDS = Set.of("runId", "account", "region", "sweep");
    private static final Pattern RUN_ID = Pattern.compile("run-[0-9A-Za-z-]{1,100}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");

    public ShardMessage {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(sweep, "sweep");
    }

    /** The message body; controls are written by id ({@link SweepJson}). */
    public ObjectNode toJson(List<PortRange> authorizedTcp, List<PortRange> authorizedUdp) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject(KEY)
                .put("runId", shard.runId())
                .put("account", shard.account())
                .put("region", shard.region())
                .set("sweep", SweepJson.sweep(sweep, authorizedTcp, authorizedUdp));
        return body;
    }

    /** The value of {@code sweepShard} at {@code path}; every error names its field from there. */
    static ShardMessage read(JsonNode node, FieldPath path, List<PortRange> authorizedTcp, List<PortRange> udp) {
        JsonFields o = new JsonFields(node, path, FIELDS);
        ShardOfRun shard = new ShardOfRun(
                runId(o.requiredText("runId"), o.field("runId")),
                Ids.account(o.requiredText("account"), o.field("account")),
                region(o.requiredText("region"), o.field("region")));
        if (!o.has("sweep")) {
            throw o.field("sweep").invalid("is required: the sweep's policy and scope for this account and region");
        }
        return new ShardMessage(shard, SweepDocument.parse(o.raw("sweep"), o.field("sweep"), authorizedTcp, udp));
    }

    /** A run id as the function makes them ({@code run-…}, letters, digits and dashes). */
    static String runId(String id, FieldPath field) {
        if (!RUN_ID.matcher(id).matches()) {
            throw field.invalid("'" + Excerpt.of(id) + "' is not a run id (run-…, letters, digits and dashes)");
        }
        return id;
    }

    /** A region's name (us-east-1, ap-southeast-2); whether the function may act there is the consumer's check. */
    static String region(String region, FieldPath field) {
        if (!REGION.matcher(region).matches()) {
            throw field.invalid("'" + Excerpt.of(region) + "' is not a region name");
        }
        return region;
    }
}
