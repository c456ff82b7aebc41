package dev.sgrevoker.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.trigger.AccountPolicy;
import dev.sgrevoker.model.PlanLine;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.policy.SweepOrder;
import dev.sgrevoker.report.bucket.ReportBucket;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stored plan decides: its lines bound what a request may apply, its expiry holds, a plan never stored is refused. */
class PlanApplicationTest {
    private static final String PLAN_ID = "inv-1/111122223333/us-east-1";
    private static final String KEY = "reports/" + PLAN_ID + "/plan.json";
    private static final String WEB = "sg-0aaaaaaaaaaaaaaaa";
    private static final AccountPolicy ACCOUNTS =
            AccountPolicy.forFunction("arn:aws:lambda:us-east-1:111122223333:function:sg-revoker", Set.of());
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    private final Map<String, String> stored = new HashMap<>();
    private final ReportBucket bucket = new ReportBucket() {
        @Override
        public String name() {
            return "reports-bucket";
        }

        @Override
        public void put(String key, Path file, String contentType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<InputStream> read(String key) {
            return Optional.ofNullable(stored.get(key))
                    .map(s -> new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
        }
    };

    private static String line(String ruleId, int port, String description) {
        return """
                {"account": "111122223333", "region": "us-east-1", "groupId": "%s", "ruleId": "%s",
                 "direction": "ingress", "permission": {"IpProtocol": "tcp", "FromPort": %d, "ToPort": %d,
                 "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "%s"}]}}""".formatted(WEB, ruleId, port, port, description);
    }

    private void store(String expiresAt) {
        stored.put(KEY, """
                {"apply": {"planId": "%s", "createdAt": "2026-12-01T00:00:00Z", "expiresAt": "%s",
                 "rules": [%s, %s]}}""".formatted(
                        PLAN_ID,
                        expiresAt,
                        line("sgr-0000000000000000a", 22, "ssh"),
                        line("sgr-0000000000000000b", 3389, "rdp")));
    }

    private static PlanLine planLine(String ruleId) {
        return new PlanLine("111122223333", "us-east-1", WEB, ruleId, false);
    }

    private List<RevocationRequest> apply(SweepOrder.ApplyPlan order) {
        return new PlanApplication(Optional.of(bucket), NOW).requests(order, ACCOUNTS);
    }

    @Test
    void theKeptLinesBecomeRequestsByRuleIdCarryingTheStoredBeforeImage() {
        store("2026-12-08T00:00:00Z");
        List<RevocationRequest> requests =
                apply(new SweepOrder.ApplyPlan(PLAN_ID, null, "alice", List.of(planLine("sgr-0000000000000000b"))));
        assertEquals(1, requests.size());
        Requested.ByRuleId item = (Requested.ByRuleId) requests.get(0).items().get(0);
        assertEquals("sgr-0000000000000000b", item.ruleId());
        assertEquals(3389, item.planned().permission().ports().from(), "the stored image, whatever the request says");
        assertEquals("rdp", item.planned().permission().description());
        assertEquals("plan " + PLAN_ID, item.because());
        assertEquals(false, requests.get(0).dryRun());

        List<RevocationRequest> whole =
                apply(new SweepOrder.ApplyPlan(PLAN_ID, "s3://reports-bucket/" + KEY, null, null));
        assertEquals(2, whole.get(0).items().size(), "by reference: every line of the stored plan");
    }

    @Test
    void aLineTheStoredPlanDoesNotHaveRefusesTheWholePlan() {
        store("2026-12-08T00:00:00Z");
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> apply(new SweepOrder.ApplyPlan(
                        PLAN_ID,
                        null,
                        null,
                        List.of(planLine("sgr-0000000000000000a"), planLine("sgr-0000000000000000c")))));
        assertEquals("apply.rules[1]", e.field());
        assertTrue(e.reason().contains("not a line of the stored plan"), e.reason());
    }

    @Test
    void theStoredExpiryHoldsWhateverTheRequestSays() {
        // The request's own expiresAt is not even read: ApplyPlan carries none, and the stored one is past.
        store("2026-12-07T11:59:59Z");
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> apply(new SweepOrder.ApplyPlan(PLAN_ID, null, null, List.of(planLine("sgr-0000000000000000a")))));
        assertEquals("apply.planId", e.field());
        assertTrue(e.reason().contains("expired at 2026-12-07T11:59:59Z"), e.reason());
    }

    @Test
    void aPlanNeverStoredOrReadFromElsewhereIsRefused() {
        InvalidRequestException never = assertThrows(
                InvalidRequestException.class, () -> apply(new SweepOrder.ApplyPlan(PLAN_ID, null, null, List.of())));
        assertEquals("apply.planId", never.field());
        assertTrue(never.reason().contains("no plan " + PLAN_ID + " was stored"), never.reason());

        store("2026-12-08T00:00:00Z");
        InvalidRequestException elsewhere = assertThrows(
                InvalidRequestException.class,
                () -> apply(new SweepOrder.ApplyPlan(PLAN_ID, "s3://someone-elses-bucket/" + KEY, null, null)));
        assertEquals("apply.planUri", elsewhere.field());

        InvalidRequestException noBucket = assertThrows(
                InvalidRequestException.class,
                () -> new PlanApplication(Optional.empty(), NOW)
                        .requests(new SweepOrder.ApplyPlan(PLAN_ID, null, null, List.of()), ACCOUNTS));
        assertEquals("apply", noBucket.field());
    }

    @Test
    void aLineInAnAccountThisFunctionMayNotActForIsRefused() {
        String other = "{\"account\": \"999999999999\""
                + line("sgr-0000000000000000a", 22, "ssh")
                        .substring(line("sgr-0000000000000000a", 22, "ssh").indexOf(','));
        stored.put(
                KEY,
                "{\"apply\": {\"planId\": \"" + PLAN_ID + "\", \"expiresAt\": \"2026-12-08T00:00:00Z\","
                        + " \"rules\": [" + other + "]}}");
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class, () -> apply(new SweepOrder.ApplyPlan(PLAN_ID, null, null, null)));
        assertEquals("apply.rules[0]", e.field());
        assertTrue(e.reason().contains("999999999999"), e.reason());
    }
}
