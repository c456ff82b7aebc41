package dev.sgrevoker.intake.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sgrevoker.exception.InvalidRequestException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a requester may not widen: the account a sweep runs in (the limit and the flags: config.FunctionConfigTest). */
class RequestLimitsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

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
}
