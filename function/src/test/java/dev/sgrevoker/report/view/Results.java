package dev.sgrevoker.report.view;

import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.PermissionOutcome.Subject;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.Provenance;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.model.TriggerFamily;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Results built the way the engine builds them (the model's own factories), and the sample documents on disk. */
final class Results {
    static final String WEB = "sg-0123456789abcdef0";
    static final String DB = "sg-0fedcba9876543210";
    static final String OWNER = "111122223333";
    static final GroupFacts WEB_FACTS =
            new GroupFacts(WEB, "web", "vpc-0a1b2c3d4e5f60718", OWNER, Map.of("team", "edge"));
    static final GroupFacts DB_FACTS = new GroupFacts(DB, "db", "vpc-0a1b2c3d4e5f60718", OWNER, Map.of());
    static final Path SAMPLES = Path.of("src/test/resources/report");

    private Results() {}

    static Permission tcp(int port, String cidr, String description) {
        return new Permission(Protocol.TCP, new PortRange(port, port), new RuleSource.Ipv4Range(cidr), description);
    }

    /** A rule as a report-only sweep selects it: in the function's own account, only EC2's check asked for. */
    static Subject subject(GroupFacts group, Permission asked, String ruleId, String because) {
        return Subject.inGroup(AccountRegion.OWN, group.groupId(), null)
                .describedAs(group)
                .asking(asked, ruleId)
                .selectedBecause(because)
                .asDryRun(true);
    }

    /**
     * A report-only sweep's result: two rules that would go (one with tags, one referencing another account's group),
     * one exempt until a date, one skipped for the limit, one EC2 refused, one gone, and a request that matched two
     * rules at once.
     */
    static RevocationResult sweep() {
        var ssh = new DescribedRule(
                "sgr-0000000000000000a",
                WEB,
                false,
                tcp(22, "0.0.0.0/0", "ssh & rdp; #1 {x}"),
                Map.of("owner", "web", "ticket", "=cmd|' /C calc'!A0"));
        var allFromLab = new DescribedRule(
                "sgr-0000000000000000b",
                WEB,
                false,
                new Permission(Protocol.ALL, PortRange.ANY, new RuleSource.Ipv6Range("::/0"), null),
                Map.of());
        var partner = new DescribedRule(
                "sgr-0000000000000000c",
                DB,
                false,
                new Permission(
                        Protocol.TCP,
                        new PortRange(5432, 5432),
                        new RuleSource.GroupReference("sg-0aaaaaaaaaaaaaaaa", null, "444455556666", null, null),
                        "partner, \"proxy\" tier"),
                Map.of());
        var twinA = new DescribedRule("sgr-0000000000000000d", DB, false, tcp(8080, "10.0.0.0/8", "a"), Map.of());
        var twinB = new DescribedRule("sgr-0000000000000000e", DB, false, tcp(8080, "10.0.0.0/8", "b"), Map.of());
        String ec2_13 = "EC2.13: port 22 (SSH) open to the world; EC2.19: high-risk ports open to the world";
        List<PermissionOutcome> outcomes = List.of(
                PermissionOutcome.dryRun(
                        subject(WEB_FACTS, ssh.permission(), ssh.ruleId(), ec2_13), List.of(ssh), "dry run"),
                PermissionOutcome.dryRun(
                        subject(WEB_FACTS, allFromLab.permission(), allFromLab.ruleId(), "EC2.18: ports"),
                        List.of(allFromLab),
                        "dry run"),
                PermissionOutcome.dryRun(
                        subject(DB_FACTS, partner.permission(), partner.ruleId(), "allowedSources: not allowed"),
                        List.of(partner),
                        "dry run"),
                PermissionOutcome.dryRun(
                        subject(DB_FACTS, twinA.permission(), null, null), List.of(twinA, twinB), "dry run"),
                PermissionOutcome.exempt(
                        subject(WEB_FACTS, tcp(3389, "0.0.0.0/0", "rdp"), "sgr-0000000000000000f", "EC2.14: rdp"),
                        "exempt until 2027-01-31: tag sg-revoker:exempt=2027-01-31 on the rule sgr-0000000000000000f",
                        java.time.LocalDate.of(2027, 1, 31)),
                PermissionOutcome.exempt(
                        subject(DB_FACTS, tcp(23, "0.0.0.0/0", null), "sgr-00000000000000010", "EC2.19: telnet"),
                        "exempt: tag sg-revoker:exempt=true on the group " + DB,
                        java.time.LocalDate.MAX),
                PermissionOutcome.skipped(
                        subject(DB_FACTS, tcp(21, "0.0.0.0/0", null), "sgr-00000000000000011", "EC2.19: ftp"),
                        FailureCode.Ours.BLAST_RADIUS_EXCEEDED,
                        "7 rules selected, more than the limit of 5"),
                PermissionOutcome.failed(
                        subject(WEB_FACTS, tcp(25, "0.0.0.0/0", null), "sgr-00000000000000012", "EC2.19: smtp"),
                        FailureCode.Aws.ec2("UnauthorizedOperation", 403),
                        "You are not authorized <to> do this"),
                PermissionOutcome.notFound(
                        subject(WEB_FACTS, tcp(110, "0.0.0.0/0", null), "sgr-00000000000000013", "EC2.19: pop3"),
                        "sgr-00000000000000013 is no longer a rule of " + WEB));
        Provenance from = new Provenance(
                Instant.parse("2026-11-29T06:00:00Z"), "evt-1", null, "aws.events", null, null, null, null, null);
        return RevocationResult.forSweep(
                RevocationResult.Origin.of("inv-1", TriggerFamily.SCHEDULED_EVENT, from),
                false,
                outcomes,
                new RevocationResult.SweepSummary(3, 40, 7, 2, 0));
    }
}
