package dev.sgrevoker.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.PermissionOutcome;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The undo of a result: for each group that lost rules, an {@code aws ec2 authorize-security-group-ingress
 * --cli-input-json} document that re-creates exactly the revoked rules from their before-images, descriptions and
 * tags included; a default group's egress rules (EC2.2) get {@code authorize-security-group-egress} documents of
 * their own, since the CLI refuses any key it does not know. TagSpecifications apply to every rule of a call, so
 * rules whose tags differ get a call each.
 */
public final class Restore {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Restore() {}

    /** The ingress documents: one per group and distinct rule tags, in the order the rules were revoked. */
    public static ArrayNode payloads(List<PermissionOutcome> outcomes) {
        return payloads(outcomes, false);
    }

    /** The egress documents, for {@code aws ec2 authorize-security-group-egress --cli-input-json}. */
    public static ArrayNode egressPayloads(List<PermissionOutcome> outcomes) {
        return payloads(outcomes, true);
    }

    private static ArrayNode payloads(List<PermissionOutcome> outcomes, boolean egress) {
        Map<Call, Map<String, DescribedRule>> calls = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (PermissionOutcome p : outcomes) {
            if (!p.revoked() || p.repeatOf() != null) {
                continue; // a dry run took nothing away; a repeated item's rule is restored with its first
            }
            for (DescribedRule rule : p.before()) {
                if (rule.egress() == egress && seen.add(rule.ruleId())) {
                    calls.computeIfAbsent(new Call(rule.groupId(), rule.tags()), c -> new LinkedHashMap<>())
                            .put(rule.ruleId(), rule);
                }
            }
        }
        ArrayNode out = JSON.arrayNode();
        calls.forEach((call, rules) -> {
            ObjectNode doc = out.addObject();
            doc.put("GroupId", call.groupId());
            ArrayNode permissions = doc.putArray("IpPermissions");
            rules.values().forEach(r -> permissions.add(ResultEntry.ipPermission(r.permission())));
            if (!call.tags().isEmpty()) {
                ArrayNode tags = doc.putArray("TagSpecifications")
                        .addObject()
                        .put("ResourceType", "security-group-rule")
                        .putArray("Tags");
                ResultEntry.tags(call.tags())
                        .properties()
                        .forEach(t -> tags.addObject().put("Key", t.getKey()).set("Value", t.getValue()));
            }
        });
        return out;
    }

    private record Call(String groupId, Map<String, String> tags) {}
}
