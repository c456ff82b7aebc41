package dev.sgrevoker.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sgrevoker.intake.trigger.Skip;
import dev.sgrevoker.intake.trigger.TriggerResult;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.AlertLink;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.Finding;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.model.TriggerFamily;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exposure: from when the trigger says the rule appeared to the confirmed revoke, for revoked rules only. */
class ExposureTest {
    private static final Instant CONFIRMED = Instant.parse("2026-12-07T12:00:00Z");
    private static final String WHY_A = "Security Hub EC2.13: port 22 (SSH) open to the world (finding arn:a)";
    private static final String WHY_B = "Security Hub EC2.19: high-risk ports open to the world (finding arn:b)";

    @Test
    void aFindingsRulesRunFromItsFirstObservationAndOnlyRevokedOnesCount() {
        Finding a =
                new Finding("arn:a", "arn:product", "EC2.13", Instant.parse("2026-12-07T11:00:00Z"), List.of(WHY_A));
        Finding b =
                new Finding("arn:b", "arn:product", "EC2.19", Instant.parse("2026-12-07T11:59:00Z"), List.of(WHY_B));
        TriggerResult trigger = new TriggerResult(
                        TriggerFamily.SECURITY_HUB_FINDINGS,
                        InputForm.SECURITY_HUB_FINDING,
                        List.of(),
                        List.of(new Skip(TriggerFamily.SECURITY_HUB_FINDINGS, null, "x", "y")))
                .actingOn(List.of(a, b));

        List<PermissionOutcome> out = Exposure.stamped(
                List.of(
                        revoked(22, WHY_A),
                        revoked(3389, List.of(WHY_B), WHY_B + "; the tag sg-revoker:exempt=2020-01-01 has expired"),
                        failed(WHY_A),
                        revoked(80, "something else")),
                trigger,
                CONFIRMED);

        assertEquals(3600L, out.get(0).exposedSeconds());
        assertEquals(60L, out.get(1).exposedSeconds());
        assertNull(out.get(2).exposedSeconds(), "still open: no exposure end");
        assertNull(out.get(3).exposedSeconds(), "no finding says when it appeared");
    }

    @Test
    void aCloudTrailRevertRunsFromTheCallAndAClockAheadOfOursIsZero() {
        TriggerResult trigger = new TriggerResult(
                        TriggerFamily.CLOUDTRAIL_AUTHORIZE_INGRESS,
                        InputForm.CLOUDTRAIL_AUTHORIZE_INGRESS,
                        List.of(),
                        List.of(new Skip(TriggerFamily.CLOUDTRAIL_AUTHORIZE_INGRESS, null, "x", "y")))
                .addedAt(CONFIRMED.minusSeconds(42));

        assertEquals(
                42L,
                Exposure.stamped(List.of(revoked(22, null)), trigger, CONFIRMED)
                        .get(0)
                        .exposedSeconds());
        assertEquals(
                0L,
                Exposure.stamped(List.of(revoked(22, null)), trigger.addedAt(CONFIRMED.plusSeconds(5)), CONFIRMED)
                        .get(0)
                        .exposedSeconds());
    }

    private static PermissionOutcome revoked(int port, String because) {
        Permission p =
                new Permission(Protocol.TCP, new PortRange(port, port), new RuleSource.Ipv4Range("0.0.0.0/0"), null);
        DescribedRule rule = new DescribedRule("sgr-" + port, "sg-1", false, p, Map.of());
        return PermissionOutcome.revoked(subject(p, because), List.of(rule), null);
    }

    /** As the engine writes it: selected by {@code checks}, its because saying more after them. */
    private static PermissionOutcome revoked(int port, List<String> checks, String because) {
        Permission p =
                new Permission(Protocol.TCP, new PortRange(port, port), new RuleSource.Ipv4Range("0.0.0.0/0"), null);
        DescribedRule rule = new DescribedRule("sgr-" + port, "sg-1", false, p, Map.of());
        return PermissionOutcome.revoked(
                subject(p, because).selectedFor(AlertLink.selectedBy(checks, List.of()), because), List.of(rule), null);
    }

    private static PermissionOutcome failed(String because) {
        Permission p = new Permission(Protocol.TCP, new PortRange(23, 23), new RuleSource.Ipv4Range("0.0.0.0/0"), null);
        return PermissionOutcome.failed(subject(p, because), FailureCode.Aws.ec2("UnauthorizedOperation", 403), "no");
    }

    private static PermissionOutcome.Subject subject(Permission p, String because) {
        return PermissionOutcome.Subject.inGroup(AccountRegion.OWN, "sg-1", null)
                .asking(p, null)
                .selectedBecause(because);
    }
}
