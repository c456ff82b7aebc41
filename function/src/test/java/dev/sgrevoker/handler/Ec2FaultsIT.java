package dev.sgrevoker.handler;

import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.sgrevoker.testing.Ec2Fixture.cidr;
import static dev.sgrevoker.testing.FaultProxy.ec2;
import static dev.sgrevoker.testing.FaultProxy.ec2Error;
import static dev.sgrevoker.testing.FaultProxy.formList;
import static dev.sgrevoker.testing.ResultAssertions.assertCounts;
import static dev.sgrevoker.testing.ResultAssertions.assertFailed;
import static dev.sgrevoker.testing.ResultAssertions.assertOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.sgrevoker.testing.FaultProxy;
import dev.sgrevoker.testing.MotoTestBase;
import dev.sgrevoker.testing.StdoutCapture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EC2 answers moto cannot give, injected by WireMock in front of it; only the handler's EC2 client goes through. */
class Ec2FaultsIT extends MotoTestBase {
    private static final String REVOKE = "RevokeSecurityGroupIngress";
    private static final String SSH_AND_HTTPS = """
            {"GroupId": "%s", "IpPermissions": [
              {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
              {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}
            """;

    /** Runs an action in moto when the first revoke reaches the proxy: a concurrent change EC2 would see. */
    private final OnFirstRevoke onFirstRevoke = new OnFirstRevoke();

    private FaultProxy proxy;
    private String group;
    private String ssh;
    private String https;
    private Map<String, String> before;

    @BeforeEach
    void seed() {
        proxy = FaultProxy.start(moto, onFirstRevoke);
        proxy.routeEc2();
        group = ec2.group("web", ec2.newVpc());
        ec2.authorize(
                group,
                cidr("tcp", 22, 22, "10.0.0.0/8"),
                cidr("tcp", 443, 443, "0.0.0.0/0"),
                cidr("tcp", 80, 80, "0.0.0.0/0"));
        ssh = ec2.ingressRuleId(group, "10.0.0.0/8", 22);
        https = ec2.ingressRuleId(group, "0.0.0.0/0", 443);
        before = ec2.snapshot(group);
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    @Test
    void throttledRevokesAreRetriedUntilEc2AcceptsThem() {
        proxy.stub(ec2(REVOKE)
                .atPriority(1)
                .inScenario("throttle")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("throttled once")
                .willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.")));
        proxy.stub(ec2(REVOKE)
                .atPriority(1)
                .inScenario("throttle")
                .whenScenarioStateIs("throttled once")
                .willSetStateTo("passing")
                .willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.")));

        JsonNode[] response = new JsonNode[1];
        String metrics = StdoutCapture.during(() -> response[0] = run(SSH_AND_HTTPS, group));
        JsonNode r = response[0];

        assertCounts(r, 2, 0, 0, 0);
        assertEquals(3, proxy.ec2Bodies(REVOKE).size(), "two throttled answers, then the one that passed");
        assertTrue(
                metrics.contains("\"Ec2ThrottlingRetries\":2"),
                "each throttled attempt retried is counted: " + metrics);
        assertOnlyRemoved(group, before, ssh, https);
    }

    @Test
    void aDescribeFailingBeyondTheRetryBudgetFailsAndRevokesNothing() {
        proxy.stub(ec2("DescribeSecurityGroupRules")
                .atPriority(1)
                .willReturn(ec2Error(500, "InternalError", "An internal error has occurred.")));

        JsonNode r = run(SSH_AND_HTTPS, group);

        assertCounts(r, 0, 0, 2, 0);
        assertFailed(r, "10.0.0.0/8", "InternalError");
        assertFailed(r, "0.0.0.0/0", "InternalError");
        // docs/revocation.md promises up to 6 attempts for 5xx answers.
        assertEquals(
                6,
                proxy.ec2Bodies("DescribeSecurityGroupRules").size(),
                proxy.ec2Actions().toString());
        assertEquals(List.of(), proxy.ec2Bodies(REVOKE), "nothing may be revoked unread");
        assertEquals(before, ec2.snapshot(group));
    }

    @Test
    void anUnauthorizedRevokeFailsAndADryRunTellsAllowedFromRefused() {
        StubMapping refused = proxy.stub(ec2(REVOKE)
                .atPriority(1)
                .willReturn(
                        ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.")));

        JsonNode real = run(SSH_AND_HTTPS, group);
        assertCounts(real, 0, 0, 2, 0);
        assertFailed(real, "10.0.0.0/8", "UnauthorizedOperation");
        assertEquals(1, proxy.ec2Bodies(REVOKE).size(), "a refusal is not retried");

        String dryRun = SSH_AND_HTTPS.replace("{\"GroupId\"", "{\"DryRun\": true, \"GroupId\"");
        JsonNode refusedCheck = run(dryRun, group);
        assertCounts(refusedCheck, 0, 0, 2, 0);
        assertFailed(refusedCheck, "0.0.0.0/0", "UnauthorizedOperation");

        proxy.wireMock().removeStub(refused);
        JsonNode allowedCheck = run(dryRun, group);
        assertCounts(allowedCheck, 0, 0, 0, 2);
        assertTrue(
                proxy.ec2Bodies(REVOKE).stream().skip(1).allMatch(b -> b.contains("DryRun=true")),
                "dry runs asked EC2 to check");
        assertEquals(before, ec2.snapshot(group));
    }

    @Test
    void revokesByRuleIdSoEc2sDefaultVpcLeniencyCannotHideAnything() {
        String legacy = ec2.groupInDefaultVpc("legacy");
        ec2.authorize(
                legacy,
                cidr("tcp", 22, 22, "10.0.0.0/8"),
                cidr("tcp", 443, 443, "0.0.0.0/0"),
                cidr("tcp", 80, 80, "0.0.0.0/0"));
        String legacySsh = ec2.ingressRuleId(legacy, "10.0.0.0/8", 22);
        String legacyHttps = ec2.ingressRuleId(legacy, "0.0.0.0/0", 443);
        Map<String, String> legacyBefore = ec2.snapshot(legacy);
        // What EC2 does in a default VPC for a revoke by IpPermissions: success, with the misses listed aside.
        proxy.stub(ec2(REVOKE)
                .atPriority(1)
                .withRequestBody(WireMock.containing("IpPermissions"))
                .willReturn(WireMock.aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml;charset=UTF-8")
                        .withBody("""
                        <RevokeSecurityGroupIngressResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                        <requestId>x</requestId><return>true</return><unknownIpPermissionSet><item><ipProtocol>tcp</ipProtocol>
                        <fromPort>23</fromPort><toPort>23</toPort><ipRanges><item><cidrIp>192.0.2.0/24</cidrIp></item></ipRanges>
                        </item></unknownIpPermissionSet></RevokeSecurityGroupIngressResponse>""")));

        JsonNode r = run("""
                {"GroupName": "legacy", "IpPermissions": [
                  {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
                  {"IpProtocol": "tcp", "FromPort": 23, "ToPort": 23, "IpRanges": [{"CidrIp": "192.0.2.0/24"}]},
                  {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}
                """);

        assertEquals(
                List.of("REVOKED", "NOT_FOUND", "REVOKED"),
                r.get("permissions").findValuesAsText("outcome"),
                r.toString());
        List<String> revokes = proxy.ec2Bodies(REVOKE);
        assertEquals(1, revokes.size(), "one revoke call per group");
        for (String body : revokes) {
            assertFalse(body.contains("IpPermissions"), "no revoke by IpPermissions: " + body);
            assertEquals(List.of(legacySsh, legacyHttps), formList(body, "SecurityGroupRuleId"), body);
        }
        assertOnlyRemoved(legacy, legacyBefore, legacySsh, legacyHttps);
        assertEquals(before, ec2.snapshot(group), "the group in the other VPC is untouched");
    }

    @Test
    void aRuleThatVanishesBetweenDescribeAndRevokeIsNotFoundAndTheOthersAreRevoked() {
        // Someone else removes the ssh rule just as our revoke reaches EC2, which then refuses the whole call.
        onFirstRevoke.set(() -> ec2.revokeDirectly(group, ssh));
        proxy.stub(ec2(REVOKE)
                .atPriority(1)
                .inScenario("vanish")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("answered")
                .willReturn(ec2Error(
                        400,
                        "InvalidSecurityGroupRuleId.NotFound",
                        "The security group rule ID '" + ssh + "' does not exist")));

        JsonNode r = run(SSH_AND_HTTPS, group);

        assertCounts(r, 1, 1, 0, 0);
        assertOutcome(r, "10.0.0.0/8", "NOT_FOUND");
        assertTrue(r.at("/permissions/0/reason").asText().contains("removed"), r.toString());
        assertOutcome(r, "0.0.0.0/0", "REVOKED");
        List<String> revokes = proxy.ec2Bodies(REVOKE);
        assertEquals(List.of(ssh, https), formList(revokes.get(0), "SecurityGroupRuleId"));
        assertEquals(
                List.of(https),
                formList(revokes.get(1), "SecurityGroupRuleId"),
                "the retry leaves the vanished rule out");
        assertEquals(2, revokes.size());
        assertOnlyRemoved(group, before, ssh, https);
    }

    @Test
    void aRevokeEc2AcceptsWithoutRemovingTheRuleIsFailedStillPresent() {
        // EC2 answers success, but the describe afterwards still shows the rule: only the confirmation can tell.
        proxy.stub(ec2(REVOKE)
                .atPriority(1)
                .willReturn(WireMock.aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml;charset=UTF-8")
                        .withBody("""
                        <RevokeSecurityGroupIngressResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                        <requestId>x</requestId><return>true</return></RevokeSecurityGroupIngressResponse>""")));

        JsonNode r = run(SSH_AND_HTTPS, group);

        assertCounts(r, 0, 0, 2, 0);
        assertFailed(r, "10.0.0.0/8", "StillPresent");
        assertTrue(r.at("/permissions/0/reason").asText().contains(ssh), r.toString());
        assertEquals(before, ec2.snapshot(group));
    }

    @Test
    void aRevokeWhoseAnswerWasLostIsStillReportedRevoked() {
        // EC2 performs the revoke but the answer is lost (500); the SDK retries and EC2 says the rules are gone.
        onFirstRevoke.set(() ->
                ec2.client().revokeSecurityGroupIngress(q -> q.groupId(group).securityGroupRuleIds(ssh, https)));
        proxy.stub(ec2(REVOKE)
                .atPriority(1)
                .inScenario("lost")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("answered")
                .willReturn(ec2Error(500, "InternalError", "An internal error has occurred.")));

        JsonNode r = run(SSH_AND_HTTPS, group);

        assertEquals(2, proxy.ec2Bodies(REVOKE).size(), "the SDK retried the revoke: " + proxy.ec2Actions());
        assertOnlyRemoved(group, before, ssh, https);
        assertCounts(r, 2, 0, 0, 0);
    }

    /** A WireMock listener that runs a test's action once, when the first revoke arrives, before it is answered. */
    static final class OnFirstRevoke implements ServeEventListener {
        private final AtomicReference<Runnable> action = new AtomicReference<>();

        void set(Runnable runnable) {
            action.set(runnable);
        }

        @Override
        public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
            if (serveEvent.getRequest().getBodyAsString().contains("Action=" + REVOKE)) {
                Runnable once = action.getAndSet(null);
                if (once != null) {
                    once.run();
                }
            }
        }

        @Override
        public String getName() {
            return "on-first-revoke";
        }
    }
}
