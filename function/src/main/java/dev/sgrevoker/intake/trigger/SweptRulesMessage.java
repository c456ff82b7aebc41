package dev.sgrevoker.intake.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.intake.DirectInvoke;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.Ids;
import dev.sgrevoker.intake.JsonFields;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.GroupTarget;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.model.ShardOfRun;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.policy.Policy;
import dev.sgrevoker.policy.SweepOrder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The message a sweep hands one unfinished group over in, through the request queue:
 * {@code {"sweptRules": {"GroupId", "DryRun", "MaxRevocations", "RuleIds", "Policy", "Run"}}}. It carries the sweep's
 * policy, never a verdict: where it is consumed each rule is judged again against the rule as EC2 describes it then.
 * The hand-over writes it with {@link #toJson} and the SQS path reads it back with {@link #read}: one codec.
 *
 * @param maxRevocations the limit the sweep ran under, which the continuation keeps
 * @param policy the sweep's checks ({@code controls}, {@code allowedSources}); the exemption tag is the deployer's
 * @param run the sweep run and (account, region) of a shard's hand-over; null for a sweep of the own account alone
 * @param reserved the run admitted these rules already (the shard's reservation): not reserved again
 */
public record SweptRulesMessage(
        String groupId,
        boolean dryRun,
        int maxRevocations,
        List<String> ruleIds,
        Policy policy,
        ShardOfRun run,
        boolean reserved) {
    static final String KEY = "sweptRules";
    /** "Rules" is the old shape's (each with the sender's Because): read only to refuse it with a reason. */
    private static final Set<String> FIELDS =
            Set.of("GroupId", "DryRun", "MaxRevocations", "RuleIds", "Policy", "Run", "Rules");

    public SweptRulesMessage {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(policy, "a hand-over carries the sweep's policy");
        ruleIds = List.copyOf(ruleIds);
    }

    /** The same message with {@code dryRun} as given. */
    public SweptRulesMessage withDryRun(boolean dryRun) {
        return new SweptRulesMessage(groupId, dryRun, maxRevocations, ruleIds, policy, run, reserved);
    }

    /** The message body, as the request queue carries it; controls are written by id ({@link SweepJson}). */
    public ObjectNode toJson(List<PortRange> authorizedTcp, List<PortRange> authorizedUdp) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode swept = body.putObject(KEY);
        swept.put("GroupId", groupId);
        swept.put("DryRun", dryRun);
        swept.put("MaxRevocations", maxRevocations);
        ruleIds.forEach(swept.putArray("RuleIds")::add);
        swept.set("Policy", SweepJson.policy(policy, authorizedTcp, authorizedUdp));
        if (run != null) {
            swept.putObject("Run")
                    .put("runId", run.runId())
                    .put("account", run.account())
                    .put("region", run.region())
                    .put("reserved", reserved);
        }
        return body;
    }

    /** The value of {@code sweptRules} found at {@code path}; every error names its field from there. */
    static SweptRulesMessage read(
            JsonNode node, FieldPath path, List<PortRange> authorizedTcp, List<PortRange> authorizedUdp) {
        JsonFields o = new JsonFields(node, path, FIELDS);
        if (o.has("Rules") || !o.has("Policy")) {
            // Before this shape a hand-over carried its sender's reasons and was revoked on them: never again.
            throw o.field("Policy")
                    .invalid("is missing: a hand-over is revoked only where the sweep's policy, judged again against"
                            + " the rules as EC2 describes them, selects them; a message of the old shape (Rules"
                            + " with Because) is not acted on: sweep the group again");
        }
        String group = EventJson.groupId(o.requiredText("GroupId"), o.field("GroupId"));
        Integer max = o.positive("MaxRevocations");
        if (max == null) {
            throw o.field("MaxRevocations").invalid("is required: the limit the sweep ran under");
        }
        List<String> raw = o.strings("RuleIds");
        if (raw.isEmpty()) {
            throw o.field("RuleIds").invalid("must be a non-empty list of rule ids");
        }
        if (raw.size() > DirectInvoke.MAX_ITEMS) {
            throw o.field("RuleIds").invalid("lists " + raw.size() + " rules; at most " + DirectInvoke.MAX_ITEMS);
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            ids.add(Ids.require(raw.get(i), "sgr-", o.field("RuleIds").index(i)));
        }
        Policy policy = policy(o.raw("Policy"), o.field("Policy"), authorizedTcp, authorizedUdp);
        ShardOfRun run = null;
        boolean reserved = false;
        if (o.has("Run")) {
            JsonFields r =
                    new JsonFields(o.raw("Run"), o.field("Run"), Set.of("runId", "account", "region", "reserved"));
            run = new ShardOfRun(
                    ShardMessage.runId(r.requiredText("runId"), r.field("runId")),
                    Ids.account(r.requiredText("account"), r.field("account")),
                    ShardMessage.region(r.requiredText("region"), r.field("region")));
            reserved = r.bool("reserved", false);
        }
        return new SweptRulesMessage(group, o.bool("DryRun", false), max, new ArrayList<>(ids), policy, run, reserved);
    }

    /** A sweep document's controls and allowed sources only: a hand-over's scope is its group. */
    private static Policy policy(JsonNode node, FieldPath path, List<PortRange> tcp, List<PortRange> udp) {
        new JsonFields(node, path, Set.of("controls", "allowedSources"));
        return SweepDocument.parse(node, path, tcp, udp).policy();
    }

    /** The group's rules as a request by rule id, continuing the sweep under its limit and policy. */
    TriggerResult toTrigger(TriggerFamily family, AccountRegion where) {
        List<Requested> items = new ArrayList<>();
        ruleIds.forEach(id -> items.add(new Requested.ByRuleId(id)));
        RevocationRequest request =
                new RevocationRequest(new GroupTarget.ById(groupId), items, dryRun, InputForm.SWEEP, where);
        return new TriggerResult(
                family,
                InputForm.SWEEP,
                List.of(request),
                List.of(),
                new SweepOrder.Continuation(maxRevocations, policy, run, reserved));
    }
}
