package dev.sgrevoker.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.RuleSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * EC2's IpPermission, read in either of the spellings it arrives in: the API's (the reference page, cli-input-json,
 * shorthand) or CloudTrail's (camel case, lists as {@code {"items": [...]}}). One IpPermission with several sources
 * becomes several permissions, one per source, in the order given.
 */
public final class IpPermissionReader {

    /** Every member the reader knows, as each spelling writes it. */
    enum Member {
        IP_PROTOCOL("IpProtocol", "ipProtocol"),
        FROM_PORT("FromPort", "fromPort"),
        TO_PORT("ToPort", "toPort"),
        IP_RANGES("IpRanges", "ipRanges"),
        CIDR_IP("CidrIp", "cidrIp"),
        IPV6_RANGES("Ipv6Ranges", "ipv6Ranges"),
        CIDR_IPV6("CidrIpv6", "cidrIpv6"),
        PREFIX_LIST_IDS("PrefixListIds", "prefixListIds"),
        PREFIX_LIST_ID("PrefixListId", "prefixListId"),
        GROUP_PAIRS("UserIdGroupPairs", "groups"),
        GROUP_ID("GroupId", "groupId"),
        GROUP_NAME("GroupName", "groupName"),
        USER_ID("UserId", "userId"),
        VPC_ID("VpcId", "vpcId"),
        PEERING_ID("VpcPeeringConnectionId", "vpcPeeringConnectionId"),
        PEERING_STATUS("PeeringStatus", "peeringStatus"),
        DESCRIPTION("Description", "description"),
        SOURCE_GROUP_NAME("SourceSecurityGroupName", "sourceSecurityGroupName"),
        SOURCE_GROUP_OWNER("SourceSecurityGroupOwnerId", "sourceSecurityGroupOwnerId");

        private final String api;
        private final String cloudTrail;

        Member(String api, String cloudTrail) {
            this.api = api;
            this.cloudTrail = cloudTrail;
        }
    }

    /**
     * How a source writes an IpPermission. The API's spelling is checked strictly (unknown members refused, as the
     * CLI does); CloudTrail's is AWS-generated, so members AWS adds are ignored and numbers may come as digits.
     */
    public enum Spelling {
        API,
        CLOUDTRAIL;

        public String name(Member m) {
            return this == API ? m.api : m.cloudTrail;
        }

        private Set<String> names(List<Member> members) {
            return members.stream().map(this::name).collect(Collectors.toUnmodifiableSet());
        }

        private JsonFields fields(JsonNode node, FieldPath path, List<Member> allowed) {
            return this == API ? new JsonFields(node, path, names(allowed)) : JsonFields.lenient(node, path);
        }

        Integer integer(JsonFields f, Member m) {
            return this == API ? f.integer(name(m)) : f.integerOrDigits(name(m));
        }

        /** A list member: a JSON array in the API, {"items": [...]} (or {} when empty) in CloudTrail. */
        private List<JsonFields.Element> list(JsonFields f, Member m) {
            return this == API ? f.array(name(m)) : f.items(name(m));
        }
    }

    private static final List<Member> PERMISSION = List.of(
            Member.IP_PROTOCOL,
            Member.FROM_PORT,
            Member.TO_PORT,
            Member.IP_RANGES,
            Member.IPV6_RANGES,
            Member.PREFIX_LIST_IDS,
            Member.GROUP_PAIRS);
    private static final List<Member> PAIR = List.of(
            Member.GROUP_ID,
            Member.GROUP_NAME,
            Member.USER_ID,
            Member.VPC_ID,
            Member.PEERING_ID,
            Member.PEERING_STATUS,
            Member.DESCRIPTION);

    /** EC2's limit for a rule's description. */
    static final int MAX_DESCRIPTION = 255;

    private IpPermissionReader() {}

    public static List<Permission> expand(JsonNode ipPermission, FieldPath path, Spelling s) {
        JsonFields f = s.fields(ipPermission, path, PERMISSION);
        Protocol protocol = protocol(f, s);
        PortRange ports = ports(protocol, f, s);
        List<Permission> out = new ArrayList<>();
        for (JsonFields.Element e : s.list(f, Member.IP_RANGES)) {
            JsonFields r = s.fields(e.node(), e.path(), List.of(Member.CIDR_IP, Member.DESCRIPTION));
            String name = s.name(Member.CIDR_IP);
            String cidr = Scalars.ipv4(r.text(name), r.field(name));
            out.add(new Permission(protocol, ports, new RuleSource.Ipv4Range(cidr), description(r, s)));
        }
        for (JsonFields.Element e : s.list(f, Member.IPV6_RANGES)) {
            JsonFields r = s.fields(e.node(), e.path(), List.of(Member.CIDR_IPV6, Member.DESCRIPTION));
            String name = s.name(Member.CIDR_IPV6);
            String cidr = Scalars.ipv6(r.text(name), r.field(name));
            out.add(new Permission(protocol, ports, new RuleSource.Ipv6Range(cidr), description(r, s)));
        }
        for (JsonFields.Element e : s.list(f, Member.PREFIX_LIST_IDS)) {
            JsonFields r = s.fields(e.node(), e.path(), List.of(Member.PREFIX_LIST_ID, Member.DESCRIPTION));
            String name = s.name(Member.PREFIX_LIST_ID);
            String id = Ids.require(r.text(name), "pl-", r.field(name));
            out.add(new Permission(protocol, ports, new RuleSource.PrefixList(id), description(r, s)));
        }
        for (JsonFields.Element e : s.list(f, Member.GROUP_PAIRS)) {
            JsonFields p = s.fields(e.node(), e.path(), PAIR);
            out.add(new Permission(protocol, ports, groupReference(p, s), description(p, s)));
        }
        if (out.isEmpty()) {
            throw path.invalid("names no source: give " + s.name(Member.IP_RANGES) + ", "
                    + s.name(Member.IPV6_RANGES) + ", " + s.name(Member.PREFIX_LIST_IDS) + " or "
                    + s.name(Member.GROUP_PAIRS));
        }
        return out;
    }

    static Protocol protocol(JsonFields f, Spelling s) {
        String name = s.name(Member.IP_PROTOCOL);
        return Scalars.protocol(f.text(name), f.field(name));
    }

    /** EC2's port rules over FromPort/ToPort, errors named as the spelling writes them. */
    static PortRange ports(Protocol protocol, JsonFields f, Spelling s) {
        return PortRange.of(
                protocol,
                s.integer(f, Member.FROM_PORT),
                s.integer(f, Member.TO_PORT),
                f.field(s.name(Member.FROM_PORT)).toString(),
                f.field(s.name(Member.TO_PORT)).toString());
    }

    private static String description(JsonFields f, Spelling s) {
        String name = s.name(Member.DESCRIPTION);
        String description = f.text(name);
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw f.field(name)
                    .invalid("'" + Excerpt.of(description) + "' is " + description.length()
                            + " characters; EC2 takes at most " + MAX_DESCRIPTION);
        }
        return description;
    }

    private static RuleSource.GroupReference groupReference(JsonFields p, Spelling s) {
        String groupId = p.text(s.name(Member.GROUP_ID));
        String groupName = p.text(s.name(Member.GROUP_NAME));
        if (groupId == null && groupName == null) {
            throw p.path()
                    .invalid("a source group needs " + s.name(Member.GROUP_ID) + " or " + s.name(Member.GROUP_NAME));
        }
        if (groupId != null) {
            Ids.require(groupId, "sg-", p.field(s.name(Member.GROUP_ID)));
            groupName = null; // EC2 goes by the id when both are given
        }
        String userId = Ids.account(p.text(s.name(Member.USER_ID)), p.field(s.name(Member.USER_ID)));
        String vpcId = optionalId(p, s.name(Member.VPC_ID), "vpc-");
        String peering = optionalId(p, s.name(Member.PEERING_ID), "pcx-");
        return new RuleSource.GroupReference(groupId, groupName, userId, vpcId, peering);
    }

    private static String optionalId(JsonFields p, String name, String prefix) {
        String id = p.text(name);
        return id == null ? null : Ids.require(id, prefix, p.field(name));
    }
}
