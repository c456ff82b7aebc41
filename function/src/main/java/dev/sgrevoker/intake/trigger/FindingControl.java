package dev.sgrevoker.intake.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.intake.Excerpt;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.Scalars;
import dev.sgrevoker.model.PortRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The control a Security Hub finding is about, in whichever spelling it carries, the parameters it was checked with,
 * and whether it comes from Security Hub's own checks of AWS's standards (only those are acted on).
 */
final class FindingControl {
    private static final Pattern CONTROL_IN_GENERATOR = Pattern.compile("(?:^|/)(EC2\\.\\d+)$");
    private static final Pattern CIS_GENERATOR =
            Pattern.compile("cis-aws-foundations-benchmark/v/([\\d.]+)/rule/([\\d.]+)$");
    private static final Pattern CIS_VERSION = Pattern.compile("cis-aws-foundations-benchmark/v/([\\d.]+)");
    /** Findings Security Hub itself generates; any product may import findings under its own ProductArn. */
    private static final Pattern OWN_PRODUCT =
            Pattern.compile("arn:aws[a-z-]*:securityhub:[a-z0-9-]+::product/aws/securityhub");
    /** Controls of AWS's standards: consolidated security-control/, FSBP and CIS (with or without a ruleset ARN). */
    private static final Pattern AWS_STANDARD = Pattern.compile("(?:security-control/"
            + "|(?:arn:aws[a-z-]*:securityhub:[a-z0-9-]*::(?:ruleset|standards)/)?"
            + "(?:aws-foundational-security-best-practices|cis-aws-foundations-benchmark)/v/)[^\\s]+");

    private FindingControl() {}

    /** The control, newest spelling first: consolidated SecurityControlId, ProductFields.ControlId, GeneratorId, CIS rule. */
    static Optional<String> of(EventJson event, FieldPath f) {
        for (FieldPath path :
                List.of(f.child("Compliance", "SecurityControlId"), f.child("ProductFields", "ControlId"))) {
            String id = event.text(path);
            if (id != null) {
                return Optional.of(id);
            }
        }
        String generator =
                Optional.ofNullable(event.text(f.child("GeneratorId"))).orElse("");
        Matcher m = CONTROL_IN_GENERATOR.matcher(generator);
        if (m.find()) {
            return Optional.of(m.group(1));
        }
        m = CIS_GENERATOR.matcher(generator);
        if (m.find()) {
            String version = m.group(1);
            String rule = m.group(2);
            return AlertToControl.controlIdOfCisRule(version, rule)
                    .or(() -> Optional.of("CIS " + version + " " + rule));
        }
        String rule = event.node(f.child("ProductFields", "RuleId")).asText(null);
        if (rule != null) {
            Matcher v = CIS_VERSION.matcher(
                    event.node(f.child("ProductFields", "StandardsGuideArn")).asText(""));
            String version = v.find() ? v.group(1) : null;
            return AlertToControl.controlIdOfCisRule(version, rule)
                    .or(() -> Optional.of("CIS " + (version == null ? "" : version + " ") + rule));
        }
        return Optional.empty();
    }

    /** EC2.18's authorised ports from Compliance.SecurityControlParameters, when the finding carries them. */
    static Optional<List<PortRange>> parameter(EventJson event, FieldPath f, String name) {
        for (FieldPath at : event.elements(f.child("Compliance", "SecurityControlParameters"))) {
            JsonNode p = event.node(at);
            if (name.equals(p.path("Name").asText())) {
                JsonNode value = p.path("Value");
                List<String> values = new ArrayList<>();
                if (value.isArray()) {
                    value.forEach(v -> values.add(v.asText()));
                } else {
                    values.addAll(List.of(value.asText("").split(",")));
                }
                return Optional.of(Scalars.portList(values, at.child("Value")));
            }
        }
        return Optional.empty();
    }

    /**
     * Only Security Hub's own findings on controls of AWS's standards are acted on: another product can import a
     * finding with any GeneratorId, and one ending in EC2.19 must not make us revoke.
     */
    static Optional<String> notFromAwsStandards(EventJson event, FieldPath f) {
        String product = Optional.ofNullable(event.text(f.child("ProductArn"))).orElse("(none)");
        if (!OWN_PRODUCT.matcher(product).matches()) {
            return Optional.of("the finding's ProductArn " + Excerpt.identifier(product)
                    + " is not Security Hub's own (arn:aws:securityhub:REGION::product/aws/securityhub)");
        }
        boolean namedControl = event.text(f.child("Compliance", "SecurityControlId")) != null
                || event.text(f.child("ProductFields", "ControlId")) != null;
        String generator =
                Optional.ofNullable(event.text(f.child("GeneratorId"))).orElse("");
        if (!namedControl && !AWS_STANDARD.matcher(generator).matches()) {
            return Optional.of("the finding's control does not come from an AWS standard (GeneratorId '"
                    + Excerpt.identifier(generator) + "', no Compliance.SecurityControlId or ProductFields.ControlId)");
        }
        return Optional.empty();
    }
}
