package dev.sgrevoker.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.AlertLink;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.model.RunNote;
import dev.sgrevoker.model.ShardOfRun;
import dev.sgrevoker.model.TriggerFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The result in words: what, where and why; a line per rule up to a cut-off; how to undo; never over 2,000 chars. */
class SummaryTest {
    private static final String GROUP = "sg-0abc0000000000001";
    private static final GroupFacts WEB = new GroupFacts(GROUP, "web", "vpc-1", "123456789012", Map.of());
    private static final String WHY = "Security Hub EC2.13: port 22 (SSH) open to the world (finding arn:f1)";

    @Test
    void theHeadlineSaysWhatWhereAndWhyAndEachRuleHasALine() {
        RevocationResult result = findingResult(List.of(
                revoked(22, "sgr-01"),
                revoked(3389, "sgr-02"),
                PermissionOutcome.failed(
                        subject(ssh(23), "sgr-03"), FailureCode.Aws.ec2("UnauthorizedOperation", 403), "no")));

        Summary summary = Summary.of(result);

        assertEquals(
                "Revoked 2 of 3 rules in " + GROUP + " (web), account 123456789012, for Security Hub EC2.13;"
                        + " 1 failed: UnauthorizedOperation",
                summary.title());
        List<String> lines = summary.text().lines().toList();
        assertEquals(summary.title(), lines.get(0));
        assertEquals("  REVOKED tcp 22 from 0.0.0.0/0 (sgr-01)", lines.get(1));
        assertEquals("  REVOKED tcp 3389 from 0.0.0.0/0 (sgr-02)", lines.get(2));
        assertEquals("  FAILED tcp 23 from 0.0.0.0/0 (sgr-03): UnauthorizedOperation", lines.get(3));
        assertTrue(
                lines.get(4).startsWith("Undo: run each of the result's restore documents with aws ec2"), lines.get(4));
        assertTrue(lines.get(4).contains("invocation inv-1"), lines.get(4));
        assertEquals(Summary.CHANGES, Summary.attention(result));
    }

    @Test
    void itNeverNamesARulesDescriptionOrTags() {
        Permission p = new Permission(
                Protocol.TCP, new PortRange(22, 22), new RuleSource.Ipv4Range("0.0.0.0/0"), "secret-ish text");
        DescribedRule rule = new DescribedRule("sgr-01", GROUP, false, p, Map.of("owner", "tag-value"));
        RevocationResult result =
                findingResult(List.of(PermissionOutcome.revoked(subject(p, "sgr-01"), List.of(rule), null)));

        String text = Summary.of(result).text();

        assertFalse(text.contains("secret-ish"), text);
        assertFalse(text.contains("tag-value"), text);
    }

    @Test
    void afterTheCutOffItSaysHowManyMoreAndStillEndsWithTheUndo() {
        List<PermissionOutcome> many = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            many.add(revoked(1000 + i, "sgr-%017x".formatted(i)));
        }
        Summary summary = Summary.of(findingResult(many));

        List<String> lines = summary.text().lines().toList();
        assertTrue(summary.text().length() <= Summary.MAX_CHARS, summary.text().length() + " chars");
        assertEquals(1 + Summary.MAX_RULE_LINES + 2, lines.size(), summary.text());
        assertEquals("  and " + (1_000 - Summary.MAX_RULE_LINES) + " more", lines.get(lines.size() - 2));
        assertTrue(lines.getLast().startsWith("Undo:"), lines.getLast());
    }

    @Test
    void longReasonsAndControlCharactersStayWithinTheLimitOnOneLineEach() {
        String hostile = "x\n\u202Ey".repeat(3_000);
        RevocationResult result = RevocationResult.rejected(
                RevocationResult.Origin.of("inv-1", TriggerFamily.DIRECT, null),
                new RevocationResult.Rejection("IpPermissions[0]", hostile));

        Summary summary = Summary.of(result);

        assertTrue(summary.text().length() <= Summary.MAX_CHARS);
        assertTrue(summary.title().startsWith("Refused a direct request: IpPermissions[0] x  yx  y"), summary.title());
        assertEquals(2, summary.text().lines().count(), summary.text());
        assertFalse(summary.text().contains("\u202E"));
        assertEquals(Summary.NONE, Summary.attention(result));
    }

    @Test
    void manyGroupsAreCountedAndEachLineNamesItsGroup() {
        List<PermissionOutcome> outcomes = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            String id = "sg-000000000000000" + g;
            GroupFacts facts = new GroupFacts(id, "g" + g, "vpc-1", "123456789012", Map.of());
            Permission p = ssh(22);
            var subject = PermissionOutcome.Subject.inGroup(AccountRegion.OWN, id, null)
                    .describedAs(facts)
                    .asking(p, "sgr-" + g)
                    .selectedBecause("EC2.13: port 22 (SSH) open to the world");
            outcomes.add(PermissionOutcome.exempt(
                    subject, "the group's tag sg-revoker:exempt is true", java.time.LocalDate.MAX));
        }
        RevocationResult result = RevocationResult.forSweep(
                RevocationResult.Origin.of("inv-1", TriggerFamily.SCHEDULED_EVENT, null),
                false,
                outcomes,
                new RevocationResult.SweepSummary(40, 120, 0, 3, 0));

        Summary summary = Summary.of(result);

        assertEquals(
                "Report-only sweep: 120 rules in 40 groups checked, 0 selected, 0 would be revoked in 3 groups,"
                        + " account 123456789012, for EC2.13; 3 exempt",
                summary.title());
        assertTrue(summary.text().contains("  EXEMPT tcp 22 from 0.0.0.0/0 (sg-0000000000000001, sgr-1)"));
        assertTrue(summary.text().endsWith("Nothing changed, nothing to undo (invocation inv-1)."));
        assertEquals(Summary.NONE, Summary.attention(result), "nothing revoked, failed or found");
    }

    @Test
    void aReportOnlySweepThatFoundRulesNeedsAttention() {
        Permission p = ssh(22);
        DescribedRule rule = new DescribedRule("sgr-01", GROUP, false, p, Map.of());
        RevocationResult result = RevocationResult.forSweep(
                RevocationResult.Origin.of("inv-1", TriggerFamily.SCHEDULED_EVENT, null),
                false,
                List.of(PermissionOutcome.dryRun(subject(p, "sgr-01"), List.of(rule), "report-only")),
                new RevocationResult.SweepSummary(1, 1, 1, 0, 0));

        assertEquals(Summary.CHANGES, Summary.attention(result));
        assertTrue(Summary.of(result).title().contains("1 would be revoked"));
    }

    @Test
    void theFirstPartOfASplitResultCarriesTheWholeSummaryAndTheOthersNone() {
        List<PermissionOutcome> many = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            many.add(revoked(1000 + i % 60000, "sgr-%017x".formatted(i)));
        }
        RevocationResult result = findingResult(many);
        List<ObjectNode> parts = ResultParts.of(result);

        assertTrue(parts.size() > 1);
        assertEquals(Summary.of(result).text(), parts.get(0).get("summary").asText());
        assertEquals(
                Summary.of(result).title(), parts.get(0).get("summaryTitle").asText());
        for (int i = 1; i < parts.size(); i++) {
            assertFalse(parts.get(i).has("summary"), "part " + (i + 1));
            assertEquals("changes", parts.get(i).get("attention").asText(), "every part repeats the header");
        }
        assertEquals(
                Summary.of(result).text(),
                ResultDocument.response(result).get("summary").asText());
    }

    private static RevocationResult findingResult(List<PermissionOutcome> outcomes) {
        return RevocationResult.forRequests(
                RevocationResult.Origin.of("inv-1", TriggerFamily.SECURITY_HUB_FINDINGS, null),
                InputForm.SECURITY_HUB_FINDING,
                false,
                outcomes);
    }

    private static PermissionOutcome revoked(int port, String ruleId) {
        Permission p = ssh(port);
        return PermissionOutcome.revoked(
                subject(p, ruleId), List.of(new DescribedRule(ruleId, GROUP, false, p, Map.of())), null);
    }

    private static Permission ssh(int port) {
        return new Permission(Protocol.TCP, new PortRange(port, port), new RuleSource.Ipv4Range("0.0.0.0/0"), null);
    }

    private static PermissionOutcome.Subject subject(Permission p, String ruleId) {
        return PermissionOutcome.Subject.inGroup(AccountRegion.OWN, GROUP, null)
                .describedAs(WEB)
                .asking(p, ruleId)
                .selectedBecause(WHY);
    }

    @Test
    void aDefaultGroupsEgressRulesLeftAreSaidWhateverTheCutOffAndRevokedEgressIsUndoneWithItsOwnCommand() {
        Permission all = new Permission(Protocol.ALL, PortRange.ANY, new RuleSource.Ipv4Range("0.0.0.0/0"), null);
        DescribedRule kept = new DescribedRule("sgr-egress-1", GROUP, true, all, Map.of());
        List<PermissionOutcome> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(revoked(1000 + i, "sgr-%017x".formatted(i)));
        }
        RevocationResult keep = findingResult(many).withEgressKept(List.of(kept));

        String text = Summary.of(keep).text();

        assertTrue(text.length() <= Summary.MAX_CHARS, text.length() + " chars");
        assertTrue(
                text.contains("\nEC2.2 will keep failing while 1 egress rule remains in the VPC default group "), text);

        var egressSubject = PermissionOutcome.Subject.inGroup(AccountRegion.OWN, GROUP, null)
                .describedAs(WEB)
                .asking(all, "sgr-egress-1")
                .selectedBecause("Security Hub EC2.2: x")
                .asEgress(true);
        RevocationResult revoke = findingResult(List.of(PermissionOutcome.revoked(egressSubject, List.of(kept), null)));
        String taken = Summary.of(revoke).text();
        assertTrue(taken.contains("  REVOKED egress all traffic to 0.0.0.0/0 (sgr-egress-1)"), taken);
        assertTrue(taken.contains("each restoreEgress document with aws ec2 authorize-security-group-egress"), taken);
    }

    @Test
    void theWhyNamesTheChecksNotAnExpiredExemptionTheyCarry() {
        Permission p = ssh(23);
        var subject = PermissionOutcome.Subject.inGroup(AccountRegion.OWN, GROUP, null)
                .describedAs(WEB)
                .asking(p, "sgr-23")
                .selectedFor(
                        AlertLink.selectedBy(
                                List.of(
                                        "EC2.13: port 22 (SSH) open to the world",
                                        "EC2.19: high-risk ports open to the world"),
                                List.of("EC2.13", "EC2.19")),
                        "tag sg-revoker:exempt=2025-01-31 on the rule sgr-23 ended after 2025-01-31: no longer an"
                                + " exemption; EC2.13: port 22 (SSH) open to the world; EC2.19: high-risk ports open"
                                + " to the world");
        RevocationResult result = findingResult(List.of(PermissionOutcome.revoked(
                subject, List.of(new DescribedRule("sgr-23", GROUP, false, p, Map.of())), null)));

        assertEquals(
                "Revoked 1 of 1 rule in " + GROUP + " (web), account 123456789012, for EC2.13, EC2.19",
                Summary.of(result).title());
    }

    @Test
    void aDispatchSaysWhatItSentAndAnEmptyShardSaysWhereItLooked() {
        RevocationResult.Origin direct = RevocationResult.Origin.of("inv-2", TriggerFamily.DIRECT, null);
        RevocationResult.SweepSummary nothing = new RevocationResult.SweepSummary(0, 0, 0, 0, 0, null);
        List<ShardOfRun> shards = List.of(
                new ShardOfRun("run-1", "123456789012", "us-east-1"),
                new ShardOfRun("run-1", "123456789012", "eu-west-1"),
                new ShardOfRun("run-1", "210987654321", "us-east-1"));
        RevocationResult dispatch = RevocationResult.forSweep(direct, false, List.of(), nothing)
                .withRun(RunNote.ofRun("run-1", shards, "dispatched"));

        assertEquals(
                "Report-only sweep run run-1 dispatched as 3 shards over 2 accounts and 2 regions, for a direct"
                        + " request; each shard reports its own result, then the run's roll-up",
                Summary.of(dispatch).title());

        RevocationResult emptyShard =
                RevocationResult.forSweep(direct, false, List.of(), nothing).withRun(RunNote.ofShard(shards.get(1)));
        assertTrue(
                Summary.of(emptyShard).title().contains("in account 123456789012, eu-west-1 (shard of run run-1)"),
                Summary.of(emptyShard).title());
    }
}
