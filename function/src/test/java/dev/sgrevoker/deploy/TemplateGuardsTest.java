package dev.sgrevoker.deploy;

import static dev.sgrevoker.deploy.Cfn.ifBranches;
import static dev.sgrevoker.deploy.Cfn.props;
import static dev.sgrevoker.deploy.Cfn.statement;
import static dev.sgrevoker.deploy.Cfn.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sgrevoker.config.FunctionConfig;
import dev.sgrevoker.policy.ProtectedGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** template.yaml says what the code says: the guards that IAM, the queue policy and the rules enforce too. */
class TemplateGuardsTest {
    static final String REVOKE = "ec2:RevokeSecurityGroupIngress";
    static final String REVOKE_EGRESS = "ec2:RevokeSecurityGroupEgress";

    private Map<String, Object> template;
    private FunctionOf function;

    @BeforeEach
    void read() throws Exception {
        template = CfnYaml.template("template.yaml");
        function = new FunctionOf(template);
    }

    @Test
    void theRoleDeniesRevokesOnGroupsTaggedProtected() {
        Map<String, Object> deny = statement(function.statements(), "DenyRevokeOnProtectedGroups");
        assertEquals("Deny", deny.get("Effect"));
        assertEquals(List.of(REVOKE, REVOKE_EGRESS), deny.get("Action"));
        assertEquals(
                Map.of("StringEqualsIgnoreCase", Map.of("aws:ResourceTag/" + ProtectedGroups.TAG_KEY, "true")),
                deny.get("Condition"));
        assertEquals(
                Map.of("Fn::Sub", "arn:${AWS::Partition}:ec2:*:*:security-group/*"),
                deny.get("Resource"),
                "every security group, so no other Allow can reach a protected one");
        assertEquals(Map.of("Ref", "ProtectedGroupIds"), function.env().get(FunctionConfig.PROTECTED_GROUP_IDS));
    }

    @Test
    void revokesAreAllowedOnlyInThisAccountAndItsRegions() {
        List<?> branches =
                ifBranches(statement(function.statements(), "RevokeIngress").get("Resource"));
        assertEquals("ActInOtherRegions", branches.get(0));
        for (Object arn : (List<?>) branches.get(1)) {
            assertTrue(arn.toString().contains(":ec2:*:${AWS::AccountId}:"), "beyond this account: " + arn);
        }
        for (Object arn : (List<?>) branches.get(2)) {
            assertTrue(arn.toString().contains(":ec2:${AWS::Region}:${AWS::AccountId}:"), "beyond its region: " + arn);
        }
        assertEquals(
                Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "AllowedRegions"), "")))),
                Cfn.section(template, "Conditions").get("ActInOtherRegions"));
        assertEquals(
                Map.of("StringNotEquals", Map.of("aws:ResourceAccount", Map.of("Ref", "AWS::AccountId"))),
                statement(function.statements(), "DenyRevokeInOtherAccounts").get("Condition"));
    }

    @Test
    void theRegionDenyFollowsItsOwnRegionAndAllowedRegions() {
        Map<String, Object> deny = statement(function.statements(), "DenyRevokeInOtherRegions");
        assertEquals("Deny", deny.get("Effect"));
        assertEquals("*", deny.get("Resource"));
        Object regions =
                ((Map<?, ?>) ((Map<?, ?>) deny.get("Condition")).get("StringNotEquals")).get("aws:RequestedRegion");
        List<?> branches = ifBranches(regions);
        assertEquals("ActInOtherRegions", branches.get(0));
        Map<String, String> params = Map.of("AWS::Region", "us-east-1", "AllowedRegions", "eu-west-1,ap-southeast-2");
        assertEquals(
                List.of("us-east-1", "eu-west-1", "ap-southeast-2"), Cfn.listOf(Cfn.evaluate(branches.get(1), params)));
        assertEquals(List.of(Map.of("Ref", "AWS::Region")), branches.get(2), "its own region only");
        assertEquals(Map.of("Ref", "AllowedRegions"), function.env().get("ALLOWED_REGIONS"));
        Map<?, ?> parameter = Cfn.parameter(template, "AllowedRegions");
        assertEquals("", parameter.get("Default"));
        assertTrue(Cfn.allowed(parameter, "eu-west-1,us-gov-west-1"));
        assertFalse(Cfn.allowed(parameter, "eu-west-1, us-east-1"), "a space would never match a region");
        assertFalse(Cfn.allowed(parameter, "*"));
    }

    @Test
    void everyDenyThatGuardsIngressGuardsEgressToo() {
        List<Map<String, Object>> denies = function.statements().stream()
                .filter(s -> "Deny".equals(s.get("Effect")))
                .filter(s -> strings(s.get("Action")).contains(REVOKE))
                .toList();
        assertEquals(3, denies.size(), "protected groups, other accounts, other regions");
        denies.forEach(d -> assertTrue(strings(d.get("Action")).contains(REVOKE_EGRESS), d::toString));
    }

    @Test
    void egressMayBeRevokedOnlyWithDefaultGroupEgressRevoke() {
        List<?> raw = function.rawStatements();
        for (Object s : raw) {
            boolean egress = Cfn.unwrap(List.of(s)).stream()
                    .anyMatch(x -> "Allow".equals(x.get("Effect"))
                            && strings(x.get("Action")).contains(REVOKE_EGRESS));
            if (egress) {
                assertEquals("RevokeDefaultGroupEgress", ifBranches(s).get(0), "egress allowed unconditionally");
                assertEquals(Map.of("Ref", "AWS::NoValue"), ifBranches(s).get(2));
            }
        }
        assertEquals(
                Map.of("Fn::Equals", List.of(Map.of("Ref", "DefaultGroupEgress"), "revoke")),
                Cfn.section(template, "Conditions").get("RevokeDefaultGroupEgress"));
        assertEquals("keep", Cfn.parameter(template, "DefaultGroupEgress").get("Default"));
        assertEquals(Map.of("Ref", "DefaultGroupEgress"), function.env().get("DEFAULT_GROUP_EGRESS"));
    }

    @Test
    void theRoleHasNoSqsRightsBeyondItsOwnQueues() {
        for (Map<String, Object> s : function.statements()) {
            List<String> actions = strings(s.get("Action"));
            boolean sqs = actions.stream().anyMatch(a -> a.startsWith("sqs:") || a.equals("*"));
            if (sqs && "Allow".equals(s.get("Effect"))) {
                assertFalse(strings(s.get("Resource")).contains("*"), "SQS rights on every queue: " + s);
                assertFalse(actions.contains("sqs:*"), "sqs:* granted: " + s);
            }
        }
        // A SAM SQS event would attach AWSLambdaSQSQueueExecutionRole, whose reads are on Resource "*".
        function.events()
                .forEach((name, event) -> assertFalse(
                        "SQS".equals(((Map<?, ?>) event).get("Type")),
                        name + " is a SAM SQS event: use a plain mapping"));
        for (String queue : List.of("RequestQueue", "ShardQueue")) {
            Map<String, Object> consume =
                    statement(function.statements(), "Consume" + queue.replace("Queue", "") + "Queue");
            assertEquals(Map.of("Fn::GetAtt", List.of(queue, "Arn")), consume.get("Resource"));
            Map<String, Object> mapping = props(Cfn.resource(template, queue + "EventSource"));
            assertEquals(Map.of("Fn::GetAtt", List.of(queue, "Arn")), mapping.get("EventSourceArn"));
        }
    }

    @Test
    void onlyThisStacksRulesAndNamedSendersMaySendToTheRequestQueue() {
        Map<String, Object> policy = props(Cfn.resource(template, "RequestQueuePolicy"));
        assertEquals(List.of(Map.of("Ref", "RequestQueue")), policy.get("Queues"));
        List<Map<String, Object>> statements = Cfn.statements(policy.get("PolicyDocument"));
        List<Object> ourRules = function.ruleArns();
        assertTrue(ourRules.contains(Map.of("Fn::GetAtt", List.of("RevokeFunctionSecurityHubCustomActions", "Arn"))));

        Map<String, Object> rules = statement(statements, "ThisStacksRules");
        assertEquals("Allow", rules.get("Effect"));
        assertEquals(Map.of("Service", "events.amazonaws.com"), rules.get("Principal"));
        assertEquals(Map.of("ArnEquals", Map.of("aws:SourceArn", ourRules)), rules.get("Condition"));

        Map<String, Object> named = statement(statements, "NamedSenders");
        assertEquals(
                Map.of("AWS", Map.of("Fn::Split", List.of(",", Map.of("Ref", "RequestQueueSenderArns")))),
                named.get("Principal"));

        Map<String, Object> deny = statement(statements, "NobodyElse");
        assertEquals("Deny", deny.get("Effect"));
        assertEquals("*", deny.get("Principal"));
        assertEquals("sqs:SendMessage", deny.get("Action"));
        Map<?, ?> condition = (Map<?, ?>) deny.get("Condition");
        assertEquals(Map.of("aws:SourceArn", ourRules), condition.get("ArnNotEquals"));
        // Trusted queued alerts: the only principal left is the function's own role, never the named senders.
        Map<?, ?> principals = (Map<?, ?>) ((Map<?, ?>) condition.get("ArnNotEqualsIfExists")).get("aws:PrincipalArn");
        List<?> branches = ifBranches(principals);
        assertEquals("AdmitNamedSenders", branches.get(0));
        assertEquals(List.of(Map.of("Fn::GetAtt", List.of("RevokeFunctionRole", "Arn"))), branches.get(2));
    }

    @Test
    void queuedAlertsAreTrustedOnlyTogetherWithAQueueClosedToNamedSenders() {
        Map<?, ?> conditions = Cfn.section(template, "Conditions");
        assertEquals(
                Map.of("Fn::Equals", List.of(Map.of("Ref", "QueuedAlerts"), "trusted")),
                conditions.get("TrustQueuedAlerts"));
        List<?> admit = (List<?>) ((Map<?, ?>) conditions.get("AdmitNamedSenders")).get("Fn::And");
        assertTrue(
                admit.contains(Map.of("Fn::Not", List.of(Map.of("Condition", "TrustQueuedAlerts")))), admit::toString);
        assertEquals(Map.of("Ref", "QueuedAlerts"), function.env().get("QUEUED_ALERTS"));
        assertEquals("untrusted", Cfn.parameter(template, "QueuedAlerts").get("Default"));
    }

    @Test
    void theRequestRuleMatchesOnlyTheConfiguredSources() {
        Map<?, ?> pattern = function.pattern("RequestEvents");
        assertEquals(Map.of("Fn::Split", List.of(",", Map.of("Ref", "RequestSources"))), pattern.get("source"));
        assertEquals(Map.of("Ref", "RequestSources"), function.env().get("REQUEST_SOURCES"));
        assertEquals(
                "sg-revoker.requests", Cfn.parameter(template, "RequestSources").get("Default"));
    }

    @Test
    void memberRolesAreAssumableOnlyWhenEnabledAndOnlyInAllowedAccounts() {
        List<?> branches = ifBranches(Cfn.rawStatement(function.rawStatements(), "AssumeMemberRoles"));
        assertEquals("MemberAccountsEnabled", branches.get(0));
        Map<?, ?> assume = (Map<?, ?>) branches.get(1);
        assertEquals("sts:AssumeRole", assume.get("Action"));
        assertEquals(Map.of("Fn::Sub", "arn:${AWS::Partition}:iam::*:role/${MemberRoleName}"), assume.get("Resource"));
        List<?> mode = ifBranches(assume.get("Condition"));
        assertEquals("OrganizationAccounts", mode.get(0));
        assertEquals(
                Map.of(
                        "StringEquals",
                        Map.of(
                                "aws:ResourceAccount",
                                Map.of("Fn::Split", List.of(",", Map.of("Ref", "AllowedAccountIds"))))),
                mode.get(2),
                "listed accounts: the list, as written");
        assertEquals(Map.of("Ref", "AWS::NoValue"), branches.get(2));
        assertEquals(Map.of("Ref", "MemberRoleName"), function.env().get("MEMBER_ROLE_NAME"));
    }

    /** The function resource of template.yaml: its policies, environment and events. */
    static final class FunctionOf {
        private final Map<String, Object> function;

        FunctionOf(Map<String, Object> template) {
            function = props(Cfn.resource(template, "RevokeFunction"));
        }

        Map<String, Object> properties() {
            return function;
        }

        Map<?, ?> env() {
            return (Map<?, ?>) ((Map<?, ?>) function.get("Environment")).get("Variables");
        }

        Map<?, ?> events() {
            return (Map<?, ?>) function.get("Events");
        }

        Map<?, ?> pattern(String event) {
            return (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) events().get(event)).get("Properties")).get("Pattern");
        }

        /** The ARNs of the function's EventBridge rules, as the rest of the template names them. */
        List<Object> ruleArns() {
            List<Object> arns = new ArrayList<>();
            events().forEach((name, event) -> {
                if ("EventBridgeRule".equals(((Map<?, ?>) event).get("Type"))) {
                    arns.add(Map.of("Fn::GetAtt", List.of("RevokeFunction" + name, "Arn")));
                }
            });
            return arns;
        }

        /** Every statement of the function's inline policies, conditional ones unwrapped (both branches). */
        List<Map<String, Object>> statements() {
            return Cfn.unwrap(rawStatements());
        }

        List<Object> rawStatements() {
            List<Object> out = new ArrayList<>();
            for (Object policy : (List<?>) function.get("Policies")) {
                out.addAll((List<?>) ((Map<?, ?>) policy).get("Statement"));
            }
            return out;
        }
    }
}
