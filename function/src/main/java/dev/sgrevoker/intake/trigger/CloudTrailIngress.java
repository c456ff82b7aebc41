package dev.sgrevoker.intake.trigger;

import static dev.sgrevoker.intake.trigger.EventJson.integer;
import static dev.sgrevoker.intake.trigger.EventJson.items;
import static dev.sgrevoker.intake.trigger.EventJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.Ids;
import dev.sgrevoker.model.Cidr;
import dev.sgrevoker.model.GroupTarget;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.model.RuleSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * "AWS API Call via CloudTrail" for AuthorizeSecurityGroupIngress: revert exactly what the call added. The rule ids
 * in the response are preferred (they are the rules created); older records have none, so the request's permissions
 * are used, in CloudTrail's spelling or the legacy top-level form.
 */
final class CloudTrailIngress {
    private static final TriggerFamily FAMILY = TriggerFamily.CLOUDTRAIL_AUTHORIZE_INGRESS;
    private static final InputForm FORM = InputForm.CLOUDTRAIL_AUTHORIZE_INGRESS;
    private static final String RP = "detail.requestParameters";

    private CloudTrailIngress() {}

    static TriggerResult normalise(JsonNode event, TriggerConfig config) {
        String eventId = text(event, "detail.eventID", "detail.eventID");
        String requestedGroup = text(event, RP + ".groupId", RP + ".groupId");
        String errorCode = text(event, "detail.errorCode", "detail.errorCode");
        if (errorCode != null) {
            String message = text(event, "detail.errorMessage", "detail.errorMessage");
            return skip(
                    requestedGroup,
                    eventId,
                    "the call failed (" + errorCode + (message == null ? "" : ": " + message)
                            + "), so it added no rule to revert");
        }
        Optional<String> approved = ignoredCaller(event, config);
        if (approved.isPresent()) {
            return skip(
                    requestedGroup,
                    eventId,
                    "made by " + approved.get() + ", listed in " + TriggerConfig.IGNORED_PRINCIPAL_ARNS
                            + " as an approved caller");
        }
        Optional<String> refusal = config.accounts()
                .refusal(
                        text(event, "detail.recipientAccountId", "detail.recipientAccountId"),
                        text(event, "detail.awsRegion", "detail.awsRegion"));
        if (refusal.isPresent()) {
            return skip(requestedGroup, eventId, refusal.get());
        }
        if (!EventJson.at(event, RP).isObject()) {
            throw new InvalidRequestException(RP, "is required: the parameters of the call to revert");
        }
        List<RevocationRequest> byRuleId = fromRuleSet(event, requestedGroup);
        if (!byRuleId.isEmpty()) {
            return new TriggerResult(FAMILY, FORM, byRuleId, List.of());
        }
        List<Requested> items = new ArrayList<>();
        Stream.concat(fromIpPermissions(event).stream(), fromLegacyParameters(event).stream())
                .forEach(p -> items.add(new Requested.ByPermission(p)));
        if (items.isEmpty()) {
            throw new InvalidRequestException(
                    RP + ".ipPermissions",
                    "names no rule the call added, and the response has no securityGroupRuleSet");
        }
        return new TriggerResult(
                FAMILY,
                FORM,
                List.of(new RevocationRequest(target(event, requestedGroup), items, false, FORM)),
                List.of());
    }

    private static TriggerResult skip(String groupId, String eventId, String reason) {
        return TriggerResult.skipped(
                FAMILY, FORM, new Skip(FAMILY, groupId, eventId, "AuthorizeSecurityGroupIngress " + reason));
    }

    /** The caller's ARN or, for an assumed role, the role's ARN (its session issuer), if configuration approves it. */
    private static Optional<String> ignoredCaller(JsonNode event, TriggerConfig config) {
        return Stream.of("detail.userIdentity.arn", "detail.userIdentity.sessionContext.sessionIssuer.arn")
                .map(path -> text(event, path, path))
                .filter(arn -> arn != null && config.ignoredPrincipals().contains(arn))
                .findFirst();
    }

    private static GroupTarget target(JsonNode event, String groupId) {
        if (groupId != null) {
            return new GroupTarget.ById(EventJson.groupId(groupId, RP + ".groupId"));
        }
        String name = text(event, RP + ".groupName", RP + ".groupName");
        if (name == null) {
            throw new InvalidRequestException(
                    RP + ".groupId", "is required (or groupName, for a group in the default VPC)");
        }
        return new GroupTarget.ByName(name);
    }

    /** One request per group the created rules belong to (there is one group; the items say which, even for a name). */
    private static List<RevocationRequest> fromRuleSet(JsonNode event, String requestedGroup) {
        String path = "detail.responseElements.securityGroupRuleSet";
        Map<String, List<Requested>> byGroup = new LinkedHashMap<>();
        List<JsonNode> rules = items(event, path, path);
        for (int i = 0; i < rules.size(); i++) {
            String at = path + ".items[" + i + "]";
            String ruleId = Ids.require(
                    text(rules.get(i), "securityGroupRuleId", at + ".securityGroupRuleId"),
                    "sgr-",
                    at + ".securityGroupRuleId");
            String group = Optional.ofNullable(text(rules.get(i), "groupId", at + ".groupId"))
                    .orElse(requestedGroup);
            byGroup.computeIfAbsent(EventJson.groupId(group, at + ".groupId"), g -> new ArrayList<>())
                    .add(new Requested.ByRuleId(ruleId));
        }
        return byGroup.entrySet().stream()
                .map(e -> new RevocationRequest(new GroupTarget.ById(e.getKey()), e.getValue(), false, FORM))
                .toList();
    }

    private static List<Permission> fromIpPermissions(JsonNode event) {
        List<Permission> out = new ArrayList<>();
        List<JsonNode> list = items(event, RP + ".ipPermissions", RP + ".ipPermissions");
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            String at = RP + ".ipPermissions.items[" + i + "]";
            Protocol protocol = Protocol.parse(text(p, "ipProtocol", at + ".ipProtocol"), at + ".ipProtocol");
            PortRange ports =
                    ports(protocol, integer(p, "fromPort", at + ".fromPort"), integer(p, "toPort", at + ".toPort"), at);
            int before = out.size();
            for (JsonNode r : items(p, "ipRanges", at + ".ipRanges")) {
                out.add(new Permission(
                        protocol,
                        ports,
                        new RuleSource.Ipv4Range(Cidr.ipv4(
                                text(r, "cidrIp", at + ".ipRanges.items[].cidrIp"), at + ".ipRanges.items[].cidrIp")),
                        text(r, "description", at + ".description")));
            }
            for (JsonNode r : items(p, "ipv6Ranges", at + ".ipv6Ranges")) {
                out.add(new Permission(
                        protocol,
                        ports,
                        new RuleSource.Ipv6Range(Cidr.ipv6(
                                text(r, "cidrIpv6", at + ".ipv6Ranges.items[].cidrIpv6"),
                                at + ".ipv6Ranges.items[].cidrIpv6")),
                        text(r, "description", at + ".description")));
            }
            for (JsonNode r : items(p, "prefixListIds", at + ".prefixListIds")) {
                String id = text(r, "prefixListId", at + ".prefixListIds.items[].prefixListId");
                if (id == null || !id.startsWith("pl-")) {
                    throw new InvalidRequestException(
                            at + ".prefixListIds.items[].prefixListId", "'" + id + "' is not a prefix list id");
                }
                out.add(new Permission(
                        protocol, ports, new RuleSource.PrefixList(id), text(r, "description", at + ".description")));
            }
            for (JsonNode g : items(p, "groups", at + ".groups")) {
                out.add(new Permission(
                        protocol,
                        ports,
                        sourceGroup(g, at + ".groups.items[]"),
                        text(g, "description", at + ".groups.items[].description")));
            }
            if (out.size() == before) {
                throw new InvalidRequestException(
                        at, "names no source: ipRanges, ipv6Ranges, prefixListIds and groups are all empty");
            }
        }
        return out;
    }

    private static RuleSource.GroupReference sourceGroup(JsonNode g, String at) {
        String id = text(g, "groupId", at + ".groupId");
        String name = text(g, "groupName", at + ".groupName");
        if (id == null && name == null) {
            throw new InvalidRequestException(at, "a source group needs groupId or groupName");
        }
        String userId = text(g, "userId", at + ".userId");
        return new RuleSource.GroupReference(
                id == null ? null : EventJson.groupId(id, at + ".groupId"),
                id == null ? name : null,
                userId,
                text(g, "vpcId", at + ".vpcId"),
                text(g, "vpcPeeringConnectionId", at + ".vpcPeeringConnectionId"));
    }

    /**
     * The legacy top-level form. A source group named without a protocol is, per EC2, full tcp, udp and icmp access,
     * so three rules were added.
     */
    private static List<Permission> fromLegacyParameters(JsonNode event) {
        JsonNode rp = EventJson.at(event, RP);
        String cidr = text(rp, "cidrIp", RP + ".cidrIp");
        String sourceName = text(rp, "sourceSecurityGroupName", RP + ".sourceSecurityGroupName");
        String owner = text(rp, "sourceSecurityGroupOwnerId", RP + ".sourceSecurityGroupOwnerId");
        String rawProtocol = text(rp, "ipProtocol", RP + ".ipProtocol");
        if (cidr == null && sourceName == null) {
            if (rawProtocol != null || owner != null) {
                throw new InvalidRequestException(
                        RP + ".cidrIp", "the legacy form needs cidrIp or sourceSecurityGroupName");
            }
            return List.of();
        }
        List<Permission> out = new ArrayList<>();
        if (rawProtocol == null) {
            if (cidr != null) {
                throw new InvalidRequestException(RP + ".ipProtocol", "is required with cidrIp");
            }
            RuleSource group = new RuleSource.GroupReference(null, sourceName, owner, null, null);
            out.add(new Permission(Protocol.TCP, new PortRange(0, 65535), group, null));
            out.add(new Permission(Protocol.UDP, new PortRange(0, 65535), group, null));
            out.add(new Permission(Protocol.ICMP, PortRange.ANY, group, null));
            return out;
        }
        Protocol protocol = Protocol.parse(rawProtocol, RP + ".ipProtocol");
        PortRange ports =
                ports(protocol, integer(rp, "fromPort", RP + ".fromPort"), integer(rp, "toPort", RP + ".toPort"), RP);
        if (cidr != null) {
            out.add(new Permission(protocol, ports, new RuleSource.Ipv4Range(Cidr.ipv4(cidr, RP + ".cidrIp")), null));
        }
        if (sourceName != null) {
            out.add(new Permission(
                    protocol, ports, new RuleSource.GroupReference(null, sourceName, owner, null, null), null));
        }
        return out;
    }

    /** EC2's port rules, with errors named in CloudTrail's spelling (fromPort, not FromPort). */
    private static PortRange ports(Protocol protocol, Integer from, Integer to, String at) {
        try {
            return PortRange.of(protocol, from, to, at + ".");
        } catch (InvalidRequestException e) {
            String field = e.field().replace(".FromPort", ".fromPort").replace(".ToPort", ".toPort");
            throw new InvalidRequestException(
                    field, e.reason().replace("FromPort", "fromPort").replace("ToPort", "toPort"));
        }
    }
}
