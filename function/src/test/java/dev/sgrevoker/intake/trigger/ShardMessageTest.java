package dev.sgrevoker.intake.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.InputJson;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.ShardOfRun;
import dev.sgrevoker.policy.Controls;
import dev.sgrevoker.policy.Sweep;
import dev.sgrevoker.policy.SweepOrder;
import dev.sgrevoker.report.JsonText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A shard read back is the sweep that was dispatched, scoped to its pair: the dispatch and the SQS path share it. */
class ShardMessageTest {
    private static final List<PortRange> TCP = Controls.EC2_18_AUTHORIZED_TCP_PORTS;
    private static final Sweep SWEEP =
            SweepDocument.parse(InputJson.read("""
                    {"controls": ["EC2.19", "EC2.2", "EC2.18"], "allowedSources": {"cidrs": ["10.0.0.0/8", "2001:db8::/32"]},
                     "scope": {"vpcIds": ["vpc-0123456789abcdef0"], "tags": {"team": "shop", "env": "prod"}},
                     "enforce": true, "maxRevocations": 12}""", FieldPath.root()), FieldPath.root(), TCP, List.of());
    private static final ShardMessage SHARD =
            new ShardMessage(new ShardOfRun("run-2026-12-07T12-00-00Z-0a1b2c3d", "123456789012", "us-east-1"), SWEEP);

    private static JsonNode sent(ShardMessage m) {
        return InputJson.read(JsonText.of(m.toJson(TCP, List.of())), FieldPath.named("body"));
    }

    @Test
    void whatIsWrittenIsReadBack() {
        assertEquals(SHARD, ShardMessage.read(sent(SHARD).get(ShardMessage.KEY), FieldPath.root(), TCP, List.of()));
    }

    @Test
    void theSqsPathTakesItAsASweepOfItsPairAndNothingElse() {
        TriggerResult r = Triggers.normalise(sent(SHARD), TriggerCasesTest.config(Map.of()));
        assertEquals(new SweepOrder.Shard(SWEEP, SHARD.shard(), AccountRegion.OWN), r.sweep());
        assertEquals(List.of(), r.requests());
    }

    @Test
    void aShardForAnAccountOrRegionOutsideTheSettingsIsRefusedNamingTheField() {
        ShardMessage stranger = new ShardMessage(new ShardOfRun("run-1", "999999999999", "us-east-1"), SWEEP);
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> Triggers.normalise(sent(stranger), TriggerCasesTest.config(Map.of())));
        assertEquals("sweepShard.account", e.field());
        InvalidRequestException badId = assertThrows(
                InvalidRequestException.class,
                () -> Triggers.normalise(
                        InputJson.read("{\"cancelRun\": \"../x\"}", FieldPath.root()),
                        TriggerCasesTest.config(Map.of())));
        assertEquals("cancelRun", badId.field());
    }

    @Test
    void aCancelAndADeadlineNameTheirRun() {
        assertEquals(
                new SweepOrder.CancelRun("run-1"),
                Triggers.normalise(
                                InputJson.read("{\"cancelRun\": \"run-1\"}", FieldPath.root()),
                                TriggerCasesTest.config(Map.of()))
                        .sweep());
        assertEquals(
                new SweepOrder.RunDeadline("run-1"),
                Triggers.normalise(
                                InputJson.read("{\"sweepRunDeadline\": {\"runId\": \"run-1\"}}", FieldPath.root()),
                                TriggerCasesTest.config(Map.of()))
                        .sweep());
    }
}
