package dev.sgrevoker.revoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.Cidr;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.GroupTarget;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.report.ResultDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One rule asked for several times goes once, and the record counts it once while keeping every item's entry. */
class RepeatedItemsTest {
    private static final String WEB = "sg-0aaaaaaaaaaaaaaaa";

    private static Permission tcp(int port, String cidr, String description) {
        return new Permission(
                Protocol.TCP, new PortRange(port, port), new RuleSource.Ipv4Range(Cidr.ipv4(cidr, "t")), description);
    }

    private final InMemoryEc2 ec2 = new InMemoryEc2()
            .group(
                    WEB,
                    new DescribedRule("sgr-1", WEB, false, tcp(22, "0.0.0.0/0", null), Map.of()),
                    new DescribedRule("sgr-2", WEB, false, tcp(3389, "0.0.0.0/0", null), Map.of()));

    private RevocationResult run(boolean dryRun, Requested... items) {
        var request =
                new RevocationRequest(new GroupTarget.ById(WEB), List.of(items), dryRun, InputForm.CLI_INPUT_JSON);
        List<PermissionOutcome> outcomes = new Revoker(ec2, Safeguards.defaults()).revoke(List.of(request));
        return RevocationResult.forRequests(
                RevocationResult.Origin.of("id", TriggerFamily.DIRECT, null),
                InputForm.CLI_INPUT_JSON,
                dryRun,
                outcomes);
    }

    @Test
    void theSameRuleIdThreeTimesIsOneRevocationInTheCountsAndTwoMarkedRepeats() throws Exception {
        RevocationResult result = run(
                false,
                new Requested.ByRuleId("sgr-1"),
                new Requested.ByRuleId("sgr-1"),
                new Requested.ByRuleId("sgr-1"));

        assertEquals(1, result.counts().get(Outcome.REVOKED));
        assertEquals(3, result.permissions().size(), "every item keeps its entry");
        List<JsonNode> entries = new ArrayList<>();
        ResultDocument.response(result).get("permissions").forEach(entries::add);
        assertFalse(entries.get(0).has("repeatOf"));
        for (JsonNode repeat : entries.subList(1, 3)) {
            assertEquals(0, repeat.get("repeatOf").asInt());
            assertEquals("REVOKED", repeat.get("outcome").asText());
            assertEquals("sgr-1", repeat.get("ruleId").asText());
        }
        ObjectNode response = ResultDocument.response(result);
        assertEquals(1, response.get("restore").size(), "the rule is restored once");
        assertEquals(
                List.of("revoke " + WEB + " sgr-1"),
                ec2.calls.stream().filter(c -> c.startsWith("revoke")).toList());
    }

    @Test
    void aPermissionAndTheRuleIdItMatchesAreOneAskAndTheFirstItemsOutcomeIsTheirs() {
        RevocationResult result =
                run(false, new Requested.ByRuleId("sgr-2"), new Requested.ByPermission(tcp(3389, "0.0.0.0/0", "rdp")));
        assertNull(result.permissions().get(0).repeatOf());
        assertEquals(0, result.permissions().get(1).repeatOf());
        assertEquals(Map.of(Outcome.REVOKED, 1), nonZero(result));
    }

    @Test
    void theSamePermissionFoundNowhereTwiceIsCountedOnceAndDifferentRulesAreNotRepeats() {
        RevocationResult result = run(
                false,
                new Requested.ByPermission(tcp(23, "0.0.0.0/0", "telnet")),
                new Requested.ByPermission(tcp(23, "0.0.0.0/0", "telnet, again")),
                new Requested.ByRuleId("sgr-1"),
                new Requested.ByRuleId("sgr-2"));
        assertEquals(0, result.permissions().get(1).repeatOf());
        assertNull(result.permissions().get(2).repeatOf());
        assertNull(result.permissions().get(3).repeatOf());
        assertEquals(Map.of(Outcome.NOT_FOUND, 1, Outcome.REVOKED, 2), nonZero(result));
    }

    @Test
    void aDryRunAndARealRevokeOfOneRuleAreTwoAsks() {
        var check = new RevocationRequest(
                new GroupTarget.ById(WEB), List.of(new Requested.ByRuleId("sgr-1")), true, InputForm.CLI_INPUT_JSON);
        var real = new RevocationRequest(
                new GroupTarget.ById(WEB), List.of(new Requested.ByRuleId("sgr-1")), false, InputForm.CLI_INPUT_JSON);
        RevocationResult result = RevocationResult.forRequests(
                RevocationResult.Origin.of("id", TriggerFamily.DIRECT, null),
                InputForm.REQUEST_LIST,
                false,
                new Revoker(ec2, Safeguards.defaults()).revoke(List.of(check, real)));
        assertEquals(Map.of(Outcome.DRY_RUN, 1, Outcome.REVOKED, 1), nonZero(result));
        result.permissions().forEach(p -> assertNull(p.repeatOf()));
    }

    private static Map<Outcome, Integer> nonZero(RevocationResult result) {
        Map<Outcome, Integer> out = new java.util.EnumMap<>(Outcome.class);
        result.counts().forEach((o, n) -> {
            if (n > 0) {
                out.put(o, n);
            }
        });
        return out;
    }
}
