package dev.sgrevoker.deploy;

import static dev.sgrevoker.deploy.Cfn.ifBranches;
import static dev.sgrevoker.deploy.Cfn.props;
import static dev.sgrevoker.deploy.Cfn.statement;
import static dev.sgrevoker.deploy.Cfn.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** template.yaml for one deployment over an organization (issue 15): its reach, its run state, its shards. */
class OrganizationTemplateTest {
    private Map<String, Object> template;
    private TemplateGuardsTest.FunctionOf function;

    @BeforeEach
    void read() throws Exception {
        template = CfnYaml.template("template.yaml");
        function = new TemplateGuardsTest.FunctionOf(template);
    }

    @Test
    void everyNewSettingReachesTheFunctionUnderItsName() {
        Map<String, Object> expected = Map.of(
                "ALLOWED_REGIONS", Map.of("Ref", "AllowedRegions"),
                "ALLOWED_ACCOUNT_IDS", Map.of("Ref", "AllowedAccountIds"),
                "ORGANIZATION_UNIT_IDS", Map.of("Ref", "OrganizationUnitIds"),
                "ORGANIZATION_SWEEPS", Map.of("Ref", "OrganizationSweeps"),
                "MAX_REVOCATIONS_PER_RUN", Map.of("Ref", "MaxRevocationsPerRun"),
                "RUN_DEADLINE_MINUTES", Map.of("Ref", "RunDeadlineMinutes"),
                "ORGANIZATION_CONCURRENCY", Map.of("Ref", "OrganizationConcurrency"),
                "RUN_TABLE_NAME", Map.of("Ref", "RunTable"),
                "SHARD_QUEUE_URL", Map.of("Ref", "ShardQueue"));
        expected.forEach((name, value) -> assertEquals(value, function.env().get(name), name));
        // Safe defaults: own account and region, report-only across accounts, the run limit on.
        assertEquals("", Cfn.parameter(template, "AllowedRegions").get("Default"));
        assertEquals(
                "report-only", Cfn.parameter(template, "OrganizationSweeps").get("Default"));
        assertEquals(200, Cfn.parameter(template, "MaxRevocationsPerRun").get("Default"));
        assertEquals(60, Cfn.parameter(template, "RunDeadlineMinutes").get("Default"));
    }

    @Test
    void allowedAccountIdsTakesExactIdsOrTheWordOrganization() {
        Map<?, ?> parameter = Cfn.parameter(template, "AllowedAccountIds");
        assertTrue(Cfn.allowed(parameter, ""));
        assertTrue(Cfn.allowed(parameter, "210987654321,109876543210"));
        assertTrue(Cfn.allowed(parameter, "organization"));
        assertFalse(Cfn.allowed(parameter, "organization,210987654321"));
        assertFalse(Cfn.allowed(parameter, "210987654321, 109876543210"));
        assertTrue(Cfn.allowed(Cfn.parameter(template, "OrganizationUnitIds"), "ou-ab12-11111111,ou-ab12-22222222"));
        assertFalse(Cfn.allowed(Cfn.parameter(template, "OrganizationId"), "123456789012"));
    }

    @Test
    void memberRolesOfAnOrganizationAreAssumableOnlyInItAndItsNamedUnits() {
        Map<?, ?> assume = (Map<?, ?>) ifBranches(Cfn.rawStatement(function.rawStatements(), "AssumeMemberRoles"))
                .get(1);
        List<?> organization = ifBranches(ifBranches(assume.get("Condition")).get(1));
        assertEquals("OrganizationUnitsNamed", organization.get(0));
        Map<?, ?> whole = (Map<?, ?>) organization.get(2);
        assertEquals(Map.of("StringEquals", Map.of("aws:ResourceOrgID", Map.of("Ref", "OrganizationId"))), whole);
        Map<?, ?> units = (Map<?, ?>) organization.get(1);
        assertEquals(whole.get("StringEquals"), units.get("StringEquals"), "the OUs narrow the organization");
        Object paths = ((Map<?, ?>) units.get("ForAnyValue:StringLike")).get("aws:ResourceOrgPaths");
        assertEquals(
                List.of("*/ou-ab12-11111111/*", "*/ou-ab12-22222222/*"),
                Cfn.listOf(Cfn.evaluate(paths, Map.of("OrganizationUnitIds", "ou-ab12-11111111,ou-ab12-22222222"))));
        assertEquals(
                Map.of("Fn::Equals", List.of(Map.of("Ref", "AllowedAccountIds"), "organization")),
                Cfn.section(template, "Conditions").get("OrganizationAccounts"));
    }

    @Test
    void organizationsMayBeReadOnlyInOrganizationMode() {
        for (Object raw : function.rawStatements()) {
            boolean organizations = Cfn.unwrap(List.of(raw)).stream()
                    .anyMatch(s -> strings(s.get("Action")).stream().anyMatch(a -> a.startsWith("organizations:")));
            if (organizations) {
                assertEquals("OrganizationAccounts", ifBranches(raw).get(0));
                assertEquals(Map.of("Ref", "AWS::NoValue"), ifBranches(raw).get(2));
            }
        }
        assertEquals(
                List.of(
                        "organizations:ListAccounts",
                        "organizations:ListAccountsForParent",
                        "organizations:ListChildren"),
                statement(function.statements(), "ReadOrganizationAccounts").get("Action"));
    }

    @Test
    void theRulesRefuseAnOrganizationWithoutItsIdAndUnitsWithoutTheOrganization() {
        Map<?, ?> rules = Cfn.section(template, "Rules");
        Map<?, ?> needsId = (Map<?, ?>) rules.get("OrganizationNeedsItsId");
        assertEquals(
                Map.of("Fn::Equals", List.of(Map.of("Ref", "AllowedAccountIds"), "organization")),
                needsId.get("RuleCondition"));
        assertEquals(
                Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "OrganizationId"), "")))),
                ((Map<?, ?>) ((List<?>) needsId.get("Assertions")).get(0)).get("Assert"));
        Map<?, ?> units = (Map<?, ?>) rules.get("OrganizationUnitsNeedTheOrganization");
        assertEquals(
                Map.of("Fn::Equals", List.of(Map.of("Ref", "AllowedAccountIds"), "organization")),
                ((Map<?, ?>) ((List<?>) units.get("Assertions")).get(0)).get("Assert"));
    }

    @Test
    void theRunTableIsOnDemandEncryptedAndExpiresOldRuns() {
        Map<String, Object> table = props(Cfn.resource(template, "RunTable"));
        assertEquals("PAY_PER_REQUEST", table.get("BillingMode"));
        assertEquals(Map.of("AttributeName", "expiresAt", "Enabled", true), table.get("TimeToLiveSpecification"));
        assertEquals(Map.of("SSEEnabled", true), table.get("SSESpecification"));
        assertEquals(Map.of("PointInTimeRecoveryEnabled", true), table.get("PointInTimeRecoverySpecification"));
        assertEquals(
                List.of(
                        Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                table.get("KeySchema"));
        // Items only: no scans, deletes or table changes, and only this table.
        Set<String> dynamodb = new HashSet<>();
        for (Map<String, Object> s : function.statements()) {
            List<String> actions = strings(s.get("Action")).stream()
                    .filter(a -> a.startsWith("dynamodb:"))
                    .toList();
            if (!actions.isEmpty()) {
                assertEquals("Allow", s.get("Effect"));
                assertEquals(Map.of("Fn::GetAtt", List.of("RunTable", "Arn")), s.get("Resource"));
                dynamodb.addAll(actions);
            }
        }
        assertEquals(
                Set.of(
                        "dynamodb:GetItem",
                        "dynamodb:BatchGetItem",
                        "dynamodb:Query",
                        "dynamodb:PutItem",
                        "dynamodb:UpdateItem",
                        "dynamodb:ConditionCheckItem"),
                dynamodb);
    }

    @Test
    void shardsGoThroughAFifoQueueOneAtATimeWithAFifoDeadLetterQueueAndItsAlarm() {
        Map<String, Object> queue = props(Cfn.resource(template, "ShardQueue"));
        assertEquals(true, queue.get("FifoQueue"));
        assertEquals(false, queue.get("ContentBasedDeduplication"), "the function sets MessageDeduplicationId");
        Map<?, ?> redrive = (Map<?, ?>) queue.get("RedrivePolicy");
        assertEquals(Map.of("Fn::GetAtt", List.of("ShardDeadLetterQueue", "Arn")), redrive.get("deadLetterTargetArn"));
        assertEquals(true, props(Cfn.resource(template, "ShardDeadLetterQueue")).get("FifoQueue"));
        Map<String, Object> alarm = props(Cfn.resource(template, "ShardDeadLetterQueueAlarm"));
        assertEquals(
                List.of(Map.of(
                        "Name",
                        "QueueName",
                        "Value",
                        Map.of("Fn::GetAtt", List.of("ShardDeadLetterQueue", "QueueName")))),
                alarm.get("Dimensions"));

        Map<String, Object> mapping = props(Cfn.resource(template, "ShardQueueEventSource"));
        assertEquals(1, mapping.get("BatchSize"));
        assertEquals(List.of("ReportBatchItemFailures"), mapping.get("FunctionResponseTypes"));
        assertEquals(Map.of("Ref", "RevokeFunctionAliaslive"), mapping.get("FunctionName"));
        assertEquals(
                Map.of("MaximumConcurrency", Map.of("Ref", "OrganizationConcurrency")), mapping.get("ScalingConfig"));

        // The function dispatches shards and sends deadline messages (delayed) to the standard request queue.
        assertEquals(
                Map.of("Fn::GetAtt", List.of("ShardQueue", "Arn")),
                statement(function.statements(), "DispatchShards").get("Resource"));
        assertEquals(
                Map.of("Fn::GetAtt", List.of("RequestQueue", "Arn")),
                statement(function.statements(), "HandOverToRequestQueue").get("Resource"));
        Map<String, Object> deny = statement(
                Cfn.statements(props(Cfn.resource(template, "ShardQueuePolicy")).get("PolicyDocument")),
                "OnlyTheFunction");
        assertEquals("Deny", deny.get("Effect"));
        assertEquals("*", deny.get("Principal"));
        assertEquals(
                Map.of(
                        "ArnNotEquals",
                        Map.of("aws:PrincipalArn", Map.of("Fn::GetAtt", List.of("RevokeFunctionRole", "Arn")))),
                deny.get("Condition"));
    }

    @Test
    void reservedConcurrencyCoversAlertsAndShardsAndThePacingKnowsItsShare() {
        Map<String, Object> maxConcurrency = Map.of("Ref", "MaxConcurrency");
        assertEquals(
                Map.of(
                        "Fn::Select",
                        List.of(
                                maxConcurrency,
                                Map.of(
                                        "Fn::FindInMap",
                                        List.of(
                                                "ConcurrencyTotals",
                                                Map.of("Ref", "OrganizationConcurrency"),
                                                "ByMaxConcurrency")))),
                function.properties().get("ReservedConcurrentExecutions"));
        Map<?, ?> totals = (Map<?, ?>) Cfn.section(template, "Mappings").get("ConcurrencyTotals");
        Map<?, ?> organization = Cfn.parameter(template, "OrganizationConcurrency");
        List<String> allowed = strings(organization.get("AllowedValues"));
        assertEquals(Set.copyOf(allowed), totals.keySet(), "a row for every OrganizationConcurrency value");
        assertTrue(allowed.contains(String.valueOf(organization.get("Default"))));
        Map<?, ?> mc = Cfn.parameter(template, "MaxConcurrency");
        int min = (Integer) mc.get("MinValue");
        int max = (Integer) mc.get("MaxValue");
        for (String m : allowed) {
            List<?> sums = (List<?>) ((Map<?, ?>) totals.get(m)).get("ByMaxConcurrency");
            assertNotNull(sums, m);
            for (int n = min; n <= max; n++) {
                assertEquals(n + Integer.parseInt(m), sums.get(n), "MaxConcurrency " + n + " + " + m);
            }
        }
        assertEquals(
                Map.of("MaximumConcurrency", maxConcurrency),
                props(Cfn.resource(template, "RequestQueueEventSource")).get("ScalingConfig"));
        assertEquals(maxConcurrency, function.env().get("MAX_CONCURRENCY"));
    }

    @Test
    void theDefaultBusAdmitsOnlyForwardedCloudTrailAndConfigEventsOfTheOrganization() {
        Map<String, Map<String, Object>> policies = Cfn.resourcesOfType(template, "AWS::Events::EventBusPolicy");
        Set<List<String>> admitted = new HashSet<>();
        for (Map<String, Object> resource : policies.values()) {
            assertEquals("AcceptForwardedAlerts", resource.get("Condition"));
            Map<String, Object> p = props(resource);
            assertEquals("default", p.get("EventBusName"));
            Map<?, ?> statement = (Map<?, ?>) p.get("Statement");
            assertEquals("Allow", statement.get("Effect"));
            assertEquals("events:PutEvents", statement.get("Action"));
            List<?> branches = ifBranches(statement.get("Condition"));
            assertEquals("OrganizationUnitsNamed", branches.get(0));
            Map<?, ?> equals = (Map<?, ?>) ((Map<?, ?>) branches.get(2)).get("StringEquals");
            assertEquals(Map.of("Ref", "OrganizationId"), equals.get("aws:PrincipalOrgID"));
            assertEquals(equals, ((Map<?, ?>) branches.get(1)).get("StringEquals"), "the OUs only narrow it");
            assertEquals(3, equals.size(), "organization, source and detail-type, nothing looser");
            String source = (String) equals.get("events:source");
            assertTrue(source.startsWith("aws."), "only AWS's own events, which nobody can forge: " + source);
            admitted.add(List.of(source, (String) equals.get("events:detail-type")));
        }
        assertEquals(
                Set.of(
                        List.of("aws.ec2", "AWS API Call via CloudTrail"),
                        List.of("aws.config", "Config Rules Compliance Change")),
                admitted);
        // What is admitted is what the function's rules on the default bus listen for.
        for (String rule : List.of("AuthorizeIngressCalls", "ConfigComplianceChanges")) {
            Map<?, ?> pattern = function.pattern(rule);
            assertTrue(admitted.contains(List.of(
                    strings(pattern.get("source")).get(0),
                    strings(pattern.get("detail-type")).get(0))));
        }
        assertEquals(
                Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "OrganizationId"), "")))),
                Cfn.section(template, "Conditions").get("AcceptForwardedAlerts"));
    }
}
