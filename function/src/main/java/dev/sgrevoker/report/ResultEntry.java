package dev.sgrevoker.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.GroupUse;
import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.RuleSource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of a result document: a permission's end, with the rule's before-image and what uses its group, in the
 * documented shape (docs/result.md) the response, the log's outcome lines and the result events share.
 */
public final class ResultEntry {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResultEntry() {}

    /**
     * One permission's end. A REVOKED or DRY_RUN entry is the before-image: the rule as EC2 described it just before
     * the revoke (its own description and tags, never the requester's words), with its group's facts.
     */
    public static ObjectNode of(PermissionOutcome p) {
        ObjectNode e = JSON.objectNode();
        e.put("groupId", p.groupId());
        if (p.subject().accountOfGroup() != null) {
            e.put("account", p.subject().accountOfGroup());
        }
        if (p.subject().where() != null && p.subject().where().namedRegion() != null) {
            e.put("region", p.subject().where().namedRegion());
        }
        GroupFacts group = p.subject().group();
        String groupName = p.groupName() != null ? p.groupName() : group == null ? null : group.groupName();
        if (groupName != null) {
            e.put("groupName", groupName);
        }
        if (group != null) {
            putIfPresent(e, "vpcId", group.vpcId());
        }
        List<DescribedRule> before = p.before();
        if (!before.isEmpty()) {
            e.set("permission", ipPermission(before.get(0).permission()));
        } else if (p.permission() != null) {
            e.set("permission", ipPermission(p.permission()));
        } else {
            e.putNull("permission");
        }
        if (p.ruleId() != null) {
            e.put("ruleId", p.ruleId());
        }
        e.put("direction", WireStrings.direction(p.egress()));
        if (!before.isEmpty()) {
            e.set("tags", tags(before.get(0).tags()));
        }
        if (before.size() > 1) {
            // One requested permission matched several rules: each one's image, so none is lost from the record.
            ArrayNode rules = e.putArray("rules");
            before.forEach(r -> rules.addObject()
                    .put("ruleId", r.ruleId())
                    .<ObjectNode>set("permission", ipPermission(r.permission()))
                    .set("tags", tags(r.tags())));
        }
        e.put("outcome", p.outcome().name());
        if (p.exposedSeconds() != null) {
            e.put("exposedSeconds", p.exposedSeconds());
        }
        groupUse(e, p);
        if (p.repeatOf() != null) {
            // Asked again for what an earlier item asked: its outcome is that item's, counted there.
            e.put("repeatOf", p.repeatOf());
        }
        if (p.because() != null) {
            e.put("because", p.because());
        }
        if (!p.subject().controls().isEmpty()) {
            // The ids of the checks that selected the rule, so no reader parses them out of because.
            ArrayNode controls = e.putArray("controls");
            p.subject().controls().forEach(controls::add);
        }
        if (p.exemptUntil() != null) {
            e.put("exemptUntil", WireStrings.exemptUntil(p.exemptUntil()));
        }
        if (p.outcome() != Outcome.REVOKED) {
            if (p.code() != null) {
                e.put("errorCode", WireStrings.errorCode(p.code()));
            }
            if (p.reason() != null) {
                e.put("reason", p.reason());
            }
        }
        return e;
    }

    /**
     * What the rule is keeping reachable, where it was looked up: the interfaces that have the group, up to five of
     * them, and why a group is never called unused: it is shared, or a sharing lookup did not answer.
     */
    private static void groupUse(ObjectNode e, PermissionOutcome p) {
        GroupUse use = p.subject().use();
        if (use == null) {
            return;
        }
        e.put("interfacesUsingGroup", use.interfaces());
        ArrayNode examples = e.putArray("interfaceExamples");
        for (GroupUse.InterfaceExample i : use.examples()) {
            ObjectNode o = examples.addObject();
            putIfPresent(o, "interfaceId", i.interfaceId());
            putIfPresent(o, "interfaceType", i.interfaceType());
            putIfPresent(o, "instanceId", i.instanceId());
            putIfPresent(o, "requesterId", i.requesterId());
            putIfPresent(o, "description", i.description());
        }
        String shared = use.sharedBecause(p.subject().accountOfGroup());
        if (shared != null) {
            e.put("groupShared", true);
            e.put("groupSharedReason", shared);
        }
        // Said only where it changes the verdict: a group an interface has is in use whether shared or not.
        String unknown =
                use.interfaces() == 0 ? use.sharingNotChecked(p.subject().accountOfGroup()) : null;
        if (unknown != null) {
            e.put("groupSharingUnknown", true);
            e.put("groupSharingUnknownReason", unknown);
        }
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

    static ObjectNode tags(Map<String, String> tags) {
        ObjectNode o = JSON.objectNode();
        new TreeMap<>(tags).forEach(o::put);
        return o;
    }

    static void putIfPresent(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }
}
