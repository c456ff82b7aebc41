package dev.sgrevoker.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sgrevoker.config.FunctionConfig;
import dev.sgrevoker.policy.ProtectedGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** template.yaml says what the code says: the guards that IAM, the queue policy and the rules enforce too. */
class TemplateGuardsTest {
    private static final String REVOKE = "ec2:RevokeSecurityGroupIngress";

    private Map<String, Object> template;
    private Map<String, Object> function;

    @BeforeEach
    void read() throws Exception {
        template = CfnYaml.template("template.yaml");
        function = props(resource("RevokeFunction"));
    }

    @Test
    void theRoleDeniesRevokesOnGroupsTaggedProtected() {
        Map<String, Object> deny = statement(functionStatements(), "DenyRevokeOnProtectedGroups");
        assertEquals("Deny", deny.get("Effect"));
        assertEquals(REVOKE, deny.get("Action"));
        assertEquals(
                Map.of("StringEqualsIgnoreCase", Map.of("aws:ResourceTag/" + ProtectedGroups.TAG_KEY, "true")),
                deny.get("Condition"));
        assertEquals(
                Map.of("Fn::Sub", "arn:${AWS::Partition}:ec2:*:*:security-group/*"),
                deny.get("Resource"),
                "every security group, so no other Allow can reach a protected one");
        assertEquals(Map.of("Ref", "ProtectedGroupIds"), env().get(FunctionConfig.PROTECTED_GROUP_IDS));
    }

    @Test
    void revokesAreAllowedOnlyInThisAccountAndRegion() {
        Map<String, Object> allow = statement(functionStatements(), "RevokeIngress");
        for (Object arn : (List<?>) allow.get("Resource")) {
            assertTrue(
                    arn.toString().contains(":ec2:${AWS::Region}:${AWS::AccountId}:"),
                    "revoke allowed beyond this account and region: " + arn);
        }
        assertEquals(
                Map.of("StringNotEquals", Map.of("aws:ResourceAccount", Map.of("Ref", "AWS::AccountId"))),
                statement(functionStatements(), "DenyRevokeInOtherAccounts").get("Condition"));
        assertEquals(
                Map.of("StringNotEquals", Map.of("aws:RequestedRegion", Map.of("Ref", "AWS::Region"))),
                statement(functionStatements(), "DenyRevokeInOtherRegions").get("Condition"));
    }

    @Test
    void theRoleHasNoSqsRightsBeyondItsOwnQueues() {
        for (Map<String, Object> s : functionStatements()) {
            List<String> actions = strings(s.get("Action"));
            boolean sqs = actions.stream().anyMatch(a -> a.startsWith("sqs:") || a.equals("*"));
            if (sqs && "Allow".equals(s.get("Effect"))) {
                assertFalse(strings(s.get("Resource")).contains("*"), "SQS rights on every queue: " + s);
                assertFalse(actions.contains("sqs:*"), "sqs:* granted: " + s);
            }
        }
        // A SAM SQS event would attach AWSLambdaSQSQueueExecutionRole, whose reads are on Resource "*".
        events().forEach((name, event) -> assertFalse(
                "SQS".equals(((Map<?, ?>) event).get("Type")), name + " is a SAM SQS event: use a plain mapping"));
        Map<String, Object> consume = statement(functionStatements(), "ConsumeRequestQueue");
        assertEquals(Map.of("Fn::GetAtt", List.of("RequestQueue", "Arn")), consume.get("Resource"));
        Map<String, Object> mapping = props(resource("RequestQueueEventSource"));
        assertEquals(Map.of("Fn::GetAtt", List.of("RequestQueue", "Arn")), mapping.get("EventSourceArn"));
    }

    @Test
    void onlyThisStacksRulesAndNamedSendersMaySendToTheRequestQueue() {
        Map<String, Object> policy = props(resource("RequestQueuePolicy"));
        assertEquals(List.of(Map.of("Ref", "RequestQueue")), policy.get("Queues"));
        List<Map<String, Object>> statements = statementsOf(policy.get("PolicyDocument"));
        List<Object> ourRules = ruleArns();
        assertFalse(ourRules.isEmpty());

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
        List<?> branches = (List<?>) principals.get("Fn::If");
        assertEquals("AdmitNamedSenders", branches.get(0));
        assertEquals(List.of(Map.of("Fn::GetAtt", List.of("RevokeFunctionRole", "Arn"))), branches.get(2));
    }

    @Test
    void queuedAlertsAreTrustedOnlyTogetherWithAQueueClosedToNamedSenders() {
        Map<?, ?> conditions = (Map<?, ?>) template.get("Conditions");
        assertEquals(
                Map.of("Fn::Equals", List.of(Map.of("Ref", "QueuedAlerts"), "trusted")),
                conditions.get("TrustQueuedAlerts"));
        List<?> admit = (List<?>) ((Map<?, ?>) conditions.get("AdmitNamedSenders")).get("Fn::And");
        assertTrue(
                admit.contains(Map.of("Fn::Not", List.of(Map.of("Condition", "TrustQueuedAlerts")))), admit::toString);
        assertEquals(Map.of("Ref", "QueuedAlerts"), env().get("QUEUED_ALERTS"));
        Map<?, ?> parameter = (Map<?, ?>) ((Map<?, ?>) template.get("Parameters")).get("QueuedAlerts");
        assertEquals("untrusted", parameter.get("Default"));
    }

    @Test
    void theRequestRuleMatchesOnlyTheConfiguredSources() {
        Map<?, ?> requests = (Map<?, ?>) ((Map<?, ?>) events().get("RequestEvents")).get("Properties");
        Map<?, ?> pattern = (Map<?, ?>) requests.get("Pattern");
        assertEquals(Map.of("Fn::Split", List.of(",", Map.of("Ref", "RequestSources"))), pattern.get("source"));
        assertEquals(Map.of("Ref", "RequestSources"), env().get("REQUEST_SOURCES"));
        Map<?, ?> parameter = (Map<?, ?>) ((Map<?, ?>) template.get("Parameters")).get("RequestSources");
        assertEquals("sg-revoker.requests", parameter.get("Default"));
    }

    @Test
    void concurrencyIsCappedAndThePacingKnowsTheCap() {
        Map<String, Object> cap = Map.of("Ref", "MaxConcurrency");
        assertEquals(cap, function.get("ReservedConcurrentExecutions"));
        assertEquals(
                Map.of("MaximumConcurrency", cap),
                props(resource("RequestQueueEventSource")).get("ScalingConfig"));
        assertEquals(cap, env().get("MAX_CONCURRENCY"));
    }

    @Test
    void memberRolesAreAssumableOnlyWhenEnabledAndOnlyInAllowedAccounts() {
        Map<?, ?> conditional = functionStatementsRaw().stream()
                .filter(s -> s instanceof Map<?, ?> m && m.containsKey("Fn::If"))
                .map(s -> (Map<?, ?>) s)
                .findFirst()
                .orElseThrow();
        List<?> branches = (List<?>) conditional.get("Fn::If");
        assertEquals("MemberAccountsEnabled", branches.get(0));
        Map<?, ?> assume = (Map<?, ?>) branches.get(1);
        assertEquals("sts:AssumeRole", assume.get("Action"));
        assertEquals(Map.of("Fn::Sub", "arn:${AWS::Partition}:iam::*:role/${MemberRoleName}"), assume.get("Resource"));
        assertEquals(
                Map.of(
                        "StringEquals",
                        Map.of(
                                "aws:ResourceAccount",
                                Map.of("Fn::Split", List.of(",", Map.of("Ref", "AllowedAccountIds"))))),
                assume.get("Condition"));
        assertEquals(Map.of("Ref", "AWS::NoValue"), branches.get(2));
        assertEquals(Map.of("Ref", "MemberRoleName"), env().get("MEMBER_ROLE_NAME"));
    }

    private Map<String, Object> resource(String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) ((Map<?, ?>) template.get("Resources")).get(name);
        assertNotNull(r, "no resource " + name);
        return r;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    private Map<?, ?> env() {
        return (Map<?, ?>) ((Map<?, ?>) function.get("Environment")).get("Variables");
    }

    private Map<?, ?> events() {
        return (Map<?, ?>) function.get("Events");
    }

    /** The ARNs of the function's EventBridge rules, as the rest of the template names them. */
    private List<Object> ruleArns() {
        List<Object> arns = new ArrayList<>();
        events().forEach((name, event) -> {
            if ("EventBridgeRule".equals(((Map<?, ?>) event).get("Type"))) {
                arns.add(Map.of("Fn::GetAtt", List.of("RevokeFunction" + name, "Arn")));
            }
        });
        return arns;
    }

    /** Every statement of the function's inline policies, conditional ones unwrapped (both branches). */
    private List<Map<String, Object>> functionStatements() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object s : functionStatementsRaw()) {
            if (s instanceof Map<?, ?> m && m.containsKey("Fn::If")) {
                ((List<?>) m.get("Fn::If")).stream().skip(1).forEach(b -> addStatement(out, b));
            } else {
                addStatement(out, s);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void addStatement(List<Map<String, Object>> out, Object s) {
        if (s instanceof Map<?, ?> m && m.containsKey("Effect")) {
            out.add((Map<String, Object>) m);
        }
    }

    private List<Object> functionStatementsRaw() {
        List<Object> out = new ArrayList<>();
        for (Object policy : (List<?>) function.get("Policies")) {
            out.addAll((List<?>) ((Map<?, ?>) policy).get("Statement"));
        }
        return out;
    }

    private static List<Map<String, Object>> statementsOf(Object document) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object s : (List<?>) ((Map<?, ?>) document).get("Statement")) {
            if (s instanceof Map<?, ?> m && m.containsKey("Fn::If")) {
                ((List<?>) m.get("Fn::If")).stream().skip(1).forEach(b -> addStatement(out, b));
            } else {
                addStatement(out, s);
            }
        }
        return out;
    }

    private static Map<String, Object> statement(List<Map<String, Object>> statements, String sid) {
        List<Map<String, Object>> found =
                statements.stream().filter(s -> sid.equals(s.get("Sid"))).toList();
        assertEquals(1, found.size(), "statements with Sid " + sid);
        return found.get(0);
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.toList());
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }
}
