package dev.sgrevoker.intake.trigger;

import static dev.sgrevoker.intake.trigger.TriggerCasesTest.config;
import static dev.sgrevoker.intake.trigger.TriggerCasesTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.Scalars;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.Selection;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.policy.Controls.Control;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Variants made by editing a fixture: other accounts and regions, older control spellings, reasons, names. */
class TriggerSpotChecksTest {
    private final TriggerConfig config = config(Map.of());

    private static ObjectNode finding(ObjectNode event) {
        return (ObjectNode) event.withArray("/detail/findings").get(0);
    }

    private static Requested.BySelection onlySelection(TriggerResult r) {
        assertEquals(1, r.requests().size(), r.toString());
        return (Requested.BySelection) r.requests().get(0).items().get(0);
    }

    @Test
    void aFindingForAnotherAccountIsSkippedUnlessAllowed() {
        ObjectNode event = (ObjectNode) fixture("securityhub-ec2-13-ssh.json");
        ObjectNode resource = (ObjectNode) finding(event).withArray("Resources").get(0);
        resource.put("Id", resource.get("Id").asText().replace("123456789012", "210987654321"));
        TriggerResult skipped = Triggers.normalise(event, config);
        assertTrue(skipped.skips().get(0).reason().contains("account 210987654321"), skipped.toString());
        assertEquals(
                1,
                Triggers.normalise(event, config(Map.of("ALLOWED_ACCOUNT_IDS", "210987654321")))
                        .requests()
                        .size());
    }

    @Test
    void aFindingInAnotherRegionIsSkipped() {
        ObjectNode event = (ObjectNode) fixture("securityhub-ec2-14-rdp-arn-only.json");
        ObjectNode resource = (ObjectNode) finding(event).withArray("Resources").get(0);
        resource.put("Id", resource.get("Id").asText().replace("us-east-1", "eu-west-1"));
        assertTrue(Triggers.normalise(event, config).skips().get(0).reason().contains("region eu-west-1"));
    }

    @Test
    void cloudTrailAndConfigInAnotherRegionAreSkipped() {
        ObjectNode trail = (ObjectNode) fixture("cloudtrail-rule-set.json");
        ((ObjectNode) trail.get("detail")).put("awsRegion", "eu-west-1");
        assertTrue(Triggers.normalise(trail, config).skips().get(0).reason().contains("region eu-west-1"));
        ObjectNode rule = (ObjectNode) fixture("config-restricted-common-ports.json");
        ((ObjectNode) rule.get("detail")).put("awsRegion", "eu-west-1");
        assertTrue(Triggers.normalise(rule, config).skips().get(0).reason().contains("region eu-west-1"));
    }

    @Test
    void theReasonNamesControlFindingAndCustomAction() {
        TriggerConfig actions = config(Map.of(
                "SECURITYHUB_ACTION_TARGETS",
                "arn:aws:securityhub:us-east-1:123456789012:action/custom/RevokeOpenIngress"));
        String why = onlySelection(Triggers.normalise(fixture("securityhub-custom-action.json"), actions))
                .why();
        assertTrue(
                why.startsWith("Security Hub EC2.13: port 22 (SSH) open to the world (finding arn:aws:securityhub:"),
                why);
        assertTrue(why.endsWith(", sent by custom action 'RevokeOpenIngress')"), why);
        TriggerConfig listed = config(Map.of("CONFIG_RULE_NAMES", "securityhub-restricted-ssh-9412a869"));
        String config = onlySelection(Triggers.normalise(fixture("config-restricted-ssh.json"), listed))
                .why();
        assertEquals(
                "AWS Config rule 'securityhub-restricted-ssh-9412a869' (EC2.13): port 22 (SSH) open to the world",
                config);
    }

    @ParameterizedTest
    @CsvSource({
        "'', 4.1, '', EC2.13",
        "'', 4.2, arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0, EC2.14",
        "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/4.3, '', '', EC2.2",
        "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.4.0/rule/5.3, '', '', EC2.2",
        "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/3.0.0/rule/5.2, '', '', CIS 3.0.0 5.2",
        "'', 5.2, arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.4.0, CIS 1.4.0 5.2",
        "aws-foundational-security-best-practices/v/1.0.0/EC2.19, '', '', EC2.19",
        "security-control/EC2.18, '', '', EC2.18"
    })
    void olderFindingsNameTheirControlElsewhere(String generatorId, String ruleId, String guideArn, String control) {
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        if (!generatorId.isEmpty()) {
            f.put("GeneratorId", generatorId);
        }
        ObjectNode fields = f.putObject("ProductFields");
        if (!ruleId.isEmpty()) {
            fields.put("RuleId", ruleId);
        }
        if (!guideArn.isEmpty()) {
            fields.put("StandardsGuideArn", guideArn);
        }
        assertEquals(Optional.of(control), FindingControl.of(new EventJson(f, FieldPath.root()), FieldPath.root()));
    }

    @Test
    void anUnknownCisRuleIsSkippedNotGuessed() {
        ObjectNode event = (ObjectNode) fixture("securityhub-cis-4.1.json");
        finding(event)
                .put("GeneratorId", "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/4.4");
        ((ObjectNode) finding(event).get("ProductFields")).put("RuleId", "4.4");
        Skip skip = Triggers.normalise(event, config).skips().get(0);
        assertTrue(skip.reason().startsWith("control CIS 1.2.0 4.4 is not one this function acts on"), skip.reason());
        assertEquals("sg-7ae591cbef2c03465", skip.groupId());
    }

    @Test
    void ec218ParametersMayBeOneCommaSeparatedString() {
        ObjectNode event = (ObjectNode) fixture("securityhub-ec2-18-parameters.json");
        ArrayNode params = ((ObjectNode) finding(event).get("Compliance")).putArray("SecurityControlParameters");
        params.addObject().put("Name", "authorizedTcpPorts").put("Value", "22, 1024-2048");
        Selection.OpenToWorldExcept s = (Selection.OpenToWorldExcept)
                onlySelection(Triggers.normalise(event, config)).selection();
        assertEquals(List.of(new PortRange(22, 22), new PortRange(1024, 2048)), s.authorizedTcp());
        assertEquals(List.of(), s.authorizedUdp());
    }

    @ParameterizedTest
    @CsvSource({
        "restricted-ssh, EC2.13",
        "securityhub-restricted-ssh-9412a869, EC2.13",
        "Restricted-SSH, EC2.13",
        "org-restricted-ssh, EC2.13",
        "vpc-sg-open-only-to-authorized-ports, EC2.18",
        "securityhub-vpc-sg-open-only-to-authorized-ports-0a1b, EC2.18",
        "vpc-default-security-group-closed, EC2.2",
        "restricted-common-ports, restricted-common-ports",
        "securityhub-vpc-sg-restricted-common-ports-5f0e, EC2.19",
        "unrestricted-ssh, none",
        "restricted-sshd, none",
        "required-tags, none",
        "restricted-ssh2-audit, none"
    })
    void configRulesAreMatchedOnWholeWords(String rule, String control) {
        assertEquals(
                control,
                AlertToControl.ofConfigRule(rule, config).map(Control::id).orElse("none"));
    }

    @ParameterizedTest
    @CsvSource({
        "restricted-ssh, '', true",
        "vpc-default-security-group-closed, '', true",
        "team-x-restricted-ssh-anything, '', false",
        "Restricted-SSH, '', false",
        "restricted-ssh-2, '', false",
        "securityhub-restricted-ssh-9412a869, '', false",
        "team-x-restricted-ssh-anything, team-x-restricted-ssh-anything, true",
        "restricted-ssh, team-x-restricted-ssh-anything, false"
    })
    void configRulesAreActedOnOnlyByTheirExactListedName(String rule, String listed, boolean acted) {
        ObjectNode event = (ObjectNode) fixture("config-restricted-common-ports.json");
        ((ObjectNode) event.get("detail")).put("configRuleName", rule);
        ((ObjectNode) event.at("/detail/newEvaluationResult/evaluationResultIdentifier/evaluationResultQualifier"))
                .put("configRuleName", rule);
        TriggerConfig c = listed.isEmpty() ? config : config(Map.of("CONFIG_RULE_NAMES", listed));
        TriggerResult r = Triggers.normalise(event, c);
        assertEquals(acted, !r.requests().isEmpty(), r.toString());
        if (!acted) {
            assertTrue(r.skips().get(0).reason().contains("not listed in CONFIG_RULE_NAMES"), r.toString());
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "invokedBy|eks.amazonaws.com|invokedBy eks.amazonaws.com",
                "invokedBy|AWS Internal|invokedBy AWS Internal",
                "type|AWSService|userIdentity.type AWSService",
                "arn|arn:aws:sts::123456789012:assumed-role/AWSServiceRoleForAmazonEKS/eks-session|the service-linked role",
                "arn|arn:aws:iam::123456789012:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS|the service-linked role"
            })
    void callsMadeByAwsServicesAreSkippedUnlessConfigured(String member, String value, String shown) {
        ObjectNode event = (ObjectNode) fixture("cloudtrail-ip-permissions.json");
        ((ObjectNode) event.at("/detail/userIdentity")).put(member, value);
        Skip skip = Triggers.normalise(event, config).skips().get(0);
        assertTrue(skip.reason().contains("made by an AWS service (" + shown), skip.reason());
        TriggerResult reverted = Triggers.normalise(event, config(Map.of("REVERT_SERVICE_CHANGES", "true")));
        assertEquals(4, reverted.requests().get(0).items().size(), reverted.toString());
    }

    @Test
    void aCallByAPersonIsReverted() {
        assertEquals(
                1,
                Triggers.normalise(fixture("cloudtrail-ip-permissions.json"), config)
                        .requests()
                        .size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "80-", "65536", "443-80", "1-2-3"})
    void malformedPortListsAreRefused(String value) {
        assertThrows(
                InvalidRequestException.class,
                () -> Scalars.portList(List.of(value), FieldPath.of("AUTHORIZED_TCP_PORTS")));
    }

    @Test
    void directPayloadsOfEveryShapeAreDirect() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        for (JsonNode payload : List.of(
                json.arrayNode(),
                json.objectNode(),
                json.textNode("x"),
                json.objectNode().put("GroupId", "sg-12345678"),
                fixture("schedule-input.json"))) {
            assertEquals(TriggerFamily.DIRECT, TriggerShape.detect(payload).family(), payload.toString());
        }
        assertEquals(new Envelope.Direct(null, FieldPath.root()), TriggerShape.detect(null));
    }

    @Test
    void aDetailAloneMarksAnEnvelopeSoItIsNotReadAsADirectRequest() {
        ObjectNode half = JsonNodeFactory.instance.objectNode();
        half.putObject("detail").put("GroupId", "sg-12345678");
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> TriggerShape.detect(half));
        assertEquals("version", e.field());
        assertTrue(e.reason().contains(TriggerFamily.ACCEPTED));
    }

    @Test
    void emptyOrNonListRecordsAreRejected() {
        ObjectNode empty = JsonNodeFactory.instance.objectNode();
        empty.putArray("Records");
        assertEquals(
                "Records",
                assertThrows(InvalidRequestException.class, () -> TriggerShape.detect(empty))
                        .field());
        ObjectNode text = JsonNodeFactory.instance.objectNode().put("Records", "x");
        assertEquals(
                "Records",
                assertThrows(InvalidRequestException.class, () -> TriggerShape.detect(text))
                        .field());
    }

    @Test
    void findingsMustBeThere() {
        ObjectNode event = (ObjectNode) fixture("securityhub-ec2-13-ssh.json");
        ((ObjectNode) event.get("detail")).putArray("findings");
        assertEquals(
                "detail.findings",
                assertThrows(InvalidRequestException.class, () -> Triggers.normalise(event, config))
                        .field());
    }
}
