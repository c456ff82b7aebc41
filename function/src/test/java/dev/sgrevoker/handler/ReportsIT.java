package dev.sgrevoker.handler;

import static dev.sgrevoker.testing.Ec2Fixture.cidr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sgrevoker.config.FunctionConfig;
import dev.sgrevoker.testing.Lambda;
import dev.sgrevoker.testing.LocalContext;
import dev.sgrevoker.testing.MotoTestBase;
import dev.sgrevoker.testing.ResultAssertions;
import dev.sgrevoker.testing.StdoutCapture;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reports in moto's S3 through the real handler: a report-only sweep writes its plan and report under its run,
 * account and region, each entry says what uses its group; a bucket that refuses never fails the revoke.
 */
class ReportsIT extends MotoTestBase {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String BUCKET = "sg-revoker-reports";
    String vpc;
    String web;
    String idle;
    String webSsh;
    String idleSsh;
    S3Client s3;

    @BeforeEach
    void seed() {
        vpc = ec2.newVpc();
        web = ec2.group("web", vpc);
        idle = ec2.group("idle", vpc);
        ec2.authorize(web, cidr("tcp", 22, 22, "0.0.0.0/0"));
        ec2.authorize(idle, cidr("tcp", 22, 22, "0.0.0.0/0"));
        webSsh = ec2.ingressRuleId(web, "0.0.0.0/0", 22);
        idleSsh = ec2.ingressRuleId(idle, "0.0.0.0/0", 22);
        String subnet = ec2.client()
                .createSubnet(r -> r.vpcId(vpc).cidrBlock("10.20.1.0/24"))
                .subnet()
                .subnetId();
        ec2.client().createNetworkInterface(r -> r.subnetId(subnet).groups(web).description("web <i>nic</i>"));
        s3 = S3Client.builder()
                .endpointOverride(URI.create(moto.url()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        s3.createBucket(r -> r.bucket(BUCKET));
    }

    Map<String, String> env(String bucket) {
        // The endpoint setting tells the function it is off AWS, where buckets are addressed by path.
        return Map.of(FunctionConfig.REPORT_BUCKET, bucket, FunctionConfig.AWS_ENDPOINT_URL_S3, moto.url());
    }

    String sweep(boolean enforce) {
        return "{\"sweep\": {\"controls\": [\"EC2.13\"], \"scope\": {\"vpcIds\": [\"" + vpc + "\"]}, \"enforce\": "
                + enforce + "}}";
    }

    JsonNode run(Map<String, String> env, String payload) {
        Lambda.Invocation inv =
                Lambda.invoke(RevokeHandler.builder().environment(env).build(), payload, LocalContext.forTest());
        ResultAssertions.checkResponse(inv);
        ResultAssertions.checkEvent(events.await(1).get(0), inv.response());
        return inv.response();
    }

    String object(String key) {
        return s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asUtf8String();
    }

    @Test
    void aReportOnlySweepWritesItsPlanAndReportAndSaysWhatUsesEachGroup() throws Exception {
        JsonNode r = run(env(BUCKET), sweep(false));

        JsonNode report = r.get("report");
        assertEquals(BUCKET, report.get("bucket").asText(), r.toString());
        List<String> keys = new ArrayList<>();
        report.get("keys").forEach(k -> keys.add(k.asText()));
        assertEquals(4, keys.size(), keys.toString());
        String prefix = report.get("prefix").asText();
        assertTrue(prefix.startsWith("reports/") && prefix.endsWith("/us-east-1/"), prefix);
        assertEquals(
                prefix.substring("reports/".length(), prefix.length() - 1),
                r.get("planId").asText());

        JsonNode plan = MAPPER.readTree(object(prefix + "plan.json")).get("apply");
        List<String> planned = new ArrayList<>();
        plan.get("rules").forEach(l -> planned.add(l.get("ruleId").asText()));
        assertEquals(
                List.of(webSsh, idleSsh),
                planned.stream().sorted((a, b) -> a.equals(webSsh) ? -1 : 1).toList());
        JsonNode stored = MAPPER.readTree(object(prefix + "result.json"));
        assertEquals(r.get("permissions"), stored.get("permissions"), "result.json is the whole result");
        assertTrue(object(prefix + "rules.csv").contains(webSsh));
        String page = object(prefix + "report.html");
        assertTrue(page.contains("web &lt;i&gt;nic&lt;/i&gt;"), "the interface's description, as text");
        assertFalse(page.contains("<i>nic</i>"));

        assertEquals(
                1, ResultAssertions.entry(r, webSsh).get("interfacesUsingGroup").asInt(), r.toString());
        assertEquals(
                "web <i>nic</i>",
                ResultAssertions.entry(r, webSsh)
                        .at("/interfaceExamples/0/description")
                        .asText());
        assertEquals(
                0,
                ResultAssertions.entry(r, idleSsh).get("interfacesUsingGroup").asInt());
    }

    @Test
    void aBucketThatRefusesNeverFailsTheRevokeAndIsNamedCountedAndLogged() {
        Map<String, String> before = ec2.snapshot(web);
        LocalContext context = LocalContext.forTest();
        JsonNode[] response = new JsonNode[1];
        String metrics = StdoutCapture.during(() -> {
            Lambda.Invocation inv = Lambda.invoke(
                    RevokeHandler.builder().environment(env("no-such-bucket")).build(), sweep(true), context);
            ResultAssertions.checkResponse(inv);
            response[0] = inv.response();
        });
        JsonNode r = response[0];

        assertEquals(2, r.at("/counts/REVOKED").asInt(), r.toString());
        assertOnlyRemoved(web, before, webSsh);
        JsonNode report = r.get("report");
        assertEquals(0, report.get("keys").size(), r.toString());
        assertEquals(3, report.get("notWritten").size(), "rules.csv, report.html, result.json: " + report);
        assertTrue(report.at("/notWritten/0/reason").asText().contains("NoSuchBucket"), report.toString());
        assertTrue(metrics.contains("\"ReportsFailed\":3"), metrics);
        assertTrue(context.log().contains("\"kind\":\"report-not-written\""), context.log());
    }

    @Test
    void aReviewedPlanIsAppliedExactlyAndARuleChangedSinceIsLeftAlone() throws Exception {
        JsonNode sweep = run(env(BUCKET), sweep(false));
        String planKey = sweep.get("report").get("prefix").asText() + "plan.json";
        Map<String, String> before = ec2.snapshot(web);
        // Someone edits idle's rule after the review: not the rule that was approved.
        ec2.client()
                .updateSecurityGroupRuleDescriptionsIngress(r -> r.groupId(idle)
                        .ipPermissions(software.amazon.awssdk.services.ec2.model.IpPermission.builder()
                                .ipProtocol("tcp")
                                .fromPort(22)
                                .toPort(22)
                                .ipRanges(software.amazon.awssdk.services.ec2.model.IpRange.builder()
                                        .cidrIp("0.0.0.0/0")
                                        .description("now the bastion")
                                        .build())
                                .build()));
        com.fasterxml.jackson.databind.node.ObjectNode plan =
                (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(object(planKey));
        ((com.fasterxml.jackson.databind.node.ObjectNode) plan.get("apply")).put("approvedBy", "alice (CHG-42)");

        JsonNode applied = run(env(BUCKET), MAPPER.writeValueAsString(plan));

        assertEquals("plan", applied.get("inputForm").asText(), applied.toString());
        assertEquals("alice (CHG-42)", applied.at("/provenance/approvedBy").asText(), applied.toString());
        ResultAssertions.assertOutcome(applied, webSsh, "REVOKED");
        ResultAssertions.assertOutcome(applied, idleSsh, "SKIPPED");
        JsonNode drifted = ResultAssertions.entry(applied, idleSsh);
        assertEquals("Drifted", drifted.get("errorCode").asText());
        assertTrue(drifted.get("reason").asText().contains("'now the bastion'"), drifted.toString());
        assertOnlyRemoved(web, before, webSsh);
        assertEquals(1, ec2.ingress(idle).size(), "the drifted rule stays");
    }
}
