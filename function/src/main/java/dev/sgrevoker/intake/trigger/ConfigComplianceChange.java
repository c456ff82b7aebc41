package dev.sgrevoker.intake.trigger;

import dev.sgrevoker.intake.Excerpt;
import dev.sgrevoker.model.GroupTarget;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.policy.Controls;
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
    private static final List<String> QUALIFIER =
            List.of("detail", "newEvaluationResult", "evaluationResultIdentifier", "evaluationResultQualifier");

    private ConfigComplianceChange() {}

    static TriggerResult normalise(EventJson event, TriggerConfig config) {
        String rule = detailOrQualifier(event, "configRuleName");
        String type = detailOrQualifier(event, "resourceType");
        String resource = detailOrQualifier(event, "resourceId");
        String compliance = event.requiredText("detail", "newEvaluationResult", "complianceType");
        if (!type.equals(SECURITY_GROUP)) {
            return skip(
                    null,
                    rule,
                    "Config rule '" + rule + "' reports on " + type + " " + resource + ", not a security group");
        }
        String groupId = EventJson.groupId(resource, event.at("detail", "resourceId"));
        if (!compliance.equals("NON_COMPLIANT")) {
            return skip(
                    groupId, rule, "Config rule '" + rule + "' finds the group " + compliance + ": nothing to revoke");
        }
        if (!config.trust().configRuleNames().contains(rule)) {
            return skip(
                    groupId,
                    rule,
                    "Config rule '" + Excerpt.of(rule) + "' is not listed in CONFIG_RULE_NAMES"
                            + " (rule names are matched exactly; the default lists the managed rules' default names: "
                            + String.join(",", AlertToControl.MANAGED_CONFIG_RULES) + ")");
        }
        Optional<Controls.Control> control = AlertToControl.ofConfigRule(rule, config);
        if (control.isEmpty()) {
            return skip(
                    groupId,
                    rule,
                    "Config rule '" + rule
                            + "' is not one this function acts on ("
                            + String.join(", ", AlertToControl.MANAGED_CONFIG_RULES)
                            + "; a name listed in CONFIG_RULE_NAMES with a prefix or suffix maps by those words)");
        }
        Optional<String> refusal =
                config.accounts().refusal(event.text("detail", "awsAccountId"), event.text("detail", "awsRegion"));
        if (refusal.isPresent()) {
            return skip(groupId, rule, refusal.get());
        }
        String why = "AWS Config rule '" + rule + "' (" + control.get().id() + "): "
                + control.get().offence();
        RevocationRequest request = new RevocationRequest(
                new GroupTarget.ById(groupId),
                List.of(new Requested.BySelection(
                        control.get().id(), control.get().selection(), why)),
                false,
                FORM);
        return new TriggerResult(FAMILY, FORM, List.of(request), List.of());
    }

    /** Newer events carry the name, type and id in the detail; older ones only in the evaluation's qualifier. */
    private static String detailOrQualifier(EventJson event, String name) {
        return Optional.ofNullable(event.text("detail", name))
                .orElseGet(() -> event.requiredText(
                        event.at(QUALIFIER.toArray(String[]::new)).child(name)));
    }

    private static TriggerResult skip(String groupId, String rule, String reason) {
        return TriggerResult.skipped(FAMILY, FORM, new Skip(FAMILY, groupId, rule, reason));
    }
}
