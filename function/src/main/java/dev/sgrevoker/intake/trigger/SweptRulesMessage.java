package dev.sgrevoker.intake.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.intake.DirectInvoke;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.Ids;
import dev.sgrevoker.intake.JsonFields;
import dev.sgrevoker.model.GroupTarget;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.policy.SweepOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The message a sweep hands one unfinished group over in, through the request queue:
 * {@code {"sweptRules": {"GroupId", "DryRun", "MaxRevocations", "Rules": [{"RuleId", "Because"}]}}}. The hand-over
 * writes it with {@link #toJson} and the SQS path reads it back with {@link #read}, so both ends share one codec.
 *
 * @param maxRevocations the limit the sweep ran under, which the continuation keeps
 * @param rules the group's selected rule ids, each with why the sweep selected it
 */
public record SweptRulesMessage(String groupId, boolean dryRun, int maxRevocations, List<Requested.ByRuleId> rules) {
    static final String KEY = "sweptRules";
    private static final Set<String> FIELDS = Set.of("GroupId", "DryRun", "MaxRevocations", "Rules");
    private static final int MAX_BECAUSE = 2_000;

    public SweptRulesMessage {
        Objects.requireNonNull(groupId, "groupId");
        rules = List.copyOf(rules);
        rules.forEach(r -> Objects.requireNonNull(r.because(), "a swept rule says why it was selected"));
    }

    /** The same message with {@code dryRun} as given. */
    public SweptRulesMessage withDryRun(boolean dryRun) {
        return new SweptRulesMessage(groupId, dryRun, maxRevocations, rules);
    }

    /** The message body, as the request queue carries it. */
    public ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode swept = body.putObject(KEY);
        swept.put("GroupId", groupId);
        swept.put("DryRun", dryRun);
        swept.put("MaxRevocations", maxRevocations);
        ArrayNode list = swept.putArray("Rules");
        rules.forEach(r -> list.addObject().put("RuleId", r.ruleId()).put("Because", r.because()));
        return body;
    }

    /** The value of {@code sweptRules} found at {@code path}; every error names its field from there. */
    static SweptRulesMessage read(JsonNode node, FieldPath path) {
        JsonFields o = new JsonFields(node, path, FIELDS);
        String group = EventJson.groupId(o.requiredText("GroupId"), o.field("GroupId"));
        Integer max = o.positive("MaxRevocations");
        if (max == null) {
            throw o.field("MaxRevocations").invalid("is required: the limit the sweep ran under");
        }
        JsonNode list = o.raw("Rules");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw o.field("Rules").invalid("must be a non-empty list of {RuleId, Because}");
        }
        if (list.size() > DirectInvoke.MAX_ITEMS) {
            throw o.field("Rules").invalid("lists " + list.size() + " rules; at most " + DirectInvoke.MAX_ITEMS);
        }
        List<Requested.ByRuleId> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonFields r = new JsonFields(list.get(i), o.field("Rules").index(i), Set.of("RuleId", "Because"));
            String because = r.requiredText("Because");
            if (because.length() > MAX_BECAUSE) {
                throw r.field("Because").invalid("is longer than " + MAX_BECAUSE + " characters");
            }
            rules.add(
                    new Requested.ByRuleId(Ids.require(r.requiredText("RuleId"), "sgr-", r.field("RuleId")), because));
        }
        return new SweptRulesMessage(group, o.bool("DryRun", false), max, rules);
    }

    /** The group's rules as a request by rule id, continuing the sweep under its limit. */
    TriggerResult toTrigger(TriggerFamily family) {
        RevocationRequest request = new RevocationRequest(
                new GroupTarget.ById(groupId), List.<Requested>copyOf(rules), dryRun, InputForm.SWEEP);
        return new TriggerResult(
                family, InputForm.SWEEP, List.of(request), List.of(), new SweepOrder.Continuation(maxRevocations));
    }
}
