package dev.sgrevoker.deploy;

import static dev.sgrevoker.deploy.Cfn.ifBranches;
import static dev.sgrevoker.deploy.Cfn.props;
import static dev.sgrevoker.deploy.Cfn.statement;
import static dev.sgrevoker.deploy.Cfn.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sgrevoker.aws.EventBridgeResultPublisher;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** template.yaml for issue 16: findings updated within bounds, no loop, people told in words. */
class PeopleInTheLoopTemplateTest {
    private static final String UPDATE = "securityhub:BatchUpdateFindings";
    private static final String PATH = "securityhub:ASFFSyntaxPath/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Map<String, Object> template;
    private TemplateGuardsTest.FunctionOf function;

    @BeforeEach
    void read() throws Exception {
        template = CfnYaml.template("template.yaml");
        function = new TemplateGuardsTest.FunctionOf(template);
    }

    @Test
    void findingsMayGetOnlyANoteAndResolvedOrNotifiedAndOnlyWithUpdateFindings() {
        List<?> branches = ifBranches(Cfn.rawStatement(function.rawStatements(), "NoteAndResolveFindings"));
        assertEquals("UpdateFindingsEnabled", branches.get(0));
        assertEquals(Map.of("Ref", "AWS::NoValue"), branches.get(2));
        Map<?, ?> allow = (Map<?, ?>) branches.get(1);
        assertEquals(UPDATE, allow.get("Action"));
        assertEquals(
                Map.of("Fn::Sub", "arn:${AWS::Partition}:securityhub:${AWS::Region}:${AWS::AccountId}:hub/default"),
                allow.get("Resource"));
        Map<?, ?> condition = (Map<?, ?>) allow.get("Condition");
        assertEquals(
                Map.of(PATH + "Workflow.Status", List.of("RESOLVED", "NOTIFIED")),
                condition.get("StringEqualsIfExists"));
        // Every other field a customer may update must be absent (Null = true): no severity, types, fields...
        Map<?, ?> absent = (Map<?, ?>) condition.get("Null");
        for (String field : List.of(
                "Confidence",
                "Criticality",
                "RelatedFindings",
                "Severity.Label",
                "Severity.Normalized",
                "Severity.Product",
                "Types",
                "UserDefinedFields",
                "UserDefinedFields.key",
                "UserDefinedFields.value",
                "VerificationState")) {
            assertEquals("true", absent.get(PATH + field), field);
        }
        assertFalse(absent.containsKey(PATH + "Note.Text"), "the note is what it writes");
        long granted = function.statements().stream()
                .filter(s -> "Allow".equals(s.get("Effect"))
                        && strings(s.get("Action")).contains(UPDATE))
                .count();
        assertEquals(1, granted);
        assertEquals("true", Cfn.parameter(template, "UpdateFindings").get("Default"));
        assertEquals(Map.of("Ref", "UpdateFindings"), function.env().get("UPDATE_FINDINGS"));
    }

    @Test
    void aFindingIsNeverSuppressedNorMadeNewAgainWhateverElseTheRoleIsGiven() {
        Object raw = Cfn.rawStatement(function.rawStatements(), "DenyFindingWorkflowsThatHideOrLoop");
        assertFalse(Cfn.isIf(raw), "unconditional");
        Map<?, ?> deny = (Map<?, ?>) raw;
        assertEquals("Deny", deny.get("Effect"));
        assertEquals(UPDATE, deny.get("Action"));
        assertEquals("*", deny.get("Resource"));
        assertEquals(
                Map.of("StringEquals", Map.of(PATH + "Workflow.Status", List.of("SUPPRESSED", "NEW"))),
                deny.get("Condition"));
    }

    @Test
    void importedFindingsAreActedOnOnlyWhileNewButCustomActionsWhateverTheirWorkflow() {
        Map<?, ?> imported = function.pattern("SecurityHubFindings");
        assertEquals(List.of("Security Hub Findings - Imported"), imported.get("detail-type"));
        Map<?, ?> findings = (Map<?, ?>) ((Map<?, ?>) imported.get("detail")).get("findings");
        assertEquals(Map.of("Status", List.of("NEW")), findings.get("Workflow"));
        assertEquals(Map.of("Type", List.of("AwsEc2SecurityGroup")), findings.get("Resources"));

        Map<?, ?> custom = function.pattern("SecurityHubCustomActions");
        assertEquals(List.of("Security Hub Findings - Custom Action"), custom.get("detail-type"));
        Map<?, ?> asked = (Map<?, ?>) ((Map<?, ?>) custom.get("detail")).get("findings");
        assertFalse(asked.containsKey("Workflow"), "a person asked");
        assertEquals(Map.of("Type", List.of("AwsEc2SecurityGroup")), asked.get("Resources"));
        assertEquals(List.of("aws.securityhub"), custom.get("source"));
        assertEquals(List.of("aws.securityhub"), imported.get("source"));
    }

    @Test
    void theTopicsKeyLetsEventBridgeAndAlarmsPublishToThatTopicOnly() {
        Map<String, Object> key = props(Cfn.resource(template, "NotificationKey"));
        assertEquals(true, key.get("EnableKeyRotation"));
        Map<String, Object> publish =
                statement(Cfn.statements(key.get("KeyPolicy")), "EventBridgeAndAlarmsPublishToTheTopic");
        assertEquals(
                Map.of("Service", List.of("events.amazonaws.com", "cloudwatch.amazonaws.com")),
                publish.get("Principal"));
        assertEquals(List.of("kms:GenerateDataKey*", "kms:Decrypt"), publish.get("Action"));
        Map<String, String> stack = Map.of(
                "AWS::Partition", "aws",
                "AWS::Region", "us-east-1",
                "AWS::AccountId", "123456789012",
                "AWS::StackName", "sg-revoker");
        Object context = ((Map<?, ?>) ((Map<?, ?>) publish.get("Condition")).get("StringEquals"))
                .get("kms:EncryptionContext:aws:sns:topicArn");
        Map<String, Object> topic = props(Cfn.resource(template, "NotificationTopic"));
        assertEquals(
                "arn:aws:sns:us-east-1:123456789012:" + Cfn.evaluate(topic.get("TopicName"), stack),
                Cfn.evaluate(context, stack));
        assertEquals(Map.of("Ref", "NotificationKey"), topic.get("KmsMasterKeyId"), "its own key, not aws/sns");
        assertEquals(
                List.of(Map.of("Protocol", "email", "Endpoint", Map.of("Ref", "NotificationEmail"))),
                topic.get("Subscription"));
    }

    @Test
    void onlyThisStacksNotificationRuleAndThisAccountsAlarmsMayPublishToTheTopic() {
        List<Map<String, Object>> statements = Cfn.statements(
                props(Cfn.resource(template, "NotificationTopicPolicy")).get("PolicyDocument"));
        assertEquals(
                Map.of(
                        "ArnEquals",
                        Map.of("aws:SourceArn", Map.of("Fn::GetAtt", List.of("ResultNotifications", "Arn")))),
                statement(statements, "ThisStacksNotificationRule").get("Condition"));
        assertEquals(
                Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))),
                statement(statements, "ThisAccountsAlarms").get("Condition"));
        Map<String, Object> nobody = statement(statements, "NobodyElsePublishes");
        assertEquals("Deny", nobody.get("Effect"));
        assertEquals(Map.of("Bool", Map.of("aws:PrincipalIsAWSService", "false")), nobody.get("Condition"));
        assertEquals(
                Map.of("Bool", Map.of("aws:SecureTransport", "false")),
                statement(statements, "TlsOnly").get("Condition"));
    }

    @Test
    void peopleAreToldOfFirstPartsAndRunsThatNeedThemUnlessNotifyOnIsAll() throws Exception {
        for (String rule : List.of("ResultNotifications", "ChatbotNotifications")) {
            Map<?, ?> pattern = (Map<?, ?>) props(Cfn.resource(template, rule)).get("EventPattern");
            assertEquals(List.of(EventBridgeResultPublisher.SOURCE), pattern.get("source"));
            assertTrue(strings(pattern.get("detail-type")).contains(EventBridgeResultPublisher.DETAIL_TYPE));
            assertTrue(strings(pattern.get("detail-type")).contains("Security Group Sweep Run Completed"));
            List<?> branches = ifBranches(pattern.get("detail"));
            assertEquals("NotifyOnAll", branches.get(0));
            Object firstPartOrARun =
                    List.of(Map.of("part", List.of(1)), Map.of("part", List.of(Map.of("exists", false))));
            assertEquals(Map.of("$or", firstPartOrARun), branches.get(1));
            assertEquals(Map.of("attention", List.of("changes"), "$or", firstPartOrARun), branches.get(2));
        }
        assertEquals("changes", Cfn.parameter(template, "NotifyOn").get("Default"));

        Map<?, ?> email = target("ResultNotifications");
        Map<?, ?> text = (Map<?, ?>) email.get("InputTransformer");
        assertEquals(Map.of("summary", "$.detail.summary"), text.get("InputPathsMap"));
        assertEquals("\"<summary>\"", text.get("InputTemplate"), "the summary as text");
    }

    @Test
    void chatbotGetsItsCustomNotificationWithTheValuesEscapedByEventBridge() throws Exception {
        Map<?, ?> transformer = (Map<?, ?>) target("ChatbotNotifications").get("InputTransformer");
        assertEquals(
                Map.of("title", "$.detail.summaryTitle", "description", "$.detail.summary"),
                transformer.get("InputPathsMap"));
        // Bare placeholders take the values as JSON: a summary with quotes and lines cannot break the message.
        String title = "Revoked 1 rule in sg-0abc \"web\"";
        String summary = "Revoked 1 of 1 rule\n  tcp 22 from 0.0.0.0/0 \\ \"x\"\nUndo: aws ec2 ...";
        String message = ((String) transformer.get("InputTemplate"))
                .replace("<title>", JSON.writeValueAsString(title))
                .replace("<description>", JSON.writeValueAsString(summary));
        JsonNode chatbot = JSON.readTree(message);
        assertEquals("1.0", chatbot.path("version").asText());
        assertEquals("custom", chatbot.path("source").asText());
        assertEquals(title, chatbot.path("content").path("title").asText());
        assertEquals(summary, chatbot.path("content").path("description").asText());
        assertEquals(
                Map.of("Ref", "ChatbotTopicArn"), target("ChatbotNotifications").get("Arn"));
        assertEquals(
                Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "ChatbotTopicArn"), "")))),
                Cfn.section(template, "Conditions").get("NotifyChatbot"));
    }

    @Test
    void theFindingUpdatesAlarmAndEveryAlarmNotifyTheSameWay() {
        Map<String, Object> alarm = props(Cfn.resource(template, "FindingUpdatesFailedAlarm"));
        assertEquals("sg-revoker", alarm.get("Namespace"));
        assertEquals("FindingUpdatesFailed", alarm.get("MetricName"));
        assertEquals(0, alarm.get("Threshold"));
        assertEquals("GreaterThanThreshold", alarm.get("ComparisonOperator"));
        Object notify = alarm.get("AlarmActions");
        List<?> branches = ifBranches(notify);
        assertEquals("NotifyAlarmTopic", branches.get(0));
        assertEquals(List.of(Map.of("Ref", "AlarmTopicArn")), branches.get(1));
        assertEquals(
                "AlarmsNotifyNotificationTopic", ifBranches(branches.get(2)).get(0));
        Cfn.resourcesOfType(template, "AWS::CloudWatch::Alarm").forEach((name, a) -> {
            assertEquals(notify, props(a).get("AlarmActions"), name);
            assertEquals(notify, props(a).get("OKActions"), name);
        });
        assertTrue(Cfn.resourcesOfType(template, "AWS::CloudWatch::Alarm")
                .keySet()
                .containsAll(Set.of("ShardDeadLetterQueueAlarm", "ReportsFailedAlarm")));
    }

    private Map<?, ?> target(String rule) {
        List<?> targets = (List<?>) props(Cfn.resource(template, rule)).get("Targets");
        assertEquals(1, targets.size());
        return (Map<?, ?>) targets.get(0);
    }
}
