package dev.sgrevoker.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.intake.IpPermissionReader.Member;
import dev.sgrevoker.intake.IpPermissionReader.Spelling;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.RuleSource;
import java.util.List;
import java.util.stream.Stream;

/**
 * The request's legacy top-level members (IpProtocol, FromPort, ToPort, CidrIp, SourceSecurityGroupName,
 * SourceSecurityGroupOwnerId), which EC2 still takes beside IpPermissions. A source group name stands alone and
 * means all of tcp, udp and icmp from that group: three rules. A request is held to EC2's rules for them; a
 * CloudTrail record of a call that succeeded is read as EC2 took it. See docs/input-forms-legacy.md.
 */
public final class LegacyIngress {
    private static final List<Member> PORTS_AND_PROTOCOL =
            List.of(Member.IP_PROTOCOL, Member.FROM_PORT, Member.TO_PORT);

    private LegacyIngress() {}

    static boolean uses(JsonNode request, Spelling s) {
        return Stream.of(Member.IP_PROTOCOL, Member.FROM_PORT, Member.TO_PORT, Member.CIDR_IP)
                        .anyMatch(m -> request.has(s.name(m)))
                || request.has(s.name(Member.SOURCE_GROUP_NAME))
                || request.has(s.name(Member.SOURCE_GROUP_OWNER));
    }

    /** The permissions the legacy members name; empty when none is given. */
    public static List<Permission> read(JsonNode request, FieldPath path, Spelling s) {
        JsonFields f = JsonFields.lenient(request, path);
        String cidr = f.text(s.name(Member.CIDR_IP));
        String sourceName = f.text(s.name(Member.SOURCE_GROUP_NAME));
        String owner = f.text(s.name(Member.SOURCE_GROUP_OWNER));
        boolean protocolOrPorts = PORTS_AND_PROTOCOL.stream().anyMatch(m -> f.has(s.name(m)));
        if (owner != null && s == Spelling.API) {
            // EC2's API reference for RevokeSecurityGroupIngress says of this member only "Not supported".
            throw f.field(s.name(Member.SOURCE_GROUP_OWNER))
                    .invalid("is not supported by RevokeSecurityGroupIngress; to revoke a rule from another"
                            + " account's group, give IpPermissions with UserIdGroupPairs[].UserId");
        }
        if (cidr == null && sourceName == null) {
            if (protocolOrPorts || owner != null) {
                throw f.field(s.name(Member.CIDR_IP))
                        .invalid("the legacy form needs " + s.name(Member.CIDR_IP) + " or "
                                + s.name(Member.SOURCE_GROUP_NAME));
            }
            return List.of();
        }
        if (cidr != null && sourceName != null) {
            throw f.field(s.name(Member.SOURCE_GROUP_NAME))
                    .invalid("give " + s.name(Member.CIDR_IP) + " or " + s.name(Member.SOURCE_GROUP_NAME)
                            + ", not both");
        }
        if (sourceName != null && (!protocolOrPorts || s == Spelling.API)) {
            if (protocolOrPorts) {
                Member given = PORTS_AND_PROTOCOL.stream()
                        .filter(m -> f.has(s.name(m)))
                        .findFirst()
                        .orElseThrow();
                throw f.field(s.name(given))
                        .invalid("EC2 takes no protocol or ports with " + s.name(Member.SOURCE_GROUP_NAME)
                                + " (it means all of tcp, udp and icmp from that group); to revoke one protocol or"
                                + " port range, give IpPermissions with UserIdGroupPairs");
            }
            RuleSource group = new RuleSource.GroupReference(null, sourceName, owner, null, null);
            return List.of(
                    new Permission(Protocol.TCP, new PortRange(0, 65535), group, null),
                    new Permission(Protocol.UDP, new PortRange(0, 65535), group, null),
                    new Permission(Protocol.ICMP, PortRange.ANY, group, null));
        }
        if (!f.has(s.name(Member.IP_PROTOCOL))) {
            throw f.field(s.name(Member.IP_PROTOCOL))
                    .invalid("is required with " + s.name(cidr != null ? Member.CIDR_IP : Member.SOURCE_GROUP_NAME));
        }
        Protocol protocol = IpPermissionReader.protocol(f, s);
        PortRange ports = IpPermissionReader.ports(protocol, f, s);
        RuleSource source = cidr != null
                ? new RuleSource.Ipv4Range(Scalars.ipv4(cidr, f.field(s.name(Member.CIDR_IP))))
                : new RuleSource.GroupReference(null, sourceName, owner, null, null);
        return List.of(new Permission(protocol, ports, source, null));
    }
}
