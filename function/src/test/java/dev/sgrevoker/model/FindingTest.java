package dev.sgrevoker.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A finding's entries are found by the values that link them to it, never by reading their text back. */
class FindingTest {
    private static final String GROUP = "sg-0123456789abcdef0";
    private static final String WHY = "Security Hub EC2.19: high-risk ports open to the world (finding arn:f)";
    private static final Finding FINDING = new Finding("arn:f", "arn:product", "EC2.19", null, List.of(WHY));

    @Test
    void aRuleOneOfItsRequestsSelectedIsItsWhateverItsBecauseAddsAfterTheCheck() {
        var subject = rule().selectedFor(
                        AlertLink.selectedBy(List.of(WHY), List.of()),
                        WHY + "; tag sg-revoker:exempt=2020-01-01 on the rule ended");
        assertTrue(FINDING.concerns(revoked(subject)));
    }

    @Test
    void aRuleAnotherCheckSelectedIsNotItsEvenWhenItsBecauseBeginsWithTheFindingsReason() {
        var subject = rule().selectedFor(
                        AlertLink.selectedBy(List.of("EC2.13: port 22 open to the world"), List.of()),
                        WHY + "; EC2.13: port 22");
        assertFalse(FINDING.concerns(revoked(subject)));
    }

    @Test
    void aGroupTheIntakeSkippedIsItsOnlyWhenTheSkipNamesIt() {
        var named =
                PermissionOutcome.skipped(PermissionOutcome.Subject.skippedAtIntake(GROUP, "arn:f"), null, "closed");
        var other = PermissionOutcome.skipped(
                PermissionOutcome.Subject.skippedAtIntake(GROUP, "arn:g"), null, "arn:f: reads like it, is not");
        assertTrue(FINDING.concerns(named));
        assertFalse(FINDING.concerns(other));
    }

    private static PermissionOutcome.Subject rule() {
        Permission p =
                new Permission(Protocol.TCP, new PortRange(3389, 3389), new RuleSource.Ipv4Range("0.0.0.0/0"), null);
        return PermissionOutcome.Subject.inGroup(AccountRegion.OWN, GROUP, null).asking(p, "sgr-00000000000003389");
    }

    private static PermissionOutcome revoked(PermissionOutcome.Subject s) {
        Permission p = s.permission();
        return PermissionOutcome.revoked(s, List.of(new DescribedRule(s.ruleId(), GROUP, false, p, Map.of())), null);
    }
}
