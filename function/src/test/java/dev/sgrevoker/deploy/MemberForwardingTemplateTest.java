package dev.sgrevoker.deploy;

import static dev.sgrevoker.deploy.Cfn.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * template-member-forwarding.yaml (regional): the member's CloudTrail and Config alerts go to the administrator's
 * default bus, matched as the function's own rules match them, through the global role of template-member.yaml.
 */
class MemberForwardingTemplateTest {
    private static final Map<String, String> MEMBER_IN_EU = Map.of(
            "AWS::Partition", "aws",
            "AWS::AccountId", "210987654321",
            "AWS::Region", "eu-west-1",
            "AdministratorAccountId", "123456789012",
            "HomeRegion", "us-east-1",
            "ForwardingRoleName", "sg-revoker-forwarding");

    private Map<String, Object> forwarding;
    private TemplateGuardsTest.FunctionOf function;

    @BeforeEach
    void read() throws Exception {
        forwarding = CfnYaml.template("template-member-forwarding.yaml");
        function = new TemplateGuardsTest.FunctionOf(CfnYaml.template("template.yaml"));
    }

    @Test
    void itMakesNoRoleSoAMultiRegionStackSetNeverMakesOneTwice() {
        Cfn.section(forwarding, "Resources")
                .forEach((name, r) -> assertFalse(
                        String.valueOf(((Map<?, ?>) r).get("Type")).startsWith("AWS::IAM::"), name + " is IAM"));
    }

    @Test
    void cloudTrailCallsAreForwardedAsTheFunctionsRuleMatchesThem() {
        Map<String, Object> rule = rule("ForwardAuthorizeIngressCalls");
        assertEquals(function.pattern("AuthorizeIngressCalls"), rule.get("EventPattern"));
    }

    @Test
    void configChangesAreForwardedAsTheFunctionsRuleMatchesThemForTheRulesItActsOn() {
        Map<?, ?> pattern = (Map<?, ?>) rule("ForwardConfigComplianceChanges").get("EventPattern");
        Map<?, ?> ours = function.pattern("ConfigComplianceChanges");
        assertEquals(ours.get("source"), pattern.get("source"));
        assertEquals(ours.get("detail-type"), pattern.get("detail-type"));
        Map<Object, Object> detail = new HashMap<>((Map<?, ?>) pattern.get("detail"));
        assertEquals(
                Map.of("Fn::Split", List.of(",", Map.of("Ref", "ConfigRuleNames"))), detail.remove("configRuleName"));
        assertEquals(ours.get("detail"), detail, "otherwise the function's own pattern");
        assertEquals(
                function.env().get("CONFIG_RULE_NAMES"),
                Cfn.parameter(forwarding, "ConfigRuleNames").get("Default"),
                "the rules the function acts on");
    }

    @Test
    void eachRuleTargetsTheAdministratorsDefaultBusThroughTheMembersForwardingRole() throws Exception {
        for (String name : List.of("ForwardAuthorizeIngressCalls", "ForwardConfigComplianceChanges")) {
            Map<String, Object> rule = rule(name);
            assertEquals("default", rule.get("EventBusName"));
            List<?> targets = (List<?>) rule.get("Targets");
            assertEquals(1, targets.size());
            Map<?, ?> target = (Map<?, ?>) targets.get(0);
            assertEquals(
                    "arn:aws:events:us-east-1:123456789012:event-bus/default",
                    Cfn.evaluate(target.get("Arn"), MEMBER_IN_EU));
            assertEquals(
                    "arn:aws:iam::210987654321:role/sg-revoker-forwarding",
                    Cfn.evaluate(target.get("RoleArn"), MEMBER_IN_EU));
        }
        assertEquals(
                Cfn.parameter(CfnYaml.template("template-member.yaml"), "ForwardingRoleName")
                        .get("Default"),
                Cfn.parameter(forwarding, "ForwardingRoleName").get("Default"),
                "the role template-member.yaml makes");
    }

    @Test
    void nothingIsForwardedFromTheAdministratorsHomeToItself() {
        Map<?, ?> conditions = Cfn.section(forwarding, "Conditions");
        assertEquals(
                Map.of(
                        "Fn::And",
                        List.of(
                                Map.of(
                                        "Fn::Equals",
                                        List.of(
                                                Map.of("Ref", "AWS::AccountId"),
                                                Map.of("Ref", "AdministratorAccountId"))),
                                Map.of(
                                        "Fn::Equals",
                                        List.of(Map.of("Ref", "AWS::Region"), Map.of("Ref", "HomeRegion"))))),
                conditions.get("AtTheAdministratorsHome"));
        assertEquals(
                Map.of("Fn::Not", List.of(Map.of("Condition", "AtTheAdministratorsHome"))), conditions.get("Forward"));
        Cfn.resourcesOfType(forwarding, "AWS::Events::Rule")
                .forEach((name, r) -> assertEquals("Forward", r.get("Condition"), name));
        assertEquals(2, Cfn.resourcesOfType(forwarding, "AWS::Events::Rule").size());
    }

    private Map<String, Object> rule(String name) {
        Map<String, Object> resource = Cfn.resource(forwarding, name);
        assertEquals("AWS::Events::Rule", resource.get("Type"));
        return props(resource);
    }
}
