package dev.sgrevoker.intake.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.intake.Excerpt;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.Ids;
import dev.sgrevoker.intake.IpPermissionReader;
import dev.sgrevoker.intake.LegacyIngress;
import dev.sgrevoker.model.GroupTarget;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.model.TriggerFamily;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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

    private CloudTrailIngress() {}

    static TriggerResult normalise(EventJson event, TriggerConfig config) {
        FieldPath rp = event.at("detail", "requestParameters");
        String eventId = event.text("detail", "eventID");
        String requestedGroup = event.text(rp.child("groupId"));
        String errorCode = event.text("detail", "errorCode");
        if (errorCode != null) {
            String message = event.text("detail", "errorMessage");
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
                    "made by " + approved.get() + ", listed in IGNORED_PRINCIPAL_ARNS as an approved caller");
        }
        Optional<String> refusal = config.accounts()
                .refusal(event.text("detail", "recipientAccountId"), event.text("detail", "awsRegion"));
        if (refusal.isPresent()) {
            return skip(requestedGroup, eventId, refusal.get());
        }
        Optional<String> service = madeByService(event);
        if (service.isPresent() && !config.trust().revertServiceChanges()) {
            return skip(
                    requestedGroup,
                    eventId,
                    "made by an AWS service (" + service.get() + "): services manage the rules they add; set "
                            + "REVERT_SERVICE_CHANGES=true to revert them too");
        }
        if (!event.node(rp).isObject()) {
            throw rp.invalid("is required: the parameters of the call to revert");
        }
        List<RevocationRequest> byRuleId = fromRuleSet(event, requestedGroup);
        if (!byRuleId.isEmpty()) {
            return new TriggerResult(FAMILY, FORM, byRuleId, List.of()).addedAt(calledAt(event));
        }
        List<Requested> items = new ArrayList<>();
        Stream.concat(
                        fromIpPermissions(event, rp).stream(),
                        LegacyIngress.read(event.node(rp), rp, IpPermissionReader.Spelling.CLOUDTRAIL).stream())
                .forEach(p -> items.add(new Requested.ByPermission(p)));
        if (items.isEmpty()) {
            throw rp.child("ipPermissions")
                    .invalid("names no rule the call added, and the response has no securityGroupRuleSet");
        }
        return new TriggerResult(
                        FAMILY,
                        FORM,
                        List.of(new RevocationRequest(target(event, rp, requestedGroup), items, false, FORM)),
                        List.of())
                .addedAt(calledAt(event));
    }

    /** When the call added the rules (CloudTrail's eventTime): their exposure runs from then (null if unreadable). */
    private static Instant calledAt(EventJson event) {
        JsonNode when = event.node("detail", "eventTime");
        try {
            return when.isTextual() ? OffsetDateTime.parse(when.asText()).toInstant() : null;
        } catch (DateTimeParseException e) {
            return null; // no exposure figure, rather than a made-up one
        }
    }

    private static TriggerResult skip(String groupId, String eventId, String reason) {
        return TriggerResult.skipped(
                FAMILY, FORM, new Skip(FAMILY, groupId, eventId, "AuthorizeSecurityGroupIngress " + reason));
    }

    /** The caller's ARN or, for an assumed role, the role's ARN (its session issuer), if configuration approves it. */
    private static Optional<String> ignoredCaller(EventJson event, TriggerConfig config) {
        FieldPath identity = event.at("detail", "userIdentity");
        return Stream.of(identity.child("arn"), identity.child("sessionContext", "sessionIssuer", "arn"))
                .map(event::text)
                .filter(arn -> arn != null && config.ignoredPrincipals().contains(arn))
                .findFirst();
    }

    /** How the record shows an AWS service made the call, if it does. */
    private static Optional<String> madeByService(EventJson event) {
        FieldPath identity = event.at("detail", "userIdentity");
        String invokedBy = event.text(identity.child("invokedBy"));
        if (invokedBy != null && (invokedBy.endsWith(".amazonaws.com") || invokedBy.equals("AWS Internal"))) {
            return Optional.of("invokedBy " + Excerpt.identifier(invokedBy));
        }
        if ("AWSService".equals(event.text(identity.child("type")))) {
            return Optional.of("userIdentity.type AWSService");
        }
        return Stream.of(identity.child("arn"), identity.child("sessionContext", "sessionIssuer", "arn"))
                .map(event::text)
                .filter(arn -> arn != null
                        && (arn.contains(":role/aws-service-role/") || arn.contains(":assumed-role/AWSServiceRoleFor")))
                .findFirst()
                .map(arn -> "the service-linked role " + Excerpt.identifier(arn));
    }

    private static GroupTarget target(EventJson event, FieldPath rp, String groupId) {
        if (groupId != null) {
            return new GroupTarget.ById(EventJson.groupId(groupId, rp.child("groupId")));
        }
        String name = event.text(rp.child("groupName"));
        if (name == null) {
            throw rp.child("groupId").invalid("is required (or groupName, for a group in the default VPC)");
        }
        return new GroupTarget.ByName(name);
    }

    /** One request per group the created rules belong to (there is one group; the items say which, even for a name). */
    private static List<RevocationRequest> fromRuleSet(EventJson event, String requestedGroup) {
        Map<String, List<Requested>> byGroup = new LinkedHashMap<>();
        for (FieldPath rule : event.items(event.at("detail", "responseElements", "securityGroupRuleSet"))) {
            String ruleId = Ids.require(
                    event.text(rule.child("securityGroupRuleId")), "sgr-", rule.child("securityGroupRuleId"));
            String group =
                    Optional.ofNullable(event.text(rule.child("groupId"))).orElse(requestedGroup);
            byGroup.computeIfAbsent(EventJson.groupId(group, rule.child("groupId")), g -> new ArrayList<>())
                    .add(new Requested.ByRuleId(ruleId));
        }
        return byGroup.entrySet().stream()
                .map(e -> new RevocationRequest(new GroupTarget.ById(e.getKey()), e.getValue(), false, FORM))
                .toList();
    }

    private static List<Permission> fromIpPermissions(EventJson event, FieldPath rp) {
        List<Permission> out = new ArrayList<>();
        for (FieldPath at : event.items(rp.child("ipPermissions"))) {
            out.addAll(IpPermissionReader.expand(event.node(at), at, IpPermissionReader.Spelling.CLOUDTRAIL));
        }
        return out;
    }
}
