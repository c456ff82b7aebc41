package dev.sgrevoker.handler;

import static dev.sgrevoker.testing.Ec2Fixture.cidr;
import static dev.sgrevoker.testing.FaultProxy.batchUpdateFindings;
import static dev.sgrevoker.testing.FaultProxy.securityHubJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sgrevoker.testing.FaultProxy;
import dev.sgrevoker.testing.MotoTestBase;
import dev.sgrevoker.testing.ResultAssertions;
import dev.sgrevoker.testing.StdoutCapture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The note on a finding, through the real handler and a real HTTP call: moto does not implement BatchUpdateFindings
 * (404), so Security Hub is a stand-in that records each call (FaultProxy); EC2 and EventBridge are moto's.
 */
class FindingUpdatesIT extends MotoTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FINDING_ID =
            "arn:aws:securityhub:us-east-1:123456789012:security-control/EC2.19/finding/it-0001";

    private FaultProxy proxy;
    private String web;
    private String ssh;
    private String rdp;

    @BeforeEach
    void seed() {
        proxy = FaultProxy.start(moto);
        proxy.standInForSecurityHub();
        web = ec2.group("web", ec2.newVpc());
        ec2.authorize(web, cidr("tcp", 22, 22, "0.0.0.0/0"), cidr("tcp", 3389, 3389, "0.0.0.0/0"));
        ssh = ec2.ingressRuleId(web, "0.0.0.0/0", 22);
        rdp = ec2.ingressRuleId(web, "0.0.0.0/0", 3389);
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    private String finding(String workflow) {
        return """
                {"version":"0","id":"e1","detail-type":"Security Hub Findings - Imported","source":"aws.securityhub",
                 "account":"123456789012","region":"us-east-1","time":"2026-12-07T12:00:00Z","resources":[],
                 "detail":{"findings":[{"Id":"%s","AwsAccountId":"123456789012","Region":"us-east-1",
                  "ProductArn":"arn:aws:securityhub:us-east-1::product/aws/securityhub",
                  "GeneratorId":"security-control/EC2.19","FirstObservedAt":"2026-12-07T11:00:00.000Z",
                  "Compliance":{"Status":"FAILED","SecurityControlId":"EC2.19"},
                  "Workflow":{"Status":"%s"},"RecordState":"ACTIVE",
                  "Resources":[{"Type":"AwsEc2SecurityGroup",
                   "Id":"arn:aws:ec2:us-east-1:123456789012:security-group/%s","Region":"us-east-1"}]}]}}
                """.formatted(FINDING_ID, workflow, web);
    }

    @Test
    void aRemediatedFindingIsResolvedWithANoteSignedAndSentAsBatchUpdateFindings() throws Exception {
        JsonNode r = run(finding("NEW"));

        ResultAssertions.assertOutcome(r, ssh, "REVOKED");
        ResultAssertions.assertOutcome(r, rdp, "REVOKED");
        assertTrue(r.at("/permissions/0/exposedSeconds").asLong() >= 3600, r.toString());
        List<LoggedRequest> calls = proxy.findingUpdates();
        assertEquals(1, calls.size());
        LoggedRequest call = calls.get(0);
        assertTrue(
                call.getHeader("Authorization").startsWith("AWS4-HMAC-SHA256 Credential=testing/")
                        && call.getHeader("Authorization").contains("/us-east-1/securityhub/aws4_request"),
                call.getHeader("Authorization"));
        JsonNode body = JSON.readTree(call.getBodyAsString());
        assertEquals(FINDING_ID, body.at("/FindingIdentifiers/0/Id").asText());
        assertEquals(
                "arn:aws:securityhub:us-east-1::product/aws/securityhub",
                body.at("/FindingIdentifiers/0/ProductArn").asText());
        assertEquals("sg-revoker", body.at("/Note/UpdatedBy").asText());
        assertEquals("RESOLVED", body.at("/Workflow/Status").asText());
        String note = body.at("/Note/Text").asText();
        assertTrue(note.startsWith("sg-revoker revoked 2 of 2 rules of " + web), note);
        assertTrue(note.contains("invocation " + r.get("invocationId").asText()), note);
        assertEquals(
                JSON.readTree(
                        "[{\"findingId\":\"" + FINDING_ID + "\",\"status\":\"UPDATED\",\"workflow\":\"RESOLVED\"}]"),
                r.get("findingUpdates"));
    }

    @Test
    void aPartlyRemediatedFindingIsNotifiedAndSaysWhatRemains() throws Exception {
        ec2.client()
                .createTags(t -> t.resources(rdp)
                        .tags(Tag.builder()
                                .key("sg-revoker:exempt")
                                .value("true")
                                .build()));

        JsonNode r = run(finding("NEW"));

        ResultAssertions.assertOutcome(r, ssh, "REVOKED");
        ResultAssertions.assertOutcome(r, rdp, "EXEMPT");
        JsonNode body = JSON.readTree(proxy.findingUpdates().get(0).getBodyAsString());
        assertEquals("NOTIFIED", body.at("/Workflow/Status").asText());
        assertTrue(
                body.at("/Note/Text").asText().contains("Remains: tcp 3389 from 0.0.0.0/0 (exempt)"), body.toString());
    }

    @Test
    void anImportedFindingAlreadyNotifiedIsNotActedOnSoOurOwnUpdateCannotLoop() {
        Map<String, String> before = ec2.snapshot(web);

        JsonNode r = run(finding("NOTIFIED"));

        assertEquals(1, r.at("/counts/SKIPPED").asInt(), r.toString());
        assertEquals(before, ec2.snapshot(web));
        assertEquals(List.of(), proxy.findingUpdates(), "not acted on, so not updated");
    }

    @Test
    void aFindingSecurityHubLeavesUnprocessedIsReportedAndCountedAndTheRevokeStands() throws Exception {
        proxy.stub(batchUpdateFindings().atPriority(1).willReturn(securityHubJson("""
                        {"ProcessedFindings":[],"UnprocessedFindings":[{"FindingIdentifier":{"Id":"%s",
                         "ProductArn":"arn:aws:securityhub:us-east-1::product/aws/securityhub"},
                         "ErrorCode":"FindingNotFound","ErrorMessage":"no such finding"}]}""".formatted(FINDING_ID))));
        Map<String, String> before = ec2.snapshot(web);
        JsonNode[] response = new JsonNode[1];

        String stdout = StdoutCapture.during(() -> response[0] = run(finding("NEW")));

        JsonNode update = response[0].at("/findingUpdates/0");
        assertEquals("FAILED", update.get("status").asText());
        assertTrue(
                update.get("reason").asText().startsWith("UnprocessedFindings: FindingNotFound: no such finding"),
                update.toString());
        assertEquals(3, proxy.findingUpdates().size(), "tried three times");
        assertTrue(stdout.contains("\"FindingUpdatesFailed\":1"), stdout);
        assertOnlyRemoved(web, before, ssh, rdp);
    }
}
