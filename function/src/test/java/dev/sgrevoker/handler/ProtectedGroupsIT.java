package dev.sgrevoker.handler;

import static dev.sgrevoker.testing.Ec2Fixture.cidr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.testing.Lambda;
import dev.sgrevoker.testing.MotoTestBase;
import dev.sgrevoker.testing.ResultAssertions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Protected groups through the real handler and SDK: the tag as EC2 (moto) describes it, and PROTECTED_GROUP_IDS,
 * stop every trigger, explicit rule ids included; an unprotected group in the same request is still revoked.
 */
class ProtectedGroupsIT extends MotoTestBase {
    private String vault;
    private String listed;
    private String web;
    private Map<String, String> vaultBefore;
    private Map<String, String> listedBefore;

    @BeforeEach
    void groups() {
        String vpc = ec2.newVpc();
        vault = ec2.group("vault", vpc);
        ec2.client()
                .createTags(r -> r.resources(vault)
                        .tags(Tag.builder()
                                .key("sg-revoker:protected")
                                .value("true")
                                .build()));
        listed = ec2.group("listed", vpc);
        web = ec2.group("web", vpc);
        for (String g : List.of(vault, listed, web)) {
            ec2.authorize(g, cidr("tcp", 22, 22, "0.0.0.0/0"), cidr("tcp", 3389, 3389, "0.0.0.0/0"));
        }
        vaultBefore = ec2.snapshot(vault);
        listedBefore = ec2.snapshot(listed);
    }

    private JsonNode protectedRun(String payload) {
        Lambda.Invocation inv = Lambda.invoke(
                RevokeHandler.builder()
                        .environment(Map.of("PROTECTED_GROUP_IDS", listed))
                        .build(),
                payload);
        ResultAssertions.checkResponse(inv);
        ResultAssertions.checkEvent(events.await(1).get(0), inv.response());
        return inv.response();
    }

    @Test
    void explicitRuleIdsOfProtectedGroupsAreSkippedAndTheOthersRevoked() {
        String vaultSsh = ec2.ingressRuleId(vault, "0.0.0.0/0", 22);
        String listedSsh = ec2.ingressRuleId(listed, "0.0.0.0/0", 22);
        String webSsh = ec2.ingressRuleId(web, "0.0.0.0/0", 22);
        Map<String, String> webBefore = ec2.snapshot(web);

        JsonNode r = protectedRun("""
                {"requests": [{"GroupId": "%s", "SecurityGroupRuleIds": ["%s"]},
                              {"GroupId": "%s", "SecurityGroupRuleIds": ["%s"]},
                              {"GroupId": "%s", "SecurityGroupRuleIds": ["%s"]}]}""".formatted(vault, vaultSsh, listed, listedSsh, web, webSsh));

        JsonNode v = ResultAssertions.entry(r, vaultSsh);
        assertEquals("SKIPPED", v.path("outcome").asText(), r.toString());
        assertEquals("Protected", v.path("errorCode").asText());
        assertTrue(v.path("reason").asText().contains("sg-revoker:protected=true"), v.toString());
        assertEquals(22, v.path("permission").path("FromPort").asInt(), "named with the rule it is: " + v);
        JsonNode l = ResultAssertions.entry(r, listedSsh);
        assertEquals("Protected", l.path("errorCode").asText());
        assertTrue(l.path("reason").asText().contains("PROTECTED_GROUP_IDS"), l.toString());
        ResultAssertions.assertOutcome(r, webSsh, "REVOKED");
        assertEquals(vaultBefore, ec2.snapshot(vault));
        assertEquals(listedBefore, ec2.snapshot(listed));
        assertOnlyRemoved(web, webBefore, webSsh);
    }

    @Test
    void anAlertOnAProtectedGroupIsSkipped() {
        JsonNode r = protectedRun("""
                {"version":"0","id":"f","detail-type":"Security Hub Findings - Imported","source":"aws.securityhub",
                 "account":"123456789012","region":"us-east-1","time":"2026-11-29T03:00:00Z","resources":[],
                 "detail":{"findings":[{"Id":"finding-vault","AwsAccountId":"123456789012","Region":"us-east-1",
                  "ProductArn":"arn:aws:securityhub:us-east-1::product/aws/securityhub",
                  "GeneratorId":"security-control/EC2.19","Compliance":{"Status":"FAILED","SecurityControlId":"EC2.19"},
                  "Workflow":{"Status":"NEW"},"RecordState":"ACTIVE",
                  "Resources":[{"Type":"AwsEc2SecurityGroup","Region":"us-east-1",
                   "Id":"arn:aws:ec2:us-east-1:123456789012:security-group/%s"}]}]}}""".formatted(vault));
        assertEquals(1, r.path("counts").path("SKIPPED").asInt(), r.toString());
        assertEquals(
                "Protected",
                ResultAssertions.entries(r).get(0).path("errorCode").asText());
        assertEquals(vaultBefore, ec2.snapshot(vault));
    }
}
