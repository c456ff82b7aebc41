package dev.sgrevoker.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.policy.BlastRadius;
import java.util.List;

/** The result as JSON: the handler's response, and the pieces the result event is made of. */
public final class ResultDocument {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResultDocument() {}

    public static ObjectNode response(RevocationResult result) {
        ObjectNode doc = header(result);
        ArrayNode list = doc.putArray("permissions");
        result.permissions().forEach(p -> list.add(entry(p)));
        return doc;
    }

    /** Invocation id, trigger, input form, dry-run flag, counts per outcome (and a rejection): what every result event repeats. */
    public static ObjectNode header(RevocationResult result) {
        ObjectNode doc = JSON.objectNode();
        doc.put("invocationId", result.invocationId());
        doc.put("trigger", result.trigger());
        if (result.messageId() != null) {
            doc.put("messageId", result.messageId());
        }
        doc.put(
                "inputForm",
                result.inputForm() == null ? null : result.inputForm().wireName());
        doc.put("dryRun", result.dryRun());
        ObjectNode counts = doc.putObject("counts");
        result.counts().forEach((outcome, n) -> counts.put(outcome.name(), n));
        if (result.sweep() != null) {
            var sweep = result.sweep();
            doc.put("groupsScanned", sweep.groupsScanned());
            doc.put("rulesScanned", sweep.rulesScanned());
            doc.put("selected", sweep.selected());
            doc.put("handedOverGroups", sweep.handedOverGroups());
        }
        long overLimit = result.permissions().stream()
                .filter(p -> BlastRadius.EXCEEDED.equals(p.errorCode()))
                .count();
        if (overLimit > 0) {
            // Nothing was revoked for the limit: say how many were selected, so the header alone tells why.
            doc.putObject("blastRadiusExceeded").put("selected", overLimit);
        }
        if (result.rejected() != null) {
            doc.putObject("rejected")
                    .put("field", result.rejected().field())
                    .put("reason", result.rejected().reason());
        }
        return doc;
    }

    public static ObjectNode entry(PermissionOutcome p) {
        ObjectNode e = JSON.objectNode();
        e.put("groupId", p.groupId());
        if (p.groupName() != null) {
            e.put("groupName", p.groupName());
        }
        if (p.permission() != null) {
            e.set("permission", ipPermission(p.permission()));
        } else {
            e.putNull("permission");
        }
        if (p.ruleId() != null) {
            e.put("ruleId", p.ruleId());
        }
        e.put("outcome", p.outcome().name());
        if (p.because() != null) {
            e.put("because", p.because());
        }
        if (p.outcome() != Outcome.REVOKED) {
            if (p.errorCode() != null) {
                e.put("errorCode", p.errorCode());
            }
            if (p.reason() != null) {
                e.put("reason", p.reason());
            }
        }
        return e;
    }

    /** The reference page's IpPermission shape, with exactly one source. */
    public static ObjectNode ipPermission(Permission p) {
        ObjectNode o = JSON.objectNode();
        o.put("IpProtocol", p.protocol().value());
        if (!p.protocol().ignoresPorts()) {
            o.put("FromPort", p.ports().from());
            o.put("ToPort", p.ports().to());
        }
        ObjectNode source = JSON.objectNode();
        String list;
        switch (p.source()) {
            case RuleSource.Ipv4Range r -> {
                list = "IpRanges";
                source.put("CidrIp", r.cidr());
            }
            case RuleSource.Ipv6Range r -> {
                list = "Ipv6Ranges";
                source.put("CidrIpv6", r.cidr());
            }
            case RuleSource.PrefixList r -> {
                list = "PrefixListIds";
                source.put("PrefixListId", r.prefixListId());
            }
            case RuleSource.GroupReference r -> {
                list = "UserIdGroupPairs";
                putIfPresent(source, "GroupId", r.groupId());
                putIfPresent(source, "GroupName", r.groupName());
                putIfPresent(source, "UserId", r.userId());
                putIfPresent(source, "VpcId", r.vpcId());
                putIfPresent(source, "VpcPeeringConnectionId", r.vpcPeeringConnectionId());
            }
        }
        putIfPresent(source, "Description", p.description());
        o.putArray(list).add(source);
        return o;
    }

    static List<PermissionOutcome> withOutcome(RevocationResult result, boolean revoked) {
        return result.permissions().stream().filter(p -> p.revoked() == revoked).toList();
    }

    private static void putIfPresent(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }
}
