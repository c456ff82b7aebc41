package dev.sgrevoker.intake.trigger;

import static dev.sgrevoker.intake.trigger.EventJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.model.GroupTarget;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.RevocationRequest;
import java.util.List;
import java.util.Optional;

/**
 * "Config Rules Compliance Change": a security group turning NON_COMPLIANT under a rule we know becomes the same
 * selection as the matching Security Hub control. The event names the group and the rule, never the rules to revoke.
 */
final class ConfigComplianceChange {
    private static final TriggerFamily FAMILY = TriggerFamily.CONFIG_COMPLIANCE_CHANGE;
    private static final InputForm FORM = InputForm.CONFIG_COMPLIANCE_CHANGE;
    private static final String SECURITY_GROUP = "AWS::EC2::SecurityGroup";
    private static final String QUALIFIER =
            "detail.newEvaluationResult.evaluationResultIdentifier.evaluationResultQualifier";

    private ConfigComplianceChange() {}

    static TriggerResult normalise(JsonNode event, TriggerConfig config) {
        String rule = Optional.ofNullable(text(event, "detail.configRuleName", "detail.configRuleName"))
                .orElseGet(() -> EventJson.requiredText(event, QUALIFIER + ".configRuleName", "detail.configRuleName"));
        String type = Optional.ofNullable(text(event, "detail.resourceType", "detail.resourceType"))
                .orElseGet(() -> EventJson.requiredText(event, QUALIFIER + ".resourceType", "detail.resourceType"));
        String resource = Optional.ofNullable(text(event, "detail.resourceId", "detail.resourceId"))
                .orElseGet(() -> EventJson.requiredText(event, QUALIFIER + ".resourceId", "detail.resourceId"));
        String compliance = EventJson.requiredText(
                event, "detail.newEvaluationResult.complianceType", "detail.newEvaluationResult.complianceType");
        if (!type.equals(SECURITY_GROUP)) {
            return skip(
                    null,
                    rule,
                    "Config rule '" + rule + "' reports on " + type + " " + resource + ", not a security group");
        }
        String groupId = EventJson.groupId(resource, "detail.resourceId");
        if (!compliance.equals("NON_COMPLIANT")) {
            return skip(
                    groupId, rule, "Config rule '" + rule + "' finds the group " + compliance + ": nothing to revoke");
        }
        Optional<Controls.Control> control = Controls.byConfigRule(rule, config);
        if (control.isEmpty()) {
            return skip(
                    groupId,
                    rule,
                    "Config rule '" + rule
                            + "' is not one this function acts on (restricted-ssh, restricted-common-ports,"
                            + " vpc-sg-open-only-to-authorized-ports, vpc-default-security-group-closed, with any prefix or suffix)");
        }
        Optional<String> refusal = config.accounts()
                .refusal(
                        text(event, "detail.awsAccountId", "detail.awsAccountId"),
                        text(event, "detail.awsRegion", "detail.awsRegion"));
        if (refusal.isPresent()) {
            return skip(groupId, rule, refusal.get());
        }
        String why = "AWS Config rule '" + rule + "' (" + control.get().id() + "): "
                + control.get().offence();
        RevocationRequest request = new RevocationRequest(
                new GroupTarget.ById(groupId),
                List.of(new Requested.BySelection(control.get().selection(), why)),
                false,
                FORM);
        return new TriggerResult(FAMILY, FORM, List.of(request), List.of());
    }

    private static TriggerResult skip(String groupId, String rule, String reason) {
        return TriggerResult.skipped(FAMILY, FORM, new Skip(FAMILY, groupId, rule, reason));
    }
}
