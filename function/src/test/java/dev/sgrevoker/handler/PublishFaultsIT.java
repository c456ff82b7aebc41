package dev.sgrevoker.handler;

import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.sgrevoker.testing.Ec2Fixture.cidr;
import static dev.sgrevoker.testing.FaultProxy.eventBridgeJson;
import static dev.sgrevoker.testing.FaultProxy.putEvents;
import static dev.sgrevoker.testing.ResultAssertions.assertCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.config.FunctionConfig;
import dev.sgrevoker.report.ResultNotDeliveredException;
import dev.sgrevoker.testing.FaultProxy;
import dev.sgrevoker.testing.Lambda;
import dev.sgrevoker.testing.LocalContext;
import dev.sgrevoker.testing.MotoTestBase;
import dev.sgrevoker.testing.SqsQueue;
import dev.sgrevoker.testing.StdoutCapture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/**
 * PutEvents answering with failed entries: retried until accepted, then kept on the fallback queue, never dropped
 * silently; and the write-ahead line before each revoke.
 */
class PublishFaultsIT extends MotoTestBase {
    /** EventBridge's JSON 1.1 answer when it rejects the one entry of the call. */
    private static final String ONE_FAILED = """
            {"FailedEntryCount":1,"Entries":[{"ErrorCode":"InternalFailure","ErrorMessage":"x"}]}""";

    private FaultProxy proxy;
    private String group;
    private String ssh;
    private Map<String, String> before;
    private String payload;

    @BeforeEach
    void seed() {
        proxy = FaultProxy.start(moto);
        proxy.routeEventBridge();
        group = ec2.group("web", ec2.newVpc());
        ec2.authorize(group, cidr("tcp", 22, 22, "10.0.0.0/8"), cidr("tcp", 80, 80, "0.0.0.0/0"));
        ssh = ec2.ingressRuleId(group, "10.0.0.0/8", 22);
        before = ec2.snapshot(group);
        payload = """
                {"GroupId": "%s", "protocol": "tcp", "port": "22", "cidr": "10.0.0.0/8"}
                """.formatted(group);
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    @Test
    void aRejectedEntryIsRetriedAndTheEventArrivesOnce() {
        proxy.stub(putEvents()
                .atPriority(1)
                .inScenario("put")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("rejected once")
                .willReturn(eventBridgeJson(ONE_FAILED)));

        // run() also reads the queue: exactly one event, equal to the response.
        JsonNode r = run(payload);

        assertCounts(r, 1, 0, 0, 0);
        assertEquals(2, proxy.putEventsCalls(), "the rejected entry was put again");
        assertOnlyRemoved(group, before, ssh);
    }

    @Test
    void aResultEventBridgeWillNotTakeGoesToTheFallbackQueueAndTheInvocationCompletes() {
        proxy.stub(putEvents().atPriority(1).willReturn(eventBridgeJson(ONE_FAILED)));
        SqsQueue fallback = new SqsQueue(moto);
        LocalContext context = LocalContext.forTest();

        String metrics = StdoutCapture.during(() -> {
            Lambda.Invocation inv = Lambda.invoke(
                    RevokeHandler.builder()
                            .environment(Map.of(FunctionConfig.RESULT_FALLBACK_QUEUE_URL, fallback.url()))
                            .build(),
                    payload,
                    context);
            assertCounts(inv.response(), 1, 0, 0, 0);
        });

        assertEquals(4, proxy.putEventsCalls(), "EventBridge was tried 4 times first");
        assertOnlyRemoved(group, before, ssh);
        List<JsonNode> kept = fallback.drain();
        assertEquals(1, kept.size(), kept.toString());
        assertEquals(context.getAwsRequestId(), kept.get(0).get("invocationId").asText());
        assertEquals(ssh, kept.get(0).at("/revoked/0/ruleId").asText(), "the event's detail, as it would have been");
        assertEquals(1, kept.get(0).get("restore").size(), "with its restore");
        assertTrue(metrics.contains("\"ResultFallbacks\":1"), "a metric says so: " + metrics);
        assertTrue(context.log().contains("\"kind\":\"result-undelivered\""), context.log());
        events.assertNone();
    }

    @Test
    void withNoFallbackARevokedRuleStillNeverMakesTheInvocationFailAndTheLogKeepsTheRecord() {
        proxy.stub(putEvents().atPriority(1).willReturn(eventBridgeJson(ONE_FAILED)));
        LocalContext context = LocalContext.forTest();

        String metrics =
                StdoutCapture.during(() -> Lambda.invoke(RevokeHandler.builder().build(), payload, context));

        assertOnlyRemoved(group, before, ssh);
        String log = context.log();
        assertTrue(log.contains("\"invocationId\":\"" + context.getAwsRequestId() + "\""), log);
        assertTrue(log.contains("\"ruleId\":\"" + ssh + "\"") && log.contains("\"outcome\":\"REVOKED\""), log);
        assertTrue(metrics.contains("\"ResultsUndelivered\":1"), metrics);
        events.assertNone();
    }

    @Test
    void withNothingRevokedALostEventFailsTheInvocationSinceARetryIsHarmless() {
        proxy.stub(putEvents().atPriority(1).willReturn(eventBridgeJson(ONE_FAILED)));
        String absent = """
                {"GroupId": "%s", "protocol": "tcp", "port": "23", "cidr": "10.0.0.0/8"}
                """.formatted(group);

        ResultNotDeliveredException e = assertThrows(
                ResultNotDeliveredException.class,
                () -> Lambda.invoke(RevokeHandler.builder().build(), absent));

        assertTrue(e.getMessage().contains("InternalFailure"), e.getMessage());
        assertEquals(before, ec2.snapshot(group));
    }

    @Test
    void beforeTheRevokeCallTheLogHoldsTheRuleAsItWas() {
        LocalContext context = LocalContext.forTest();
        ec2.authorize(
                group,
                IpPermission.builder()
                        .ipProtocol("tcp")
                        .fromPort(2222)
                        .toPort(2222)
                        .ipRanges(r -> r.cidrIp("198.51.100.0/24").description("vendor-x jump host INC-42"))
                        .build());
        String vendor = ec2.ingressRuleId(group, "198.51.100.0/24", 2222);

        Lambda.invoke(new RevokeHandler(), """
                {"GroupId": "%s", "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 2222, "ToPort": 2222,
                  "IpRanges": [{"CidrIp": "198.51.100.0/24", "Description": "approved by CISO, do not restore"}]}]}
                """.formatted(group), context);

        String log = context.log();
        int ahead = log.indexOf("\"kind\":\"write-ahead\"");
        assertTrue(ahead >= 0 && ahead < log.indexOf("\"kind\":\"result\""), log);
        String line = log.substring(ahead, log.indexOf('\n', ahead));
        assertTrue(line.contains(vendor) && line.contains("vendor-x jump host INC-42") && !line.contains("CISO"), line);
        assertTrue(line.contains("\"requestId\":\"" + context.getAwsRequestId() + "\""), line);
    }
}
