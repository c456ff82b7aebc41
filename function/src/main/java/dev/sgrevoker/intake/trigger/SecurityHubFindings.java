package dev.sgrevoker.intake.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.Excerpt;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.model.Finding;
import dev.sgrevoker.model.GroupTarget;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.policy.Controls;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Security Hub Findings - Imported" and "- Custom Action": each failed finding on a security group becomes a
 * selection decided by its control. The permissions in the finding's Details describe the whole group, not the
 * offence, so they are never revoked as such. A finding that is resolved, suppressed, archived, passed, unreadable or
 * not about a group is skipped with its reason, without holding up the others.
 */
final class SecurityHubFindings {
    private static final TriggerFamily FAMILY = TriggerFamily.SECURITY_HUB_FINDINGS;
    private static final InputForm FORM = InputForm.SECURITY_HUB_FINDING;
    private static final Pattern GROUP_ARN =
            Pattern.compile("arn:aws[a-z-]*:ec2:([a-z0-9-]+):(\\d{12}):security-group/(sg-[0-9a-f]+)");

    private static final String CUSTOM_ACTION = "Security Hub Findings - Custom Action";

    private SecurityHubFindings() {}

    static TriggerResult normalise(EventJson event, TriggerConfig config) {
        String action = event.text("detail", "actionName");
        String via = action == null ? "" : ", sent by custom action '" + action + "'";
        List<FieldPath> findings = event.elements(event.at("detail", "findings"));
        if (findings.isEmpty()) {
            throw event.at("detail", "findings").invalid("is required: a non-empty list of findings");
        }
        List<RevocationRequest> requests = new ArrayList<>();
        List<Skip> skips = new ArrayList<>();
        List<Finding> acted = new ArrayList<>();
        boolean personAsked = CUSTOM_ACTION.equals(event.text("detail-type"));
        Optional<String> untrustedAction = untrustedAction(event, config);
        for (FieldPath f : findings) {
            JsonNode id = event.node(f.child("Id"));
            String ref = id.isTextual() ? id.asText() : f.toString();
            if (untrustedAction.isPresent()) {
                skips.add(new Skip(FAMILY, null, ref, untrustedAction.get()));
                continue;
            }
            try {
                List<String> reasons = finding(event, f, ref, via, personAsked, config, requests, skips);
                String product = event.text(f.child("ProductArn"));
                if (!reasons.isEmpty() && id.isTextual() && product != null) {
                    acted.add(new Finding(
                            ref, product, FindingControl.of(event, f).orElse(null), observedAt(event, f), reasons));
                }
            } catch (InvalidRequestException e) {
                skips.add(new Skip(FAMILY, null, ref, "the finding could not be read: " + e.getMessage()));
            }
        }
        return new TriggerResult(FAMILY, FORM, requests, skips).actingOn(acted);
    }

    /** When Security Hub first saw the offence: where a revoked rule's exposure is measured from (null if unsaid). */
    private static Instant observedAt(EventJson event, FieldPath f) {
        JsonNode when = event.node(f.child("FirstObservedAt"));
        try {
            return when.isTextual() ? OffsetDateTime.parse(when.asText()).toInstant() : null;
        } catch (DateTimeParseException e) {
            return null; // no exposure figure, rather than a made-up one
        }
    }

    /** The finding's requests and skips; returns the reasons of the requests it made (none: not acted on). */
    private static List<String> finding(
            EventJson event,
            FieldPath f,
            String ref,
            String via,
            boolean personAsked,
            TriggerConfig config,
            List<RevocationRequest> requests,
            List<Skip> skips) {
        List<String> reasons = new ArrayList<>();
        List<FieldPath> resources = event.elements(f.child("Resources"));
        List<FieldPath> groups = resources.stream()
                .filter(r ->
                        "AwsEc2SecurityGroup".equals(event.node(r.child("Type")).asText()))
                .toList();
        if (groups.isEmpty()) {
            String types = String.join(
                    ",",
                    resources.stream()
                            .map(r -> event.node(r.child("Type")).asText("?"))
                            .toList());
            skips.add(new Skip(
                    FAMILY,
                    null,
                    ref,
                    "the finding is about " + (types.isEmpty() ? "no resource" : types)
                            + ", not an AwsEc2SecurityGroup"));
            return reasons;
        }
        Optional<String> closed =
                closedReason(event, f, personAsked).or(() -> FindingControl.notFromAwsStandards(event, f));
        Optional<String> controlId = FindingControl.of(event, f);
        Optional<Controls.Control> control = controlId.flatMap(id -> Controls.byId(
                id,
                FindingControl.parameter(event, f, "authorizedTcpPorts").orElse(config.authorizedTcp()),
                FindingControl.parameter(event, f, "authorizedUdpPorts").orElse(config.authorizedUdp())));
        for (FieldPath resource : groups) {
            Located group = locate(event, resource, f);
            Optional<String> problem = closed.isPresent()
                    ? closed
                    : control.isEmpty()
                            ? Optional.of("control " + controlId.orElse("(none named)")
                                    + " is not one this function acts on (EC2.2, EC2.13, EC2.14,"
                                    + " EC2.18, EC2.19 and CIS 1.2.0 4.1-4.3)")
                            : config.accounts()
                                    .refusal(group.account(), group.region())
                                    .or(() -> notDefault(control.get(), event, resource));
            if (problem.isPresent()) {
                skips.add(new Skip(FAMILY, group.groupId(), ref, problem.get()));
                continue;
            }
            String why = "Security Hub " + control.get().id() + ": "
                    + control.get().offence() + " (finding " + ref + via + ")";
            requests.add(new RevocationRequest(
                    new GroupTarget.ById(group.groupId()),
                    List.of(new Requested.BySelection(
                            control.get().id(), control.get().selection(), why)),
                    false,
                    FORM,
                    config.accounts().where(group.account(), group.region())));
            reasons.add(why);
        }
        return reasons;
    }

    /** A custom action is a person's choice in the console; only the action targets configuration lists may send one. */
    private static Optional<String> untrustedAction(EventJson event, TriggerConfig config) {
        if (!CUSTOM_ACTION.equals(event.text("detail-type"))) {
            return Optional.empty();
        }
        Set<String> allowed = config.trust().securityHubActionTargets();
        List<String> targets = event.elements(event.at("resources")).stream()
                .map(event::node)
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .toList();
        if (targets.stream().anyMatch(allowed::contains)) {
            return Optional.empty();
        }
        String sent = targets.isEmpty()
                ? "names no action target"
                : "came from " + Excerpt.identifier(String.join(",", targets));
        return Optional.of("the custom action " + sent + ", which is not listed in SECURITYHUB_ACTION_TARGETS"
                + (allowed.isEmpty() ? " (empty: custom actions are refused until their target ARNs are listed)" : ""));
    }

    /**
     * Nothing left to fix, or not ours to fix: Security Hub archived it, or the check passed; or, for an imported
     * finding, its workflow is past NEW: our own note makes Security Hub import it again (NOTIFIED or RESOLVED), and a
     * finding a person has taken up is theirs. A custom action is a person asking, whatever the workflow.
     */
    private static Optional<String> closedReason(EventJson event, FieldPath f, boolean personAsked) {
        String workflow = Optional.ofNullable(event.text(f.child("Workflow", "Status")))
                .orElse(event.text(f.child("WorkflowState")));
        if (!personAsked && !"NEW".equals(workflow)) {
            return Optional.of(
                    workflow == null
                            ? "the finding has no Workflow.Status: only NEW imported findings are acted on"
                            : "the finding's workflow status is " + Excerpt.identifier(workflow)
                                    + ": only NEW imported findings are acted on (a custom action acts whatever the workflow)");
        }
        if ("ARCHIVED".equals(event.text(f.child("RecordState")))) {
            return Optional.of("the finding is ARCHIVED (its resource or check is gone)");
        }
        String compliance = event.text(f.child("Compliance", "Status"));
        if (compliance != null && !compliance.equals("FAILED")) {
            return Optional.of("the finding's compliance status is " + compliance + ", not FAILED");
        }
        return Optional.empty();
    }

    private record Located(String groupId, String account, String region) {}

    /** Group id from Details, else from the resource ARN; account and region from the ARN, else the finding. */
    private static Located locate(EventJson event, FieldPath resource, FieldPath f) {
        String id = event.text(resource.child("Details", "AwsEc2SecurityGroup", "GroupId"));
        Matcher arn = GROUP_ARN.matcher(
                Optional.ofNullable(event.text(resource.child("Id"))).orElse(""));
        boolean fromArn = arn.matches();
        if (id == null && !fromArn) {
            throw resource.child("Id")
                    .invalid("names no security group: expected Details.AwsEc2SecurityGroup.GroupId or an"
                            + " arn:aws:ec2:REGION:ACCOUNT:security-group/sg-… id");
        }
        String groupId = id != null
                ? EventJson.groupId(id, resource.child("Details", "AwsEc2SecurityGroup", "GroupId"))
                : EventJson.groupId(arn.group(3), resource.child("Id"));
        String account = fromArn ? arn.group(2) : event.text(f.child("AwsAccountId"));
        String region = fromArn
                ? arn.group(1)
                : Optional.ofNullable(event.text(resource.child("Region"))).orElse(event.text(f.child("Region")));
        return new Located(groupId, account, region);
    }

    /** EC2.2 closes default groups only; a finding that says otherwise is not trusted to empty a group. */
    private static Optional<String> notDefault(Controls.Control control, EventJson event, FieldPath resource) {
        String name = event.text(resource.child("Details", "AwsEc2SecurityGroup", "GroupName"));
        if (control.id().equals("EC2.2") && name != null && !name.equals("default")) {
            return Optional.of("EC2.2 applies to default groups, but this group is named '" + name + "'");
        }
        return Optional.empty();
    }
}
