package dev.sgrevoker.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.model.GroupTarget;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.RevocationRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code --cli-input-json} shape of revoke-security-group-ingress. IpPermissions may also be CLI shorthand: one
 * string, or a list of strings (one per shell word the CLI would get).
 */
final class CliInputJson {
    static final Set<String> FIELDS = Set.of(
            "GroupId",
            "GroupName",
            "IpPermissions",
            "SecurityGroupRuleIds",
            "DryRun",
            "IpProtocol",
            "FromPort",
            "ToPort",
            "CidrIp",
            "SourceSecurityGroupName",
            "SourceSecurityGroupOwnerId");

    private CliInputJson() {}

    static boolean isShorthand(JsonNode request) {
        JsonNode p = request.get("IpPermissions");
        return p != null
                && (p.isTextual() || (p.isArray() && !p.isEmpty() && p.get(0).isTextual()));
    }

    static RevocationRequest parse(JsonNode request, FieldPath path) {
        JsonFields f = new JsonFields(request, path, FIELDS);
        GroupTarget group = target(f);
        List<Requested> items = new ArrayList<>();
        JsonNode permissions = f.raw("IpPermissions");
        boolean shorthand = isShorthand(request);
        if (permissions != null && permissions.isTextual()) {
            ShorthandIpPermission.expand(permissions.asText(), f.field("IpPermissions"))
                    .forEach(p -> items.add(new Requested.ByPermission(p)));
        } else if (permissions != null && permissions.isObject()) {
            // The CLI takes a bare object as a list of one permission.
            IpPermissionReader.expand(permissions, f.field("IpPermissions"), IpPermissionReader.Spelling.API)
                    .forEach(p -> items.add(new Requested.ByPermission(p)));
        } else {
            for (JsonFields.Element e : f.array("IpPermissions")) {
                if (shorthand != e.node().isTextual()) {
                    throw e.path().invalid("mixes shorthand strings and JSON objects; use one form");
                }
                List<dev.sgrevoker.model.Permission> expanded = shorthand
                        ? ShorthandIpPermission.expand(e.node().asText(), e.path())
                        : IpPermissionReader.expand(e.node(), e.path(), IpPermissionReader.Spelling.API);
                expanded.forEach(p -> items.add(new Requested.ByPermission(p)));
            }
        }
        if (LegacyIngress.uses(request, IpPermissionReader.Spelling.API)) {
            if (permissions != null) {
                // Either alone is clear; together EC2's answer is not documented, so nothing is guessed.
                throw f.field("IpPermissions")
                        .invalid("give IpPermissions or the legacy top-level members (IpProtocol, FromPort, ToPort,"
                                + " CidrIp, SourceSecurityGroupName), not both");
            }
            LegacyIngress.read(request, path, IpPermissionReader.Spelling.API)
                    .forEach(p -> items.add(new Requested.ByPermission(p)));
        }
        for (JsonFields.Element e : f.array("SecurityGroupRuleIds")) {
            if (!e.node().isTextual()) {
                throw e.path().invalid("must be a string");
            }
            items.add(new Requested.ByRuleId(Ids.require(e.node().asText(), "sgr-", e.path())));
        }
        if (items.isEmpty()) {
            throw f.field("IpPermissions").invalid("nothing to revoke: give IpPermissions or SecurityGroupRuleIds");
        }
        return new RevocationRequest(
                group, items, f.bool("DryRun"), shorthand ? InputForm.SHORTHAND : InputForm.CLI_INPUT_JSON);
    }

    /** GroupId or GroupName, exactly one, as EC2 requires. */
    static GroupTarget target(JsonFields f) {
        String id = f.text("GroupId");
        String name = f.text("GroupName");
        if (id != null && name != null) {
            throw f.field("GroupName").invalid("give GroupId or GroupName, not both");
        }
        if (id != null) {
            return new GroupTarget.ById(Ids.require(id, "sg-", f.field("GroupId")));
        }
        if (name != null) {
            return new GroupTarget.ByName(name);
        }
        throw f.field("GroupId").invalid("is required (or GroupName, for a group in the default VPC)");
    }
}
