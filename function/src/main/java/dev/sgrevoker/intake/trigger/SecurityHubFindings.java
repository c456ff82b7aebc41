package dev.sgrevoker.intake.trigger;

import static dev.sgrevoker.intake.trigger.EventJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.model.GroupTarget;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.RevocationRequest;
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
    private static final Pattern CONTROL_IN_GENERATOR = Pattern.compile("(?:^|/)(EC2\\.\\d+)$");
    private static final Pattern CIS_GENERATOR =
            Pattern.compile("cis-aws-foundations-benchmark/v/([\\d.]+)/rule/([\\d.]+)$");
    private static final Pattern CIS_VERSION = Pattern.compile("cis-aws-foundations-benchmark/v/([\\d.]+)");
    private static final Set<String> CLOSED_WORKFLOW = Set.of("RESOLVED", "SUPPRESSED");

    private SecurityHubFindings() {}

    static TriggerResult normalise(JsonNode event, TriggerConfig config) {
        String action = text(event, "detail.actionName", "detail.actionName");
        String via = action == null ? "" : ", sent by custom action '" + action + "'";
        List<JsonNode> findings = EventJson.array(event, "detail.findings", "detail.findings");
        if (findings.isEmpty()) {
            throw new InvalidRequestException("detail.findings", "is required: a non-empty list of findings");
        }
        List<RevocationRequest> requests = new ArrayList<>();
        List<Skip> skips = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            JsonNode f = findings.get(i);
            String ref = f.path("Id").isTextual() ? f.get("Id").asText() : "detail.findings[" + i + "]";
            try {
                finding(f, ref, via, config, requests, skips);
            } catch (InvalidRequestException e) {
                skips.add(new Skip(
                        FAMILY,
                        null,
                        ref,
                        "the finding could not be read: detail.findings[" + i + "]." + e.getMessage()));
            }
        }
        return new TriggerResult(FAMILY, FORM, requests, skips);
    }

    private static void finding(
            JsonNode f,
            String ref,
            String via,
            TriggerConfig config,
            List<RevocationRequest> requests,
            List<Skip> skips) {
        List<JsonNode> groups = EventJson.array(f, "Resources", "Resources").stream()
                .filter(r -> "AwsEc2SecurityGroup".equals(r.path("Type").asText()))
                .toList();
        if (groups.isEmpty()) {
            String types = String.join(
                    ",",
                    EventJson.array(f, "Resources", "Resources").stream()
                            .map(r -> r.path("Type").asText("?"))
                            .toList());
            skips.add(new Skip(
                    FAMILY,
                    null,
                    ref,
                    "the finding is about " + (types.isEmpty() ? "no resource" : types)
                            + ", not an AwsEc2SecurityGroup"));
            return;
        }
        Optional<String> closed = closedReason(f);
        Optional<String> controlId = controlOf(f);
        Optional<Controls.Control> control = controlId.flatMap(id -> Controls.byControlId(
                id,
                parameter(f, "authorizedTcpPorts").orElse(config.authorizedTcp()),
                parameter(f, "authorizedUdpPorts").orElse(config.authorizedUdp())));
        for (JsonNode resource : groups) {
            Located group = locate(resource, f);
            Optional<String> problem = closed.isPresent()
                    ? closed
                    : control.isEmpty()
                            ? Optional.of("control " + controlId.orElse("(none named)")
                                    + " is not one this function acts on (EC2.2, EC2.13, EC2.14,"
                                    + " EC2.18, EC2.19 and CIS 1.2.0 4.1-4.3)")
                            : config.accounts()
                                    .refusal(group.account(), group.region())
                                    .or(() -> notDefault(control.get(), resource));
            if (problem.isPresent()) {
                skips.add(new Skip(FAMILY, group.groupId(), ref, problem.get()));
                continue;
            }
            String why = "Security Hub " + control.get().id() + ": "
                    + control.get().offence() + " (finding " + ref + via + ")";
            requests.add(new RevocationRequest(
                    new GroupTarget.ById(group.groupId()),
                    List.of(new Requested.BySelection(control.get().selection(), why)),
                    false,
                    FORM,
                    config.accounts().memberAccount(group.account())));
        }
    }

    /** Nothing left to fix: the workflow closed it, Security Hub archived it, or the check passed. */
    private static Optional<String> closedReason(JsonNode f) {
        String workflow = Optional.ofNullable(text(f, "Workflow.Status", "Workflow.Status"))
                .orElse(text(f, "WorkflowState", "WorkflowState"));
        if (workflow != null && CLOSED_WORKFLOW.contains(workflow)) {
            return Optional.of("the finding's workflow status is " + workflow);
        }
        if ("ARCHIVED".equals(text(f, "RecordState", "RecordState"))) {
            return Optional.of("the finding is ARCHIVED (its resource or check is gone)");
        }
        String compliance = text(f, "Compliance.Status", "Compliance.Status");
        if (compliance != null && !compliance.equals("FAILED")) {
            return Optional.of("the finding's compliance status is " + compliance + ", not FAILED");
        }
        return Optional.empty();
    }

    /** The control, newest spelling first: consolidated SecurityControlId, ProductFields.ControlId, GeneratorId, CIS rule. */
    static Optional<String> controlOf(JsonNode f) {
        for (String path : List.of("Compliance.SecurityControlId", "ProductFields.ControlId")) {
            String id = text(f, path, path);
            if (id != null) {
                return Optional.of(id);
            }
        }
        String generator =
                Optional.ofNullable(text(f, "GeneratorId", "GeneratorId")).orElse("");
        Matcher m = CONTROL_IN_GENERATOR.matcher(generator);
        if (m.find()) {
            return Optional.of(m.group(1));
        }
        m = CIS_GENERATOR.matcher(generator);
        if (m.find()) {
            String version = m.group(1);
            String rule = m.group(2);
            return Controls.controlOfCisRule(version, rule).or(() -> Optional.of("CIS " + version + " " + rule));
        }
        String rule = EventJson.at(f, "ProductFields").path("RuleId").asText(null);
        if (rule != null) {
            Matcher v = CIS_VERSION.matcher(
                    EventJson.at(f, "ProductFields").path("StandardsGuideArn").asText(""));
            String version = v.find() ? v.group(1) : null;
            return Controls.controlOfCisRule(version, rule)
                    .or(() -> Optional.of("CIS " + (version == null ? "" : version + " ") + rule));
        }
        return Optional.empty();
    }

    /** EC2.18's authorised ports from Compliance.SecurityControlParameters, when the finding carries them. */
    private static Optional<List<PortRange>> parameter(JsonNode f, String name) {
        for (JsonNode p :
                EventJson.array(f, "Compliance.SecurityControlParameters", "Compliance.SecurityControlParameters")) {
            if (name.equals(p.path("Name").asText())) {
                JsonNode value = p.path("Value");
                List<String> values = new ArrayList<>();
                if (value.isArray()) {
                    value.forEach(v -> values.add(v.asText()));
                } else {
                    values.addAll(List.of(value.asText("").split(",")));
                }
                return Optional.of(Controls.portList(values, "Compliance.SecurityControlParameters." + name));
            }
        }
        return Optional.empty();
    }

    private record Located(String groupId, String account, String region) {}

    /** Group id from Details, else from the resource ARN; account and region from the ARN, else the finding. */
    private static Located locate(JsonNode resource, JsonNode f) {
        String id = text(
                resource, "Details.AwsEc2SecurityGroup.GroupId", "Resources[].Details.AwsEc2SecurityGroup.GroupId");
        Matcher arn = GROUP_ARN.matcher(
                Optional.ofNullable(text(resource, "Id", "Resources[].Id")).orElse(""));
        boolean fromArn = arn.matches();
        if (id == null && !fromArn) {
            throw new InvalidRequestException(
                    "Resources[].Id",
                    "names no security group: expected Details.AwsEc2SecurityGroup.GroupId or an"
                            + " arn:aws:ec2:REGION:ACCOUNT:security-group/sg-… id");
        }
        String groupId = EventJson.groupId(id != null ? id : arn.group(3), "Resources[].Id");
        String account = fromArn ? arn.group(2) : text(f, "AwsAccountId", "AwsAccountId");
        String region = fromArn
                ? arn.group(1)
                : Optional.ofNullable(text(resource, "Region", "Resources[].Region"))
                        .orElse(text(f, "Region", "Region"));
        return new Located(groupId, account, region);
    }

    /** EC2.2 closes default groups only; a finding that says otherwise is not trusted to empty a group. */
    private static Optional<String> notDefault(Controls.Control control, JsonNode resource) {
        String name = text(
                resource, "Details.AwsEc2SecurityGroup.GroupName", "Resources[].Details.AwsEc2SecurityGroup.GroupName");
        if (control.id().equals("EC2.2") && name != null && !name.equals("default")) {
            return Optional.of("EC2.2 applies to default groups, but this group is named '" + name + "'");
        }
        return Optional.empty();
    }
}
