package dev.sgrevoker.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.model.GroupTarget;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.model.RuleSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The CLI's simplified flags (--protocol, --port, --cidr, --source-group, --group-owner) as JSON fields, read with
 * the CLI's own rules (awscli customizations/ec2/secgroupsimplify): protocol tcp|udp|icmp|all or a number, port
 * {@code N}, {@code from-to}, {@code -1} or {@code all}, and a CIDR or a source group, not both.
 */
final class SimplifiedFlags {
    static final Set<String> FLAGS = Set.of("protocol", "port", "cidr", "sourceGroup", "groupOwner");
    private static final Set<String> FIELDS = Set.of(
            "GroupId",
            "GroupName",
            "DryRun",
            "SecurityGroupRuleIds",
            "protocol",
            "port",
            "cidr",
            "sourceGroup",
            "groupOwner");

    private SimplifiedFlags() {}

    static boolean uses(JsonNode request) {
        return request.isObject() && FLAGS.stream().anyMatch(request::has);
    }

    static RevocationRequest parse(JsonNode request, FieldPath path) {
        if (request.has("IpPermissions")) {
            String flag =
                    FLAGS.stream().filter(request::has).sorted().findFirst().orElseThrow();
            throw path.child(flag)
                    .invalid("is not compatible with IpPermissions (as --" + cliName(flag) + " with --ip-permissions)");
        }
        JsonFields f = new JsonFields(request, path, FIELDS);
        GroupTarget group = CliInputJson.target(f);
        String protocolText = trimmed(scalar(f, "protocol"));
        String port = scalar(f, "port");
        String cidr = f.text("cidr");
        String sourceGroup = f.text("sourceGroup");
        String groupOwner = scalar(f, "groupOwner");
        if (protocolText == null) {
            throw f.field("protocol").invalid("is required with port, cidr or sourceGroup");
        }
        Protocol protocol = protocol(protocolText, f.field("protocol"));
        PortRange ports = ports(protocol, port, f.field("port"));
        if (cidr != null && (sourceGroup != null || groupOwner != null)) {
            throw f.field("cidr").invalid("give a CIDR or a source group (sourceGroup, groupOwner), not both");
        }
        RuleSource source;
        if (cidr != null) {
            source = new RuleSource.Ipv4Range(Scalars.ipv4(cidr, f.field("cidr")));
        } else if (sourceGroup != null) {
            Ids.account(groupOwner, f.field("groupOwner"));
            source = sourceGroup.startsWith("sg-")
                    ? new RuleSource.GroupReference(
                            Ids.require(sourceGroup, "sg-", f.field("sourceGroup")), null, groupOwner, null, null)
                    : new RuleSource.GroupReference(null, sourceGroup, groupOwner, null, null);
        } else if (groupOwner != null) {
            throw f.field("groupOwner").invalid("needs sourceGroup: it names the account that owns the source group");
        } else {
            throw f.field("cidr").invalid("a source is required: cidr or sourceGroup");
        }
        List<Requested> items = new ArrayList<>();
        items.add(new Requested.ByPermission(new Permission(protocol, ports, source, null)));
        for (JsonFields.Element e : f.array("SecurityGroupRuleIds")) {
            items.add(new Requested.ByRuleId(
                    Ids.require(e.node().isTextual() ? e.node().asText() : null, "sgr-", e.path())));
        }
        return new RevocationRequest(group, items, f.bool("DryRun"), InputForm.SIMPLIFIED_FLAGS);
    }

    /** As the CLI: a number (0-255, or -1) or one of tcp, udp, icmp, all; nothing else, icmpv6 included. */
    private static Protocol protocol(String value, FieldPath field) {
        Scalars.plain(value, field);
        if (Scalars.isAsciiInteger(value)) {
            int n = Integer.parseInt(value.trim());
            if ((n < 0 || n > 255) && n != -1) {
                throw field.invalid("protocol numbers must be in the range 0-255 or -1 to specify all protocols");
            }
        } else {
            if (!Set.of("tcp", "udp", "icmp", "all").contains(value)) {
                throw field.invalid(
                        "should be one of: tcp|udp|icmp|all or any valid protocol number, not '" + value + "'");
            }
        }
        return Scalars.protocol(value, field);
    }

    /** As the CLI: "-1" and "all" are -1/-1; "a-b" splits at the first dash (so ICMP "8--1" is type 8, code -1). */
    private static PortRange ports(Protocol protocol, String port, FieldPath field) {
        Integer from = null;
        Integer to = null;
        if (port != null) {
            Scalars.plain(port, field);
            String[] parts = port.equals("-1") || port.equals("all")
                    ? new String[] {"-1", "-1"}
                    : port.indexOf('-') >= 0 ? port.split("-", 2) : new String[] {port, port};
            if (!Scalars.isAsciiInteger(parts[0]) || !Scalars.isAsciiInteger(parts[1])) {
                throw field.invalid("should be of the form <from[-to]> (e.g. 22 or 22-25), not '" + port + "'");
            }
            from = Integer.parseInt(parts[0].trim()); // as Python's int(): spaces and a + sign allowed
            to = Integer.parseInt(parts[1].trim());
        } else if (protocol.requiresPorts()) {
            throw field.invalid("is required for " + protocol + ": a port or range such as 22 or 1000-2000"
                    + (protocol.equals(Protocol.ICMP) ? ", or type-code for icmp such as 3-4 (-1 for all)" : ""));
        }
        return PortRange.of(protocol, from, to, field.toString(), field.toString());
    }

    /** Strings, or numbers where the CLI would have taken the digits (port 22, protocol 6). */
    private static String scalar(JsonFields f, String name) {
        JsonNode v = f.raw(name);
        if (v != null && v.isIntegralNumber()) {
            return v.asText();
        }
        return f.text(name);
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }

    private static String cliName(String flag) {
        return flag.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }
}
