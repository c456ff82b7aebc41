package dev.sgrevoker.revoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sgrevoker.model.Cidr;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.GroupTarget;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.model.Selection;
import dev.sgrevoker.policy.BlastRadius;
import dev.sgrevoker.policy.Check;
import dev.sgrevoker.policy.Controls;
import dev.sgrevoker.policy.Guardrails;
import dev.sgrevoker.policy.Policy;
import dev.sgrevoker.policy.RevertMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the engine holds every trigger to: exemptions, the blast-radius limit, CloudTrail's revert mode, hand-over. */
class GuardrailsTest {
    private static final String WEB = "sg-0aaaaaaaaaaaaaaaa";
    private static final String APP = "sg-0bbbbbbbbbbbbbbbb";
    private static final Check EC2_13 =
            Controls.byId("EC2.13", List.of(), List.of()).orElseThrow().check();
    private static final Requested SSH_ALERT = new Requested.BySelection(
            "EC2.13", new Selection.OpenToWorld(Set.of(Selection.PortSpec.tcp(22))), "finding F");

    private static Permission tcp(int port, String cidr) {
        return new Permission(
                Protocol.TCP, new PortRange(port, port), new RuleSource.Ipv4Range(Cidr.ipv4(cidr, "t")), null);
    }

    private static RevocationRequest request(String group, InputForm form, Requested... items) {
        return new RevocationRequest(new GroupTarget.ById(group), List.of(items), false, form);
    }

    private final InMemoryEc2 ec2 = new InMemoryEc2()
            .group(
                    WEB,
                    new DescribedRule("sgr-1", WEB, false, tcp(22, "0.0.0.0/0"), java.util.Map.of()),
                    new DescribedRule("sgr-2", WEB, false, tcp(22, "0.0.0.0/0"), Map.of("sg-revoker:exempt", "true")),
                    new DescribedRule("sgr-3", WEB, false, tcp(443, "10.0.0.0/8"), java.util.Map.of()))
            .group(APP, new DescribedRule("sgr-4", APP, false, tcp(22, "0.0.0.0/0"), java.util.Map.of()));

    private static List<Outcome> outcomes(List<PermissionOutcome> out) {
        return out.stream().map(PermissionOutcome::outcome).toList();
    }

    @Test
    void anAlertReportsAnExemptRuleAsExemptAndRevokesTheRest() {
        ec2.groupTags.put(APP, Map.of("sg-revoker:exempt", "2999-12-31"));
        List<PermissionOutcome> out = new Revoker(ec2, Safeguards.defaults())
                .revoke(List.of(
                        request(WEB, InputForm.SECURITY_HUB_FINDING, SSH_ALERT),
                        request(APP, InputForm.SECURITY_HUB_FINDING, SSH_ALERT)));
        assertEquals(List.of(Outcome.REVOKED, Outcome.EXEMPT, Outcome.EXEMPT), outcomes(out));
        assertEquals(
                "exempt: tag sg-revoker:exempt=true on the rule sgr-2",
                out.get(1).reason());
        assertTrue(
                out.get(2).reason().contains("on the group " + APP), out.get(2).reason());
        assertEquals("finding F", out.get(1).because());
        assertEquals(List.of("sgr-2", "sgr-3"), ids(WEB));
        assertEquals(List.of("sgr-4"), ids(APP));
    }

    @Test
    void anExplicitRequestIsNotAPolicySelectionSoTagsDoNotExemptIt() {
        List<PermissionOutcome> out = new Revoker(ec2, Safeguards.defaults())
                .revoke(List.of(request(WEB, InputForm.CLI_INPUT_JSON, new Requested.ByRuleId("sgr-2"))));
        assertEquals(List.of(Outcome.REVOKED), outcomes(out));
    }

    @Test
    void aSweptRuleTaggedSinceTheSweepReadItIsExempt() {
        List<PermissionOutcome> out = new Revoker(ec2, Safeguards.defaults())
                .revoke(List.of(request(
                        WEB,
                        InputForm.SWEEP,
                        new Requested.ByRuleId("sgr-1", "EC2.13"),
                        new Requested.ByRuleId("sgr-2", "EC2.13"))));
        assertEquals(List.of(Outcome.REVOKED, Outcome.EXEMPT), outcomes(out));
        assertEquals("EC2.13", out.get(0).because());
    }

    @Test
    void aboveTheLimitNothingIsRevokedAndEverySelectedRuleSaysWhy() {
        Revoker revoker =
                new Revoker(ec2, Safeguards.of(Guardrails.defaults().withLimit(new BlastRadius(1, "MAX_REVOCATIONS"))));
        List<PermissionOutcome> out = revoker.revoke(List.of(
                request(WEB, InputForm.SECURITY_HUB_FINDING, SSH_ALERT),
                request(APP, InputForm.SECURITY_HUB_FINDING, SSH_ALERT)));
        assertEquals(List.of(Outcome.SKIPPED, Outcome.EXEMPT, Outcome.SKIPPED), outcomes(out));
        assertEquals(FailureCode.Ours.BLAST_RADIUS_EXCEEDED, out.get(0).code());
        assertTrue(out.get(0).reason().startsWith("2 rules were selected, more than the limit of 1"));
        assertEquals(0, ec2.calls.stream().filter(c -> c.startsWith("revoke")).count());
        // exactly at the limit it goes ahead
        List<PermissionOutcome> one = revoker.revoke(List.of(request(APP, InputForm.SECURITY_HUB_FINDING, SSH_ALERT)));
        assertEquals(List.of(Outcome.REVOKED), outcomes(one));
    }

    @Test
    void aCloudTrailRevertInPolicyModeTakesBackOnlyWhatBreaksThePolicy() {
        List<PermissionOutcome> out = new Revoker(ec2, Safeguards.defaults())
                .revoke(List.of(request(
                        WEB,
                        InputForm.CLOUDTRAIL_AUTHORIZE_INGRESS,
                        new Requested.ByRuleId("sgr-1"),
                        new Requested.ByRuleId("sgr-3"))));
        assertEquals(List.of(Outcome.REVOKED, Outcome.SKIPPED), outcomes(out));
        assertTrue(out.get(0).because().contains("EC2.13"), out.get(0).because());
        assertEquals(FailureCode.Ours.COMPLIES_WITH_POLICY, out.get(1).code());
        Guardrails all = new Guardrails(
                Guardrails.defaults().protectedGroups(),
                BlastRadius.byDefault(),
                Guardrails.defaults().exemptions(),
                RevertMode.ALL,
                Guardrails.defaults().revertPolicy(),
                Guardrails.defaults().defaultGroupEgress(),
                Guardrails.defaults().today());
        List<PermissionOutcome> everything = new Revoker(ec2, Safeguards.of(all))
                .revoke(List.of(request(WEB, InputForm.CLOUDTRAIL_AUTHORIZE_INGRESS, new Requested.ByRuleId("sgr-3"))));
        assertEquals(List.of(Outcome.REVOKED), outcomes(everything));
    }

    /** Records what it was handed; says each part went out as message m-N. */
    private static final class RecordingHandOver implements HandOver {
        final List<Part> parts = new ArrayList<>();

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public List<Sent> send(List<Part> sent) {
            List<Sent> out = new ArrayList<>();
            for (Part p : sent) {
                parts.add(p);
                out.add(new Sent("message m-" + parts.size(), null, null));
            }
            return out;
        }
    }

    @Test
    void groupsThatCannotStartInTimeAreHandedOverByRuleIdWithTheirDryRunFlagAndNoReason() {
        long[] left = {60_000};
        ec2.beforeRevoke = e -> left[0] = 6_000; // the first group's revoke eats the budget: below reserve + hand-over
        RecordingHandOver handOver = new RecordingHandOver();
        List<RevocationRequest> sweep = List.of(
                request(WEB, InputForm.SWEEP, new Requested.ByRuleId("sgr-1", "EC2.13")),
                request(APP, InputForm.SWEEP, new Requested.ByRuleId("sgr-4", "EC2.13; allowedSources")));
        List<PermissionOutcome> out = new Revoker(ec2, Safeguards.defaults())
                .revoke(sweep, () -> left[0], new BlastRadius(7, "the sweep's maxRevocations"), handOver);
        assertEquals(List.of(Outcome.REVOKED, Outcome.SKIPPED), outcomes(out));
        assertEquals(FailureCode.Ours.HANDED_OVER, out.get(1).code());
        assertTrue(out.get(1).reason().contains("message m-1"), out.get(1).reason());
        assertEquals(List.of(new HandOver.Part(APP, false, 7, List.of("sgr-4"), false)), handOver.parts);
        assertEquals(List.of("sgr-4"), ids(APP), "a handed-over group is not touched here");
    }

    @Test
    void withTooLittleTimeToDescribeEveryGroupIsHandedOverButTheLimitHoldsFirst() {
        RecordingHandOver handOver = new RecordingHandOver();
        List<RevocationRequest> sweep = List.of(
                request(WEB, InputForm.SWEEP, new Requested.ByRuleId("sgr-1", "EC2.13")),
                request(APP, InputForm.SWEEP, new Requested.ByRuleId("sgr-4", "EC2.13")));
        List<PermissionOutcome> refused = new Revoker(ec2, Safeguards.defaults())
                .revoke(sweep, () -> 8_000, new BlastRadius(1, "the sweep's maxRevocations"), handOver);
        assertEquals(
                List.of(FailureCode.Ours.BLAST_RADIUS_EXCEEDED, FailureCode.Ours.BLAST_RADIUS_EXCEEDED),
                refused.stream().map(PermissionOutcome::code).toList());
        assertEquals(List.of(), handOver.parts);
        List<PermissionOutcome> out = new Revoker(ec2, Safeguards.defaults())
                .revoke(sweep, () -> 8_000, new BlastRadius(2, "the sweep's maxRevocations"), handOver);
        assertEquals(
                List.of(FailureCode.Ours.HANDED_OVER, FailureCode.Ours.HANDED_OVER),
                out.stream().map(PermissionOutcome::code).toList());
        assertEquals(2, handOver.parts.size());
        assertEquals(List.of(), ec2.calls, "nothing was described or revoked here");
    }

    @Test
    void aHandedOverRuleIsJudgedAgainAsEc2DescribesItNowAndTheSendersReasonIsNotTaken() {
        // sgr-3 (tcp 443 from 10/8) complies with EC2.13; sgr-2 is exempt; sgr-1 breaks it.
        List<PermissionOutcome> out = new Revoker(ec2, Safeguards.defaults())
                .revoke(
                        List.of(request(
                                WEB,
                                InputForm.SWEEP,
                                new Requested.ByRuleId("sgr-1"),
                                new Requested.ByRuleId("sgr-2"),
                                new Requested.ByRuleId("sgr-3"))),
                        TimeBudget.UNLIMITED,
                        BlastRadius.byDefault(),
                        HandOver.NONE,
                        new SweepTerms(Policy.of(EC2_13), RunGate.NONE));
        assertEquals(List.of(Outcome.REVOKED, Outcome.EXEMPT, Outcome.SKIPPED), outcomes(out));
        assertEquals(EC2_13.because(), out.get(0).because(), "computed here, from the policy");
        assertEquals(FailureCode.Ours.COMPLIES_WITH_POLICY, out.get(2).code());
        assertEquals(List.of("sgr-2", "sgr-3"), ids(WEB), "the compliant rule stays");
    }

    @Test
    void theRunIsAskedOnceWithWhatWouldBeRevokedAndItsStopLeavesEveryRuleSkipped() {
        List<Integer> asked = new ArrayList<>();
        RunGate full = n -> {
            asked.add(n);
            return Optional.of(new RunGate.Stop(FailureCode.Ours.RUN_LIMIT_EXCEEDED, "the run's limit"));
        };
        List<RevocationRequest> sweep = List.of(
                request(WEB, InputForm.SWEEP, new Requested.ByRuleId("sgr-1", "EC2.13")),
                request(APP, InputForm.SWEEP, new Requested.ByRuleId("sgr-4", "EC2.13")));
        List<PermissionOutcome> out = new Revoker(ec2, Safeguards.defaults())
                .revoke(
                        sweep,
                        TimeBudget.UNLIMITED,
                        BlastRadius.byDefault(),
                        HandOver.NONE,
                        new SweepTerms(null, full));
        assertEquals(List.of(2), asked);
        assertEquals(
                List.of(FailureCode.Ours.RUN_LIMIT_EXCEEDED, FailureCode.Ours.RUN_LIMIT_EXCEEDED),
                out.stream().map(PermissionOutcome::code).toList());
        assertEquals(0, ec2.calls.stream().filter(c -> c.startsWith("revoke")).count());
        // A dry run reserves nothing, but the run still has its say (a cancel).
        asked.clear();
        List<RevocationRequest> dry = List.of(new RevocationRequest(
                new GroupTarget.ById(WEB), List.of(new Requested.ByRuleId("sgr-1", "EC2.13")), true, InputForm.SWEEP));
        new Revoker(ec2, Safeguards.defaults())
                .revoke(dry, TimeBudget.UNLIMITED, BlastRadius.byDefault(), HandOver.NONE, new SweepTerms(null, full));
        assertEquals(List.of(0), asked);
    }

    @Test
    void groupsHandedOverAfterTheRunAdmittedThemCarryTheReservation() {
        long[] left = {60_000};
        ec2.beforeRevoke = e -> left[0] = 6_000;
        RecordingHandOver handOver = new RecordingHandOver();
        List<RevocationRequest> sweep = List.of(
                request(WEB, InputForm.SWEEP, new Requested.ByRuleId("sgr-1", "EC2.13")),
                request(APP, InputForm.SWEEP, new Requested.ByRuleId("sgr-4", "EC2.13")));
        new Revoker(ec2, Safeguards.defaults())
                .revoke(
                        sweep,
                        () -> left[0],
                        BlastRadius.byDefault(),
                        handOver,
                        new SweepTerms(null, n -> Optional.empty()));
        assertEquals(List.of(new HandOver.Part(APP, false, 50, List.of("sgr-4"), true)), handOver.parts);
    }

    private List<String> ids(String group) {
        return ec2.groups.get(group).stream().map(DescribedRule::ruleId).toList();
    }
}
