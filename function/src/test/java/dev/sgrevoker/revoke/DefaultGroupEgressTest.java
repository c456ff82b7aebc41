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
import dev.sgrevoker.policy.Controls;
import dev.sgrevoker.policy.DefaultGroupEgress;
import dev.sgrevoker.policy.Guardrails;
import dev.sgrevoker.policy.Policy;
import dev.sgrevoker.policy.ProtectedGroups;
import dev.sgrevoker.policy.Sweep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** EC2.2 and a VPC default group's egress rules: revoked like ingress with revoke, counted and left with keep. */
class DefaultGroupEgressTest {
    private static final String DEFAULT = "sg-0dddddddddddddddd";
    private static final String WEB = "sg-0aaaaaaaaaaaaaaaa";
    private static final Requested EC2_2 =
            new Requested.BySelection("EC2.2", new Selection.AllIngress(), "finding F (EC2.2)");

    private static Permission all(String cidr, boolean v6) {
        RuleSource to = v6 ? new RuleSource.Ipv6Range(Cidr.ipv6(cidr, "t")) : new RuleSource.Ipv4Range(cidr);
        return new Permission(Protocol.ALL, PortRange.ANY, to, null);
    }

    private final InMemoryEc2 ec2 = new InMemoryEc2()
            .group(
                    DEFAULT,
                    new DescribedRule(
                            "sgr-in",
                            DEFAULT,
                            false,
                            new Permission(
                                    Protocol.ALL,
                                    PortRange.ANY,
                                    new RuleSource.GroupReference(DEFAULT, null, "123456789012", null, null),
                                    null),
                            Map.of()),
                    new DescribedRule("sgr-out4", DEFAULT, true, all("0.0.0.0/0", false), Map.of("owner", "net")),
                    new DescribedRule("sgr-out6", DEFAULT, true, all("::/0", true), Map.of()))
            .group(WEB, new DescribedRule("sgr-webout", WEB, true, all("0.0.0.0/0", false), Map.of()));

    private final List<String> writtenAhead = new ArrayList<>();

    DefaultGroupEgressTest() {
        ec2.groupNames.put(DEFAULT, "default");
    }

    private Revoker engine(DefaultGroupEgress egress, Guardrails base) {
        WriteAhead log = (group, dryRun, rules) ->
                rules.forEach(r -> writtenAhead.add(r.ruleId() + (r.egress() ? " egress" : "")));
        return new Revoker(
                ec2, Safeguards.of(base.withDefaultGroupEgress(egress)).withWriteAhead(log));
    }

    private Revocations alert(DefaultGroupEgress egress, boolean dryRun) {
        return engine(egress, Guardrails.defaults())
                .run(
                        List.of(request(DEFAULT, dryRun, EC2_2)),
                        TimeBudget.UNLIMITED,
                        BlastRadius.byDefault(),
                        HandOver.NONE,
                        SweepTerms.NONE);
    }

    private static RevocationRequest request(String group, boolean dryRun, Requested... items) {
        return new RevocationRequest(
                new GroupTarget.ById(group), List.of(items), dryRun, InputForm.SECURITY_HUB_FINDING);
    }

    private static List<String> lines(List<PermissionOutcome> out) {
        return out.stream()
                .map(o -> o.ruleId() + " " + (o.egress() ? "egress " : "") + o.outcome() + code(o.code()))
                .toList();
    }

    private static String code(FailureCode code) {
        return switch (code) {
            case null -> "";
            case FailureCode.Aws aws -> " " + aws.code();
            case FailureCode.Ours ours -> " " + ours.name();
        };
    }

    private List<String> left(String group) {
        return ec2.groups.get(group).stream().map(DescribedRule::ruleId).toList();
    }

    @Test
    void withRevokeEc22TakesTheDefaultGroupsEgressRulesByTheirOwnCallAndConfirms() {
        Revocations done = alert(DefaultGroupEgress.REVOKE, false);

        assertEquals(
                List.of("sgr-in REVOKED", "sgr-out4 egress REVOKED", "sgr-out6 egress REVOKED"),
                lines(done.outcomes()));
        assertEquals(List.of(), left(DEFAULT));
        assertTrue(ec2.calls.contains("revoke " + DEFAULT + " sgr-in"), ec2.calls.toString());
        assertTrue(ec2.calls.contains("revoke egress " + DEFAULT + " sgr-out4,sgr-out6"), ec2.calls.toString());
        assertEquals(
                List.of("sgr-in", "sgr-out4 egress", "sgr-out6 egress"), writtenAhead, "each image before its call");
        PermissionOutcome out4 = done.outcomes().get(1);
        assertEquals(
                List.of("sgr-out4"),
                out4.before().stream().map(DescribedRule::ruleId).toList());
        assertEquals(Map.of("owner", "net"), out4.before().get(0).tags(), "the before-image keeps the rule's tags");
        assertEquals("finding F (EC2.2)", out4.because());
        assertEquals(List.of(), done.egressKept());
    }

    @Test
    void withKeepOnlyIngressGoesAndTheEgressRulesAreCountedNotSelected() {
        Revocations done = alert(DefaultGroupEgress.KEEP, false);

        assertEquals(List.of("sgr-in REVOKED"), lines(done.outcomes()));
        assertEquals(List.of("sgr-out4", "sgr-out6"), left(DEFAULT));
        assertEquals(
                List.of("sgr-out4", "sgr-out6"),
                done.egressKept().stream().map(DescribedRule::ruleId).toList());
        assertTrue(ec2.calls.stream().noneMatch(c -> c.contains("egress")), ec2.calls.toString());
    }

    @Test
    void aDryRunChecksTheEgressRevokeWithEc2AndChangesNothing() {
        Revocations done = alert(DefaultGroupEgress.REVOKE, true);

        assertEquals(
                List.of(
                        "sgr-in DRY_RUN DRY_RUN_OPERATION",
                        "sgr-out4 egress DRY_RUN DRY_RUN_OPERATION",
                        "sgr-out6 egress DRY_RUN DRY_RUN_OPERATION"),
                lines(done.outcomes()));
        assertTrue(ec2.calls.contains("dry-run egress " + DEFAULT + " sgr-out4,sgr-out6"), ec2.calls.toString());
        assertEquals(3, ec2.groups.get(DEFAULT).size());
    }

    @Test
    void egressRulesCountTowardTheLimit() {
        List<PermissionOutcome> out = engine(DefaultGroupEgress.REVOKE, Guardrails.defaults())
                .revoke(
                        List.of(request(DEFAULT, false, EC2_2)),
                        TimeBudget.UNLIMITED,
                        new BlastRadius(2, "MAX_REVOCATIONS"),
                        HandOver.NONE);

        assertEquals(
                List.of(
                        "sgr-in SKIPPED BLAST_RADIUS_EXCEEDED",
                        "sgr-out4 egress SKIPPED BLAST_RADIUS_EXCEEDED",
                        "sgr-out6 egress SKIPPED BLAST_RADIUS_EXCEEDED"),
                lines(out));
        assertEquals(3, ec2.groups.get(DEFAULT).size(), "one ingress and two egress rules are three, above 2");
    }

    @Test
    void anExemptEgressRuleStaysAndAnEc2RefusalFailsOnlyTheEgressCall() {
        ec2.groups
                .get(DEFAULT)
                .set(
                        1,
                        new DescribedRule(
                                "sgr-out4",
                                DEFAULT,
                                true,
                                all("0.0.0.0/0", false),
                                Map.of("sg-revoker:exempt", "true")));
        ec2.beforeRevoke = e -> {
            if (e.calls.get(e.calls.size() - 1).startsWith("revoke egress")) {
                e.failRevoke =
                        new Ec2CallFailed(InMemoryEc2.UNAUTHORIZED, "not authorized to RevokeSecurityGroupEgress");
            }
        };

        Revocations done = alert(DefaultGroupEgress.REVOKE, false);

        assertEquals(
                List.of("sgr-in REVOKED", "sgr-out4 egress EXEMPT", "sgr-out6 egress FAILED UnauthorizedOperation"),
                lines(done.outcomes()));
        assertEquals(List.of("sgr-out4", "sgr-out6"), left(DEFAULT));
    }

    @Test
    void aProtectedDefaultGroupKeepsEveryRule() {
        Guardrails guarded =
                Guardrails.defaults().withProtectedGroups(new ProtectedGroups(Set.of(DEFAULT), "PROTECTED_GROUP_IDS"));
        List<PermissionOutcome> out =
                engine(DefaultGroupEgress.REVOKE, guarded).revoke(List.of(request(DEFAULT, false, EC2_2)));

        assertEquals(List.of("null SKIPPED PROTECTED"), lines(out));
        assertEquals(3, ec2.groups.get(DEFAULT).size());
    }

    @Test
    void aRequestNamingAnEgressRuleIdIsRefusedWhateverTheSetting() {
        for (DefaultGroupEgress egress : DefaultGroupEgress.values()) {
            List<PermissionOutcome> out = engine(egress, Guardrails.defaults())
                    .revoke(List.of(request(DEFAULT, false, new Requested.ByRuleId("sgr-out4"))));
            assertEquals(List.of("sgr-out4 egress FAILED NOT_AN_INGRESS_RULE"), lines(out), egress.name());
        }
        assertEquals(3, ec2.groups.get(DEFAULT).size());
    }

    @Test
    void onlyADefaultGroupsEgressIsJudgedAndAnAlertOnAnotherGroupIsSkipped() {
        List<PermissionOutcome> out =
                engine(DefaultGroupEgress.REVOKE, Guardrails.defaults()).revoke(List.of(request(WEB, false, EC2_2)));

        assertEquals(Outcome.SKIPPED, out.get(0).outcome());
        assertEquals(List.of("sgr-webout"), left(WEB));
    }

    @Test
    void aHandedOverEgressRuleIsJudgedAgainAndGoesOnlyWithRevoke() {
        Policy ec22 = Policy.of(
                Controls.byId("EC2.2", List.of(), List.of()).orElseThrow().check());
        RevocationRequest handedOver =
                request(DEFAULT, false, new Requested.ByRuleId("sgr-out6", "EC2.2: a VPC default security group"));
        List<PermissionOutcome> kept = engine(DefaultGroupEgress.KEEP, Guardrails.defaults())
                .revoke(
                        List.of(handedOver),
                        TimeBudget.UNLIMITED,
                        BlastRadius.byDefault(),
                        HandOver.NONE,
                        new SweepTerms(ec22, RunGate.NONE));
        assertEquals(List.of("sgr-out6 egress FAILED NOT_AN_INGRESS_RULE"), lines(kept));

        List<PermissionOutcome> revoked = engine(DefaultGroupEgress.REVOKE, Guardrails.defaults())
                .revoke(
                        List.of(handedOver),
                        TimeBudget.UNLIMITED,
                        BlastRadius.byDefault(),
                        HandOver.NONE,
                        new SweepTerms(ec22, RunGate.NONE));
        assertEquals(List.of("sgr-out6 egress REVOKED"), lines(revoked));
        assertEquals(List.of("sgr-in", "sgr-out4"), left(DEFAULT));
    }

    private Sweeper.Report sweep(DefaultGroupEgress egress, boolean enforce) {
        Policy ec22 = Policy.of(
                Controls.byId("EC2.2", List.of(), List.of()).orElseThrow().check());
        Sweep sweep = new Sweep(ec22, Sweep.Scope.EVERYTHING, enforce, null);
        return new Sweeper(ec2, engine(egress, Guardrails.defaults()))
                .sweep(sweep, BlastRadius.byDefault(), TimeBudget.UNLIMITED, HandOver.NONE);
    }

    @Test
    void anEnforcingSweepsEc22RevokesADefaultGroupsEgressWithRevoke() {
        Sweeper.Report r = sweep(DefaultGroupEgress.REVOKE, true);

        assertEquals(
                List.of("sgr-in REVOKED", "sgr-out4 egress REVOKED", "sgr-out6 egress REVOKED"), lines(r.outcomes()));
        assertEquals(3, r.summary().rulesScanned(), "the default group's three rules; WEB's egress is not judged");
        assertEquals(3, r.summary().selected());
        assertEquals(List.of(), left(DEFAULT));
        assertEquals(List.of("sgr-webout"), left(WEB));
        assertTrue(
                r.outcomes().get(1).because().startsWith("EC2.2: "),
                r.outcomes().get(1).because());
    }

    @Test
    void aSweepWithKeepCountsTheDefaultGroupsEgressRulesAndSelectsNone() {
        Sweeper.Report r = sweep(DefaultGroupEgress.KEEP, true);

        assertEquals(List.of("sgr-in REVOKED"), lines(r.outcomes()));
        assertEquals(
                List.of("sgr-out4", "sgr-out6"),
                r.egressKept().stream().map(DescribedRule::ruleId).toList());
        assertEquals(List.of("sgr-out4", "sgr-out6"), left(DEFAULT));
    }
}
