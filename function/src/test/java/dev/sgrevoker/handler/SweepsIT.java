package dev.sgrevoker.handler;

import static dev.sgrevoker.testing.Ec2Fixture.cidr;
import static dev.sgrevoker.testing.Ec2Fixture.cidr6;
import static dev.sgrevoker.testing.ResultAssertions.assertOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sgrevoker.exception.ConfigurationException;
import dev.sgrevoker.testing.FaultProxy;
import dev.sgrevoker.testing.Lambda;
import dev.sgrevoker.testing.LocalContext;
import dev.sgrevoker.testing.MotoTestBase;
import dev.sgrevoker.testing.ResultAssertions;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Sweeps through the real handler against moto: report-only, enforce, exemptions, scope, the limit, hand-over. */
class SweepsIT extends MotoTestBase {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BARE_SCHEDULE = """
            {"version":"0","id":"s1","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012",
             "time":"2026-11-29T06:00:00Z","region":"us-east-1","resources":[],"detail":{}}""";
    private String vpc;
    private String web;
    private String kept;
    private String other;
    private String sshWorld;
    private String sshWorld6;
    private String internal;
    private String rdpExemptRule;
    private String telnetExpired;
    private String keptSsh;
    private String otherSsh;

    @BeforeEach
    void seed() {
        vpc = ec2.newVpc();
        web = ec2.group("web", vpc);
        kept = ec2.group("kept", vpc);
        other = ec2.group("other", vpc);
        ec2.authorize(
                web,
                cidr("tcp", 22, 22, "0.0.0.0/0"),
                cidr6("tcp", 22, 22, "::/0"),
                cidr("tcp", 443, 443, "10.0.0.0/8"),
                cidr("tcp", 3389, 3389, "0.0.0.0/0"),
                cidr("tcp", 23, 23, "0.0.0.0/0"));
        ec2.authorize(kept, cidr("tcp", 22, 22, "0.0.0.0/0"));
        ec2.authorize(other, cidr("tcp", 22, 22, "0.0.0.0/0"));
        sshWorld = ec2.ingressRuleId(web, "0.0.0.0/0", 22);
        sshWorld6 = ec2.ingressRuleId(web, "::/0", 22);
        internal = ec2.ingressRuleId(web, "10.0.0.0/8", 443);
        rdpExemptRule = ec2.ingressRuleId(web, "0.0.0.0/0", 3389);
        telnetExpired = ec2.ingressRuleId(web, "0.0.0.0/0", 23);
        keptSsh = ec2.ingressRuleId(kept, "0.0.0.0/0", 22);
        otherSsh = ec2.ingressRuleId(other, "0.0.0.0/0", 22);
        tag(web, "team", "web");
        tag(kept, "team", "web");
        tag(kept, "sg-revoker:exempt", "true");
        tag(other, "team", "data");
        tag(rdpExemptRule, "sg-revoker:exempt", "2999-01-31");
        tag(telnetExpired, "sg-revoker:exempt", "2020-01-31");
    }

    private void tag(String resource, String key, String value) {
        ec2.client()
                .createTags(r -> r.resources(resource)
                        .tags(Tag.builder().key(key).value(value).build()));
    }

    private static String sweep(String body) {
        return "{\"sweep\": " + body + "}";
    }

    private String webScope(String more) {
        return sweep("{\"controls\": [\"EC2.13\", \"EC2.19\"], \"scope\": {\"vpcIds\": [\"" + vpc
                + "\"], \"tags\": {\"team\": \"web\"}}" + more + "}");
    }

    private JsonNode run(RevokeHandler handler, String payload, LocalContext context) {
        Lambda.Invocation inv = Lambda.invoke(handler, payload, context);
        ResultAssertions.checkResponse(inv);
        ResultAssertions.checkEvent(events.await(1).get(0), inv.response());
        return inv.response();
    }

    private JsonNode run(Map<String, String> env, String payload) {
        return run(RevokeHandler.builder().environment(env).build(), payload, LocalContext.forTest());
    }

    @Test
    void aReportOnlySweepChecksDryRunAndChangesNothing() {
        Map<String, String> before = ec2.snapshot(web);
        JsonNode r = run(Map.of(), webScope(""));
        assertEquals(true, r.get("dryRun").asBoolean(), r.toString());
        assertEquals(2, r.get("groupsScanned").asInt(), r.toString());
        assertEquals(6, r.get("rulesScanned").asInt(), "web's five ingress rules and kept's one: " + r);
        assertOutcome(r, sshWorld, "DRY_RUN");
        assertOutcome(r, sshWorld6, "DRY_RUN");
        assertOutcome(r, telnetExpired, "DRY_RUN");
        assertTrue(
                ResultAssertions.entry(r, telnetExpired).get("because").asText().contains("ended after 2020-01-31"));
        assertOutcome(r, rdpExemptRule, "EXEMPT");
        assertTrue(ResultAssertions.entry(r, rdpExemptRule)
                .get("reason")
                .asText()
                .contains("tag sg-revoker:exempt=2999-01-31 on the rule " + rdpExemptRule));
        assertOutcome(r, keptSsh, "EXEMPT");
        assertTrue(ResultAssertions.entry(r, keptSsh).get("reason").asText().contains("on the group " + kept));
        assertEquals(
                5, r.get("permissions").size(), "the compliant 443 rule and the out-of-scope group are no entries");
        assertTrue(ResultAssertions.entry(r, sshWorld).get("because").asText().startsWith("EC2.13: "));
        assertEquals(before, ec2.snapshot(web));
    }

    @Test
    void anEnforcingSweepRevokesExactlyTheSelectedRules() {
        Map<String, String> before = ec2.snapshot(web);
        Map<String, String> keptBefore = ec2.snapshot(kept);
        Map<String, String> otherBefore = ec2.snapshot(other);
        JsonNode r = run(Map.of(), webScope(", \"enforce\": true"));
        assertEquals(false, r.get("dryRun").asBoolean());
        assertEquals(3, r.get("counts").get("REVOKED").asInt(), r.toString());
        assertEquals(2, r.get("counts").get("EXEMPT").asInt(), r.toString());
        assertOnlyRemoved(web, before, sshWorld, sshWorld6, telnetExpired);
        assertEquals(keptBefore, ec2.snapshot(kept));
        assertEquals(otherBefore, ec2.snapshot(other), "out of scope");
        assertTrue(ec2.ruleIds(web).contains(internal));
    }

    @Test
    void allowedSourcesJudgeEveryRuleWhateverItsPort() {
        Map<String, String> before = ec2.snapshot(web);
        JsonNode r = run(
                Map.of(),
                sweep("{\"allowedSources\": {\"cidrs\": [\"10.0.0.0/8\"]}, \"scope\": {\"groupIds\": [\"" + web
                        + "\"]}, \"enforce\": true}"));
        assertOnlyRemoved(web, before, sshWorld, sshWorld6, telnetExpired);
        assertOutcome(r, rdpExemptRule, "EXEMPT");
        assertEquals(1, r.get("groupsScanned").asInt());
    }

    @Test
    void aboveTheLimitASweepRevokesNoneAndSaysHowManyWereSelected() {
        Map<String, String> before = ec2.snapshot(web);
        JsonNode r = run(Map.of("MAX_REVOCATIONS", "2"), webScope(", \"enforce\": true"));
        assertEquals(3, r.get("counts").get("SKIPPED").asInt(), r.toString());
        assertEquals(3, r.get("selected").asInt());
        assertEquals(3, r.get("blastRadiusExceeded").get("selected").asInt());
        assertEquals(
                "BlastRadiusExceeded",
                ResultAssertions.entry(r, sshWorld).get("errorCode").asText());
        assertEquals(before, ec2.snapshot(web));
        // A requester's maxRevocations may lower the deployer's limit, never raise it: 3 is held to 2.
        JsonNode raised = run(Map.of("MAX_REVOCATIONS", "2"), webScope(", \"enforce\": true, \"maxRevocations\": 3"));
        assertEquals(3, raised.get("counts").get("SKIPPED").asInt(), raised.toString());
        String why = ResultAssertions.entry(raised, sshWorld).get("reason").asText();
        assertTrue(
                why.contains("limit of 2 (MAX_REVOCATIONS, the deployer's limit, held: the sweep's maxRevocations"
                        + " asked for 3)"),
                "says which limit held: " + why);
        assertEquals(before, ec2.snapshot(web));
        // The deployer's own sweep (SWEEP) may set a higher limit, and requests may then ask up to it.
        Map<String, String> deployerRaised =
                Map.of("MAX_REVOCATIONS", "2", "SWEEP", "{\"controls\": [\"EC2.13\"], \"maxRevocations\": 3}");
        JsonNode allowed = run(deployerRaised, webScope(", \"enforce\": true, \"maxRevocations\": 3"));
        assertEquals(3, allowed.get("counts").get("REVOKED").asInt(), allowed.toString());
    }

    @Test
    void aBareScheduleRunsTheConfiguredSweepAndWithoutOneIsRefusedBeforeAnyEc2Call() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(moto)) {
            proxy.routeEc2();
            ConfigurationException unset = assertThrows(
                    ConfigurationException.class,
                    () -> Lambda.invoke(RevokeHandler.builder().build(), BARE_SCHEDULE));
            assertEquals("SWEEP", unset.setting());
            ConfigurationException bad = assertThrows(
                    ConfigurationException.class,
                    () -> Lambda.invoke(
                            RevokeHandler.builder()
                                    .environment(
                                            Map.of("SWEEP", "{\"controls\": [\"EC2.13\"], \"scope\": {\"vpcIds\": 7}}"))
                                    .build(),
                            BARE_SCHEDULE));
            assertEquals("SWEEP.scope.vpcIds", bad.setting());
            assertEquals(List.of(), proxy.ec2Actions(), "refused before any EC2 call");
            events.assertNone();
        }
        String configured = MAPPER.readTree(webScope("")).get("sweep").toString();
        JsonNode r = run(Map.of("SWEEP", configured), BARE_SCHEDULE);
        assertEquals("scheduled-event", r.get("trigger").asText());
        assertEquals(3, r.get("counts").get("DRY_RUN").asInt(), r.toString());
    }

    @Test
    void aSweepOutOfTimeHandsItsGroupsToTheRequestQueueWhichFinishesThem() throws Exception {
        try (SqsClient sqs = SqsClient.builder()
                .endpointOverride(URI.create(moto.url()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            String queue = sqs.createQueue(q -> q.queueName("requests")).queueUrl();
            Map<String, String> env = new HashMap<>(Map.of("REQUEST_QUEUE_URL", queue));
            Map<String, String> before = ec2.snapshot(web);
            String everyWebGroup = sweep(
                    "{\"controls\": [\"EC2.13\"], \"scope\": {\"vpcIds\": [\"" + vpc + "\"]}, \"enforce\": true}");
            JsonNode r = run(
                    RevokeHandler.builder().environment(env).build(),
                    everyWebGroup,
                    LocalContext.forTest().withRemainingMillis(9_000));
            assertEquals(2, r.get("handedOverGroups").asInt(), r.toString());
            assertEquals(
                    "HandedOver",
                    ResultAssertions.entry(r, sshWorld).get("errorCode").asText());
            assertEquals(before, ec2.snapshot(web), "nothing revoked by the sweep itself");

            List<Message> messages = sqs.receiveMessage(m -> m.queueUrl(queue).maxNumberOfMessages(10))
                    .messages();
            assertEquals(2, messages.size());
            StringBuilder records = new StringBuilder();
            for (Message m : messages) {
                JsonNode body = MAPPER.readTree(m.body());
                assertEquals(false, body.get("sweptRules").get("DryRun").asBoolean(), m.body());
                records.append(records.isEmpty() ? "" : ",")
                        .append(MAPPER.createObjectNode()
                                .put("messageId", m.messageId())
                                .put("receiptHandle", m.receiptHandle())
                                .put("body", m.body())
                                .put("eventSource", "aws:sqs")
                                .put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:requests")
                                .put("awsRegion", "us-east-1"));
            }
            JsonNode drained = Lambda.invoke(
                            RevokeHandler.builder().environment(env).build(), "{\"Records\": [" + records + "]}")
                    .response();
            assertEquals("[]", drained.get("batchItemFailures").toString(), drained.toString());
            // One result event per message (the sweep's own was read above): the SQS response carries no results.
            List<JsonNode> results = events.await(2);
            assertOnlyRemoved(web, before, sshWorld, sshWorld6);
            assertEquals(List.of(), ec2.ingress(other));
            JsonNode webResult = results.stream()
                    .map(e -> e.get("detail"))
                    .filter(d -> d.get("revoked").toString().contains(web))
                    .findFirst()
                    .orElseThrow();
            assertTrue(
                    webResult.get("revoked").get(0).get("because").asText().startsWith("EC2.13"), webResult::toString);
        }
    }
}
