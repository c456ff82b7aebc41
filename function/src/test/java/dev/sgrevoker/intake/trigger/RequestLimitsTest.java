package dev.sgrevoker.intake.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.policy.BlastRadius;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a requester may not widen: the revocation limit, the account a sweep runs in, the documented flag values. */
class RequestLimitsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theCeilingIsTheDeployersLimitOrTheConfiguredSweepsIfHigher() {
        assertEquals(50, PolicySettings.fromEnvironment(Map.of()).ceiling().maxRevocations());
        assertEquals(
                2,
                PolicySettings.fromEnvironment(Map.of("MAX_REVOCATIONS", "2"))
                        .ceiling()
                        .maxRevocations());
        String sweep = "{\"controls\": [\"EC2.13\"], \"maxRevocations\": 300}";
        assertEquals(
                300,
                PolicySettings.fromEnvironment(Map.of("MAX_REVOCATIONS", "2", "SWEEP", sweep))
                        .ceiling()
                        .maxRevocations());
    }

    @Test
    void aRequestedLimitAboveTheCeilingIsHeldToItAndTheRefusalSaysWhichLimitHeld() {
        BlastRadius ceiling = PolicySettings.fromEnvironment(Map.of()).ceiling();
        BlastRadius held = ceiling.askedFor(1000, "the sweep's maxRevocations");
        assertEquals(50, held.maxRevocations());
        assertEquals(
                "51 rules were selected, more than the limit of 50 (MAX_REVOCATIONS (default), the deployer's limit,"
                        + " held: the sweep's maxRevocations asked for 1000): none is revoked; narrow the selection or"
                        + " raise the limit",
                held.refusal(51).orElseThrow());
        BlastRadius lowered = ceiling.askedFor(2, "the sweep's maxRevocations");
        assertEquals(new BlastRadius(2, "the sweep's maxRevocations"), lowered);
        String sweep = "{\"controls\": [\"EC2.13\"], \"maxRevocations\": 300}";
        assertTrue(PolicySettings.fromEnvironment(Map.of("SWEEP", sweep))
                .ceiling()
                .askedFor(1000, "the sweep's maxRevocations")
                .refusal(301)
                .orElseThrow()
                .contains("limit of 300 (SWEEP's maxRevocations, the deployer's limit, held:"));
    }

    @Test
    void aSweepAskedForByAMemberAccountIsRefusedNotRunInOurs() throws Exception {
        TriggerConfig config = TriggerCasesTest.config(Map.of("ALLOWED_ACCOUNT_IDS", "222222222222"));
        String request = """
                {"version":"0","id":"1","detail-type":"Security Group Ingress Revocation Request",
                 "source":"sg-revoker.requests","account":"%s","time":"2026-01-01T00:00:00Z","region":"us-east-1",
                 "resources":[],"detail":{"sweep":{"controls":["EC2.13"]}}}""";
        assertTrue(Triggers.normalise(MAPPER.readTree(request.formatted("123456789012")), config)
                        .sweep()
                != null);
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> Triggers.normalise(MAPPER.readTree(request.formatted("222222222222")), config));
        assertEquals("account", e.field());
    }

    @Test
    void aFlagTakesOnlyItsTwoDocumentedValues() {
        assertThrows(
                IllegalArgumentException.class,
                () -> TriggerCasesTest.config(Map.of("QUEUED_ALERTS", "false")),
                "'false' is REVERT_SERVICE_CHANGES's word, not QUEUED_ALERTS'");
        assertThrows(
                IllegalArgumentException.class,
                () -> TriggerCasesTest.config(Map.of("REVERT_SERVICE_CHANGES", "untrusted")));
        TriggerCasesTest.config(Map.of("QUEUED_ALERTS", "untrusted", "REVERT_SERVICE_CHANGES", "false"));
    }
}
