package dev.sgrevoker.intake.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.policy.AllowedSources;
import dev.sgrevoker.policy.BlastRadius;
import dev.sgrevoker.policy.Sweep;
import dev.sgrevoker.policy.SweepOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sweep document and a handed-over swept group: what is accepted, and every refusal naming its field. */
class SweepDocumentTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TriggerConfig CONFIG = TriggerCasesTest.config(Map.of());

    private static TriggerResult normalise(String json) throws Exception {
        return Triggers.normalise(MAPPER.readTree(json), CONFIG);
    }

    @Test
    void theIssuesExampleIsAcceptedWithDefaultsOnTheSafeSide() throws Exception {
        TriggerResult r = normalise("""
                {"sweep": {"controls": ["EC2.13", "EC2.14", "ec2.19", "EC2.18", "EC2.2"],
                  "allowedSources": {"cidrs": ["10.1.2.3/8", "FD00::/8"], "accounts": ["123456789012"]},
                  "scope": {"vpcIds": ["vpc-0123456789abcdef0"], "groupIds": ["sg-0123456789abcdef0"], "tags": {"team": "web"}},
                  "maxRevocations": 50}}""");
        assertEquals(InputForm.SWEEP, r.form());
        Sweep sweep = assertInstanceOf(SweepOrder.Run.class, r.sweep()).sweep();
        assertEquals(false, sweep.enforce(), "report-only unless enforce is true");
        assertEquals(6, sweep.policy().checks().size());
        AllowedSources sources = (AllowedSources) sweep.policy().checks().get(5);
        assertEquals(List.of("10.0.0.0/8", "fd00::/8"), sources.cidrs(), "canonical, as EC2 describes rules");
        assertEquals(Map.of("team", "web"), sweep.scope().tags());
        assertEquals(50, sweep.limit(BlastRadius.byDefault()).maxRevocations());
        Sweep minimal = ((SweepOrder.Run)
                        normalise("{\"sweep\": {\"controls\": [\"EC2.13\"]}}").sweep())
                .sweep();
        assertEquals(Sweep.Scope.EVERYTHING, minimal.scope());
        assertNull(minimal.maxRevocations());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "neither controls nor allowedSources | {} | sweep.controls | give controls or allowedSources",
                "an unknown control | {\"controls\": [\"EC2.13\", \"EC2.99\"]} | sweep.controls[1] | 'EC2.99' is not one of",
                "a control twice | {\"controls\": [\"EC2.13\", \"ec2.13\"]} | sweep.controls[1] | listed twice",
                "an unknown field | {\"controls\": [\"EC2.13\"], \"enforced\": true} | sweep.enforced | unknown field",
                "enforce as a string | {\"controls\": [\"EC2.13\"], \"enforce\": \"true\"} | sweep.enforce | true or false",
                "a limit of 0 | {\"controls\": [\"EC2.13\"], \"maxRevocations\": 0} | sweep.maxRevocations | at least 1",
                "allowedSources without cidrs | {\"allowedSources\": {\"accounts\": []}} | sweep.allowedSources.cidrs | is required",
                "a bad CIDR | {\"allowedSources\": {\"cidrs\": [\"10.0.0.0/33\"]}} | sweep.allowedSources.cidrs[0] | not a valid CIDR",
                "a bad account | {\"allowedSources\": {\"cidrs\": [], \"accounts\": [\"12345\"]}} | sweep.allowedSources.accounts[0] | 12-digit",
                "a bad group id | {\"controls\": [\"EC2.2\"], \"scope\": {\"groupIds\": [\"web\"]}} | sweep.scope.groupIds[0] | not an id",
                "a bad vpc id | {\"controls\": [\"EC2.2\"], \"scope\": {\"vpcIds\": [\"vpc-x\"]}} | sweep.scope.vpcIds[0] | not an id",
                "a tag value that is not a string | {\"controls\": [\"EC2.2\"], \"scope\": {\"tags\": {\"team\": 1}}} | sweep.scope.tags.team | must be a string",
                "controls not a list | {\"controls\": \"EC2.13\"} | sweep.controls | list of strings"
            })
    void anInvalidSweepIsRefusedNamingTheField(String name, String sweep, String field, String reason) {
        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> normalise("{\"sweep\": " + sweep + "}"));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.reason().contains(reason), e.getMessage());
    }

    @Test
    void aSweepInsideAnEventBridgeRequestIsNamedBelowDetail() {
        String event = """
                {"version":"0","id":"1","detail-type":"Security Group Ingress Revocation Request","source":"sg-revoker.requests",
                 "account":"123456789012","time":"2026-01-01T00:00:00Z","region":"us-east-1","resources":[],
                 "detail":{"sweep":{"controls":["EC2.7"]}}}""";
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> normalise(event));
        assertEquals("detail.sweep.controls[0]", e.field());
    }

    @Test
    void aHandedOverGroupIsARequestByRuleIdJudgedAgainByTheSweepsPolicy() throws Exception {
        TriggerResult r = normalise("""
                {"sweptRules": {"GroupId": "sg-0123456789abcdef0", "DryRun": true, "MaxRevocations": 7,
                  "RuleIds": ["sgr-0123456789abcdef0"], "Policy": {"controls": ["EC2.13"]}}}""");
        SweepOrder.Continuation c = (SweepOrder.Continuation) r.sweep();
        assertEquals(7, c.maxRevocations());
        assertEquals(1, c.policy().checks().size());
        assertEquals(true, r.requests().get(0).dryRun());
        assertEquals(
                List.of(new Requested.ByRuleId("sgr-0123456789abcdef0")),
                r.requests().get(0).items());
    }

    @Test
    void aHandOverOfTheOldShapeWithTheSendersReasonsIsRefusedSayingWhy() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> normalise("""
                {"sweptRules": {"GroupId": "sg-0123456789abcdef0", "DryRun": false, "MaxRevocations": 7,
                  "Rules": [{"RuleId": "sgr-0123456789abcdef0", "Because": "EC2.13: made up"}]}}"""));
        assertEquals("sweptRules.Policy", e.field());
        assertTrue(e.reason().contains("old shape"), e.reason());
    }
}
