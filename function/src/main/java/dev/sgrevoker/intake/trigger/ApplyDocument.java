package dev.sgrevoker.intake.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.Ids;
import dev.sgrevoker.intake.IpPermissionReader;
import dev.sgrevoker.intake.JsonFields;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PlanLine;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.policy.SweepOrder;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A reviewed plan sent back ({@code {"apply": {...}}}, wherever a direct-invoke payload may be): inline, the lines
 * kept, or by reference ({@code planId} and {@code planUri}) for a plan past the intake's size limits. Only what
 * picks lines is read from the request; the plan the function stored decides the rest (before-images, expiry).
 * Also reads the stored plan back.
 */
public final class ApplyDocument {
    static final String APPLY = "apply";
    /** {@code <invocation id>[/<SQS message id>]/<account>/<region>}: the plan's path under reports/. */
    private static final Pattern PLAN_ID =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}(/[A-Za-z0-9][A-Za-z0-9-]{0,63}){2,3}");

    private static final Set<String> FIELDS =
            Set.of("planId", "planUri", "createdAt", "expiresAt", "rules", "approvedBy");
    private static final Set<String> LINE_FIELDS =
            Set.of("account", "region", "groupId", "ruleId", "direction", "permission");
    static final int MAX_APPROVED_BY = 256;

    private ApplyDocument() {}

    /** Whether the payload is a plan to apply: an object whose field is apply. */
    static boolean handles(JsonNode payload) {
        return payload != null && payload.isObject() && payload.has(APPLY);
    }

    static TriggerResult normalise(JsonNode payload, FieldPath at, TriggerFamily family) {
        FieldPath path = at.child(APPLY);
        if (payload.size() != 1) {
            throw path.invalid("must stand alone in the payload");
        }
        JsonFields o = new JsonFields(payload.get(APPLY), path, FIELDS);
        String planId = planId(o.requiredText("planId"), o.field("planId"));
        String planUri = o.has("planUri") ? o.requiredText("planUri") : null;
        String approvedBy = o.has("approvedBy") ? o.requiredText("approvedBy") : null;
        if (approvedBy != null
                && (approvedBy.length() > MAX_APPROVED_BY || approvedBy.chars().anyMatch(Character::isISOControl))) {
            throw o.field("approvedBy")
                    .invalid("must be at most " + MAX_APPROVED_BY + " characters, without control characters");
        }
        List<PlanLine> lines = null;
        if (o.has("rules")) {
            lines = new ArrayList<>();
            for (JsonFields.Element e : o.array("rules")) {
                lines.add(line(new JsonFields(e.node(), e.path(), LINE_FIELDS)));
            }
        } else if (planUri == null) {
            throw path.invalid("give rules (the plan's lines to apply) or planUri (the stored plan, whole)");
        }
        return new TriggerResult(
                family,
                InputForm.PLAN,
                List.of(),
                List.of(),
                new SweepOrder.ApplyPlan(planId, planUri, approvedBy, lines));
    }

    /** A plan as the function stored it: its id, its expiry, and each line with the rule it recorded. */
    public record Stored(String planId, Instant expiresAt, Map<PlanLine, DescribedRule> lines) {}

    /** The stored plan ({@code plan.json} as the report writer wrote it); errors name {@code at}. */
    public static Stored stored(JsonNode doc, FieldPath at) {
        JsonFields root = new JsonFields(doc, at, Set.of(APPLY));
        JsonFields o = new JsonFields(root.raw(APPLY), root.field(APPLY), FIELDS);
        String planId = o.requiredText("planId");
        Instant expiresAt;
        try {
            expiresAt = Instant.parse(o.requiredText("expiresAt"));
        } catch (DateTimeParseException e) {
            throw o.field("expiresAt").invalid("is not an ISO-8601 instant");
        }
        Map<PlanLine, DescribedRule> lines = new LinkedHashMap<>();
        for (JsonFields.Element e : o.array("rules")) {
            JsonFields l = new JsonFields(e.node(), e.path(), LINE_FIELDS);
            PlanLine line = line(l);
            List<Permission> image = IpPermissionReader.expand(
                    l.raw("permission"), l.field("permission"), IpPermissionReader.Spelling.API);
            if (image.size() != 1) {
                throw l.field("permission").invalid("must name exactly one source");
            }
            lines.put(line, new DescribedRule(line.ruleId(), line.groupId(), line.egress(), image.get(0), Map.of()));
        }
        return new Stored(planId, expiresAt, lines);
    }

    private static PlanLine line(JsonFields l) {
        String direction = l.has("direction") ? l.requiredText("direction") : "ingress";
        if (!direction.equals("ingress") && !direction.equals("egress")) {
            throw l.field("direction").invalid("must be ingress or egress");
        }
        String region = l.requiredText("region");
        if (!region.matches("[a-z]{2}(-[a-z]+)+-[0-9]")) {
            throw l.field("region").invalid("'" + region + "' is not a region name");
        }
        return new PlanLine(
                Ids.account(l.requiredText("account"), l.field("account")),
                region,
                EventJson.groupId(l.requiredText("groupId"), l.field("groupId")),
                Ids.require(l.requiredText("ruleId"), "sgr-", l.field("ruleId")),
                direction.equals("egress"));
    }

    private static String planId(String id, FieldPath at) {
        if (!PLAN_ID.matcher(id).matches()) {
            throw at.invalid("is not a plan id (a plan's apply.planId, as its report names it)");
        }
        return id;
    }
}
