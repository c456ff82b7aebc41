package dev.sgrevoker.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.Finding;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.model.TriggerFamily;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The note on a finding acted on, and the workflow it gets: the decision table. */
class FindingNotesTest {
    private static final String GROUP = "sg-0abc0000000000001";
    private static final String ID = "arn:aws:securityhub:us-east-1:123456789012:security-control/EC2.13/finding/f1";
    private static final String WHY = "Security Hub EC2.13: port 22 (SSH) open to the world (finding " + ID + ")";
    private static final Finding FINDING = new Finding(
            ID,
            "arn:aws:securityhub:us-east-1::product/aws/securityhub",
            "EC2.13",
            Instant.parse("2026-12-01T00:00:00Z"),
            List.of(WHY));

    @Test
    void everyMixOfOutcomesIsResolvedOnlyWhenAllSelectedRulesAreGone() {
        List<Outcome> all = List.of(Outcome.values());
        Set<Outcome> gone = EnumSet.of(Outcome.REVOKED, Outcome.NOT_FOUND);
        for (int mask = 1; mask < 1 << all.size(); mask++) {
            List<PermissionOutcome> entries = new ArrayList<>();
            Set<Outcome> mix = EnumSet.noneOf(Outcome.class);
            for (int i = 0; i < all.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    mix.add(all.get(i));
                    entries.add(entry(all.get(i), 1000 + i, WHY));
                }
            }
            FindingNotes.Note note =
                    FindingNotes.of(result(entries, false), List.of(FINDING)).get(0);
            FindingNotes.Workflow expected =
                    gone.containsAll(mix) ? FindingNotes.Workflow.RESOLVED : FindingNotes.Workflow.NOTIFIED;
            assertEquals(expected, note.workflow(), mix.toString());
            assertTrue(note.text().length() <= FindingNotes.MAX_NOTE_CHARS, mix.toString());
        }
    }

    @Test
    void aDryRunLeavesTheWorkflowAsItIsAndSaysSo() {
        FindingNotes.Note note = FindingNotes.of(
                        result(List.of(entry(Outcome.DRY_RUN, 22, WHY)), true), List.of(FINDING))
                .get(0);
        assertNull(note.workflow());
        assertTrue(
                note.text()
                        .startsWith("sg-revoker checked (dry run, nothing changed): 1 of 1 rule of " + GROUP
                                + " would be revoked."),
                note.text());
    }

    @Test
    void theNoteSaysWhatWasRevokedWhatRemainsAndWhyAndWhereTheResultIs() {
        RevocationResult result = result(
                List.of(
                        entry(Outcome.REVOKED, 22, WHY),
                        entry(Outcome.FAILED, 3389, WHY),
                        entry(Outcome.EXEMPT, 80, WHY)),
                false);

        FindingNotes.Note note = FindingNotes.of(result, List.of(FINDING)).get(0);

        assertEquals(FindingNotes.Workflow.NOTIFIED, note.workflow());
        assertEquals(
                "sg-revoker revoked 1 of 3 rules of " + GROUP + " that this finding's control selected; 1 failed"
                        + " (UnauthorizedOperation); 1 exempt. Revoked: tcp 22 from 0.0.0.0/0. Remains: tcp 3389 from"
                        + " 0.0.0.0/0 (UnauthorizedOperation), tcp 80 from 0.0.0.0/0 (exempt). Result and restore"
                        + " documents: invocation inv-0000, SQS message msg-0000.",
                note.text());
    }

    @Test
    void aThousandRuleResultStillFitsInFiveHundredAndTwelveCharactersWithItsIds() {
        List<PermissionOutcome> entries = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            entries.add(entry(i % 3 == 0 ? Outcome.FAILED : Outcome.REVOKED, 1 + i, WHY));
        }
        String invocation = "4c1f7c55-1f43-4a5e-9d59-8a0a3f1c2b11";
        String message = "0e6f7a1b-0000-4000-8000-000000000002";
        RevocationResult result = RevocationResult.forRequests(
                new RevocationResult.Origin(invocation, TriggerFamily.SECURITY_HUB_FINDINGS, message, null),
                InputForm.SECURITY_HUB_FINDING,
                false,
                entries);

        String text = FindingNotes.of(result, List.of(FINDING)).get(0).text();

        assertTrue(text.length() <= FindingNotes.MAX_NOTE_CHARS, text.length() + ": " + text);
        assertTrue(text.endsWith("invocation " + invocation + ", SQS message " + message + "."), text);
        assertTrue(text.startsWith("sg-revoker revoked 666 of 1000 rules"), text);
        assertTrue(text.contains(" more."), text);
    }

    @Test
    void onlyTheFindingsOwnEntriesCount() {
        String otherWhy = "Security Hub EC2.19: high-risk ports open to the world (finding arn:other)";
        RevocationResult result =
                result(List.of(entry(Outcome.REVOKED, 22, WHY), entry(Outcome.FAILED, 3389, otherWhy)), false);

        FindingNotes.Note note = FindingNotes.of(result, List.of(FINDING)).get(0);

        assertEquals(FindingNotes.Workflow.RESOLVED, note.workflow(), "the other finding's failure is not this one's");
    }

    @Test
    void anEc2FindingStaysNotifiedWhileItsDefaultGroupKeepsEgressRules() {
        Finding ec22 = new Finding("arn:f2", "arn:p", "EC2.2", null, List.of("Security Hub EC2.2: x (finding arn:f2)"));
        PermissionOutcome ingress = entry(Outcome.REVOKED, 22, "Security Hub EC2.2: x (finding arn:f2)");
        Permission all = new Permission(Protocol.ALL, PortRange.ANY, new RuleSource.Ipv4Range("0.0.0.0/0"), null);
        DescribedRule egress = new DescribedRule("sgr-egress", GROUP, true, all, Map.of());

        RevocationResult kept = result(List.of(ingress), false).withEgressKept(List.of(egress));
        FindingNotes.Note note = FindingNotes.of(kept, List.of(ec22)).get(0);
        assertEquals(FindingNotes.Workflow.NOTIFIED, note.workflow());
        assertTrue(note.text().contains("EC2.2 keeps failing while 1 egress rule remains"), note.text());

        FindingNotes.Note clean =
                FindingNotes.of(result(List.of(ingress), false), List.of(ec22)).get(0);
        assertEquals(FindingNotes.Workflow.RESOLVED, clean.workflow());
    }

    private static RevocationResult result(List<PermissionOutcome> entries, boolean dryRun) {
        return RevocationResult.forRequests(
                new RevocationResult.Origin("inv-0000", TriggerFamily.SECURITY_HUB_FINDINGS, "msg-0000", null),
                InputForm.SECURITY_HUB_FINDING,
                dryRun,
                entries);
    }

    private static PermissionOutcome entry(Outcome outcome, int port, String because) {
        Permission p =
                new Permission(Protocol.TCP, new PortRange(port, port), new RuleSource.Ipv4Range("0.0.0.0/0"), null);
        String ruleId = "sgr-%017d".formatted(port);
        PermissionOutcome.Subject s = PermissionOutcome.Subject.inGroup(AccountRegion.OWN, GROUP, null)
                .asking(p, ruleId)
                .selectedBecause(because);
        List<DescribedRule> before = List.of(new DescribedRule(ruleId, GROUP, false, p, Map.of()));
        return switch (outcome) {
            case REVOKED -> PermissionOutcome.revoked(s, before, null);
            case DRY_RUN -> PermissionOutcome.dryRun(s, before, "would");
            case NOT_FOUND -> PermissionOutcome.notFound(s, "gone");
            case FAILED -> PermissionOutcome.failed(s, FailureCode.Aws.ec2("UnauthorizedOperation", 403), "no");
            case SKIPPED -> PermissionOutcome.skipped(s, FailureCode.Ours.BLAST_RADIUS_EXCEEDED, "limit");
            case EXEMPT -> PermissionOutcome.exempt(s, "the tag sg-revoker:exempt is true", java.time.LocalDate.MAX);
        };
    }
}
