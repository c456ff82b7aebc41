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
import dev.sgrevoker.report.ResultNotDeliveredException;
import dev.sgrevoker.testing.FaultProxy;
import dev.sgrevoker.testing.Lambda;
import dev.sgrevoker.testing.MotoTestBase;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PutEvents answering with failed entries: retried until accepted, and never dropped silently. */
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
    void anEventThatCannotBeDeliveredFailsTheInvocationAfterLoggingTheResult() {
        proxy.stub(putEvents().atPriority(1).willReturn(eventBridgeJson(ONE_FAILED)));
        Lambda.TestContext context = new Lambda.TestContext();

        ResultNotDeliveredException e = assertThrows(
                ResultNotDeliveredException.class, () -> Lambda.invoke(new RevokeHandler(), payload, context));

        assertTrue(e.getMessage().contains("InternalFailure"), e.getMessage());
        assertEquals(4, proxy.putEventsCalls(), "docs/result.md promises 4 attempts");
        // The revocation happened; the log is the record of it.
        assertOnlyRemoved(group, before, ssh);
        String log = context.log();
        assertTrue(log.contains("\"invocationId\":\"" + context.getAwsRequestId() + "\""), log);
        assertTrue(log.contains("\"ruleId\":\"" + ssh + "\"") && log.contains("\"outcome\":\"REVOKED\""), log);
        events.assertNone();
    }
}
