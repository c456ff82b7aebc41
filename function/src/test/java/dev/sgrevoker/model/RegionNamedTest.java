package dev.sgrevoker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every entry names the region it acted in, the function's own included; an intake skip acted nowhere. */
class RegionNamedTest {
    private static final AccountRegion WEST = AccountRegion.OWN.in(new Region.Named("us-west-2"));

    @Test
    void theOwnRegionIsNamedOthersKeptAndSkipsLeftWithoutAPlace() {
        RevocationResult result = RevocationResult.forRequests(
                        RevocationResult.Origin.of("inv-1", TriggerFamily.DIRECT, null),
                        InputForm.CLI_INPUT_JSON,
                        false,
                        List.of(
                                PermissionOutcome.skipped(
                                        PermissionOutcome.Subject.inGroup(
                                                AccountRegion.OWN, "sg-0123456789abcdef0", null),
                                        null,
                                        "own"),
                                PermissionOutcome.skipped(
                                        PermissionOutcome.Subject.inGroup(WEST, "sg-0123456789abcdef1", null),
                                        null,
                                        "west"),
                                PermissionOutcome.skipped(
                                        PermissionOutcome.Subject.skippedAtIntake("sg-0123456789abcdef2"),
                                        null,
                                        "intake")))
                .withRegionsNamed("eu-central-1");
        List<PermissionOutcome> p = result.permissions();
        assertEquals("eu-central-1", p.get(0).subject().where().namedRegion());
        assertEquals("us-west-2", p.get(1).subject().where().namedRegion());
        assertNull(p.get(2).subject().where());
    }
}
