package dev.sgrevoker.intake.trigger;

import static dev.sgrevoker.intake.trigger.TriggerCasesTest.config;
import static dev.sgrevoker.intake.trigger.TriggerCasesTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each trigger says which account its group is in: null for our own, the member account otherwise. */
class MemberAccountTriggersTest {
    private static final String OWN = "123456789012";
    private static final String MEMBER = "222222222222";
    // The fixtures: a CloudFormation-invoked call and Security Hub's own Config rule, both acted on only when listed.
    private final TriggerConfig config = config(Map.of(
            "ALLOWED_ACCOUNT_IDS", MEMBER,
            "REVERT_SERVICE_CHANGES", "true",
            "CONFIG_RULE_NAMES", "securityhub-restricted-ssh-9412a869"));

    private static List<String> accounts(TriggerResult r) {
        assertFalse(r.requests().isEmpty(), r.toString());
        return r.requests().stream().map(q -> q.where().memberAccountId()).toList();
    }

    private static java.util.ArrayList<String> nulls(int n) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(null);
        }
        return out;
    }

    @Test
    void aSecurityHubFindingActsInTheAccountOfItsGroup() {
        ObjectNode event = (ObjectNode) fixture("securityhub-ec2-13-ssh.json");
        assertEquals(nulls(1), accounts(Triggers.normalise(event, config)), "our own account: null");
        ObjectNode finding = (ObjectNode) event.withArray("/detail/findings").get(0);
        finding.put("AwsAccountId", MEMBER);
        ObjectNode resource = (ObjectNode) finding.withArray("Resources").get(0);
        resource.put("Id", resource.get("Id").asText().replace(OWN, MEMBER));
        // The administrator account forwards it: the event's account is ours, the finding's is the member's.
        assertEquals(List.of(MEMBER), accounts(Triggers.normalise(event, config)));
    }

    @Test
    void aConfigChangeActsInTheAccountItNames() {
        ObjectNode event = (ObjectNode) fixture("config-restricted-ssh.json");
        assertEquals(nulls(1), accounts(Triggers.normalise(event, config)));
        ((ObjectNode) event.get("detail")).put("awsAccountId", MEMBER);
        assertEquals(List.of(MEMBER), accounts(Triggers.normalise(event, config)));
    }

    @Test
    void aCloudTrailCallIsRevertedInTheAccountThatRecordedIt() {
        ObjectNode event = (ObjectNode) fixture("cloudtrail-rule-set.json");
        int n = Triggers.normalise(event, config).requests().size();
        assertEquals(nulls(n), accounts(Triggers.normalise(event, config)));
        ((ObjectNode) event.get("detail")).put("recipientAccountId", MEMBER);
        event.put("account", MEMBER);
        assertEquals(
                List.of(MEMBER),
                accounts(Triggers.normalise(event, config)).stream().distinct().toList());
    }

    @Test
    void anEventBridgeRequestActsInTheAccountThatSentIt() {
        ObjectNode event = (ObjectNode) fixture("eventbridge-request-list.json");
        int n = Triggers.normalise(event, config).requests().size();
        assertEquals(nulls(n), accounts(Triggers.normalise(event, config)));
        event.put("account", MEMBER);
        assertEquals(
                List.of(MEMBER),
                accounts(Triggers.normalise(event, config)).stream().distinct().toList());
    }

    @Test
    void aDirectRequestActsInOurOwnAccount() throws Exception {
        var direct = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(
                        "{\"GroupId\":\"sg-0123456789abcdef0\",\"SecurityGroupRuleIds\":[\"sgr-0123456789abcdef0\"]}");
        assertEquals(nulls(1), accounts(Triggers.normalise(direct, config)));
    }
}
