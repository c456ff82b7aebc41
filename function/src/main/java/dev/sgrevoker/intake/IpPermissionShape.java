package dev.sgrevoker.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.model.Cidr;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.RuleSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * EC2's IpPermission as the reference page writes it (and as Security Hub's ASFF repeats it). One IpPermission with
 * several sources becomes several permissions, one per source, in the order given.
 */
public final class IpPermissionShape {
    private static final Set<String> FIELDS =
            Set.of("IpProtocol", "FromPort", "ToPort", "IpRanges", "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs");
    private static final Set<String> IPV4 = Set.of("CidrIp", "Description");
    private static final Set<String> IPV6 = Set.of("CidrIpv6", "Description");
    private static final Set<String> PREFIX = Set.of("PrefixListId", "Description");
    private static final Set<String> PAIR =
            Set.of("GroupId", "GroupName", "UserId", "VpcId", "VpcPeeringConnectionId", "PeeringStatus", "Description");

    private IpPermissionShape() {}

    public static List<Permission> expand(JsonNode ipPermission, FieldPath path) {
        JsonFields f = new JsonFields(ipPermission, path, FIELDS);
        Protocol protocol =
                Protocol.parse(f.text("IpProtocol"), f.field("IpProtocol").toString());
        PortRange ports = PortRange.of(
                protocol,
                f.integer("FromPort"),
                f.integer("ToPort"),
                f.field("FromPort").toString(),
                f.field("ToPort").toString());
        List<Permission> out = new ArrayList<>();
        for (JsonFields.Element e : f.array("IpRanges")) {
            JsonFields r = new JsonFields(e.node(), e.path(), IPV4);
            String cidr = Cidr.ipv4(r.text("CidrIp"), r.field("CidrIp").toString());
            out.add(new Permission(protocol, ports, new RuleSource.Ipv4Range(cidr), r.text("Description")));
        }
        for (JsonFields.Element e : f.array("Ipv6Ranges")) {
            JsonFields r = new JsonFields(e.node(), e.path(), IPV6);
            String cidr = Cidr.ipv6(r.text("CidrIpv6"), r.field("CidrIpv6").toString());
            out.add(new Permission(protocol, ports, new RuleSource.Ipv6Range(cidr), r.text("Description")));
        }
        for (JsonFields.Element e : f.array("PrefixListIds")) {
            JsonFields r = new JsonFields(e.node(), e.path(), PREFIX);
            String id = Ids.require(r.text("PrefixListId"), "pl-", r.field("PrefixListId"));
            out.add(new Permission(protocol, ports, new RuleSource.PrefixList(id), r.text("Description")));
        }
        for (JsonFields.Element e : f.array("UserIdGroupPairs")) {
            out.add(new Permission(
                    protocol, ports, groupReference(e), new JsonFields(e.node(), e.path(), PAIR).text("Description")));
        }
        if (out.isEmpty()) {
            throw path.invalid("names no source: give IpRanges, Ipv6Ranges, PrefixListIds or UserIdGroupPairs");
        }
        return out;
    }

    private static RuleSource.GroupReference groupReference(JsonFields.Element e) {
        JsonFields p = new JsonFields(e.node(), e.path(), PAIR);
        String groupId = p.text("GroupId");
        String groupName = p.text("GroupName");
        if (groupId == null && groupName == null) {
            throw e.path().invalid("a source group needs GroupId or GroupName");
        }
        if (groupId != null) {
            Ids.require(groupId, "sg-", p.field("GroupId"));
            groupName = null; // EC2 goes by the id when both are given
        }
        String userId = Ids.account(p.text("UserId"), p.field("UserId"));
        String vpcId = p.text("VpcId");
        if (vpcId != null) {
            Ids.require(vpcId, "vpc-", p.field("VpcId"));
        }
        String peering = p.text("VpcPeeringConnectionId");
        if (peering != null) {
            Ids.require(peering, "pcx-", p.field("VpcPeeringConnectionId"));
        }
        return new RuleSource.GroupReference(groupId, groupName, userId, vpcId, peering);
    }
}
