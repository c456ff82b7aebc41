package dev.sgrevoker.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.handler.RevokeHandler;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** Integration tests against moto: a fresh moto state, seeding clients and a result-event queue per test. */
@ExtendWith(MotoExtension.class)
public abstract class MotoTestBase {
    protected MotoServer moto;
    protected Ec2Fixture ec2;
    protected ResultEvents events;

    @BeforeEach
    void setUpMoto(MotoServer server) {
        moto = server;
        ec2 = new Ec2Fixture(server);
        events = new ResultEvents(server);
    }

    /**
     * Invokes a new real handler (its clients are built now, from the current system properties), checks the
     * response's contract and that exactly one result event repeats it, and returns the response.
     */
    protected JsonNode run(String payload) {
        Lambda.Invocation inv = Lambda.invoke(new RevokeHandler(), payload);
        ResultAssertions.checkResponse(inv);
        ResultAssertions.checkEvent(events.await(1).get(0), inv.response());
        return inv.response();
    }

    protected JsonNode run(String payloadTemplate, Object... args) {
        return run(payloadTemplate.formatted(args));
    }

    /** The group's rules after the run are exactly those before, minus the given rule ids. */
    protected void assertOnlyRemoved(String groupId, Map<String, String> before, String... removedRuleIds) {
        Map<String, String> expected = new java.util.HashMap<>(before);
        for (String id : removedRuleIds) {
            if (expected.remove(id) == null) {
                throw new AssertionError(id + " was not a rule of " + groupId + " before the run");
            }
        }
        assertEquals(expected, ec2.snapshot(groupId), "rules of " + groupId + " after the run");
    }
}
