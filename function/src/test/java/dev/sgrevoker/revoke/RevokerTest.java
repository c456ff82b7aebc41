package dev.sgrevoker.revoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sgrevoker.model.AccountRegion;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RevokerTest {
    private static final String WEB = "sg-0aaaaaaaaaaaaaaaa";
    private static final String APP = "sg-0bbbbbbbbbbbbbbbb";

    private static Permission tcp(int port, String cidr) {
        return new Permission(
                Protocol.TCP, new PortRange(port, port), new RuleSource.Ipv4Range(Cidr.ipv4(cidr, "t")), null);
    }

    private static DescribedRule ingress(String id, String group, Permission p) {
        return new DescribedRule(id, group, false, p, Map.of());
    }

    private static RevocationRequest request(String group, boolean dryRun, Requested... items) {
        return new RevocationRequest(new GroupTarget.ById(group), List.of(items), dryRun, InputForm.CLI_INPUT_JSON);
    }

    private static Requested rule(Permission p) {
        return new Requested.ByPermission(p);
    }

    private final InMemoryEc2 ec2 = new InMemoryEc2()
            .group(
                    WEB,
                    ingress("sgr-1", WEB, tcp(22, "0.0.0.0/0")),
                    ingress("sgr-2", WEB, tcp(22, "10.0.0.0/8")),
                    ingress("sgr-3", WEB, tcp(443, "0.0.0.0/0")),
                    new DescribedRule(
                            "sgr-9",
                            WEB,
                            true,
                            new Permission(Protocol.ALL, PortRange.ANY, new RuleSource.Ipv4Range("0.0.0.0/0"), null),
                            Map.of()))
            .group(APP, ingress("sgr-4", APP, tcp(5432, "10.0.0.0/8")));

    private List<PermissionOutcome> run(RevocationRequest... requests) {
        return new Revoker(ec2, Safeguards.defaults()).revoke(List.of(requests));
    }

    @Test
    void revokesExactlyTheMatchedRulesInOneCallPerGroupAndConfirms() {
        List<PermissionOutcome> out = run(
                request(
                        WEB,
                        false,
                        rule(tcp(22, "0.0.0.0/0")),
                        rule(tcp(22, "10.1.2.3/8")),
                        rule(tcp(23, "0.0.0.0/0"))),
                request(APP, false, rule(tcp(5432, "10.0.0.0/8"))));
        assertEquals(
                List.of(Outcome.REVOKED, Outcome.REVOKED, Outcome.NOT_FOUND, Outcome.REVOKED),
                out.stream().map(PermissionOutcome::outcome).toList());
        assertEquals(
                List.of("sgr-1", "sgr-2"),
                out.subList(0, 2).stream().map(PermissionOutcome::ruleId).toList());
        assertEquals(
                List.of("sgr-3", "sgr-9"),
                ec2.groups.get(WEB).stream().map(DescribedRule::ruleId).toList());
        assertEquals(
                List.of(
                        "groups " + WEB + "," + APP,
                        "describe " + WEB + "," + APP,
                        "revoke " + WEB + " sgr-1,sgr-2",
                        "revoke " + APP + " sgr-4",
                        "describe " + WEB + "," + APP),
                ec2.calls);
    }

    @Test
    void descriptionsTakeNoPartInMatching() {
        Permission described =
                new Permission(Protocol.TCP, new PortRange(22, 22), new RuleSource.Ipv4Range("0.0.0.0/0"), "anything");
        assertEquals(
                Outcome.REVOKED,
                run(request(WEB, false, rule(described))).get(0).outcome());
    }

    @Test
    void runningTheSamePayloadTwiceReportsNotFoundTheSecondTime() {
        RevocationRequest r = request(WEB, false, rule(tcp(22, "0.0.0.0/0")));
        assertEquals(Outcome.REVOKED, run(r).get(0).outcome());
        PermissionOutcome second = run(r).get(0);
        assertEquals(Outcome.NOT_FOUND, second.outcome());
        assertEquals(null, second.code());
    }

    @Test
    void missingGroupFailsItsPermissionsOnlyAndNothingIsSentForIt() {
        List<PermissionOutcome> out = run(
                request("sg-0cccccccccccccccc", false, rule(tcp(22, "0.0.0.0/0"))),
                request(APP, false, rule(tcp(5432, "10.0.0.0/8"))));
        assertEquals(Outcome.FAILED, out.get(0).outcome());
        assertEquals(FailureCode.Ours.NO_SUCH_GROUP, out.get(0).code());
        assertEquals(Outcome.REVOKED, out.get(1).outcome());
    }

    @Test
    void dryRunChangesNothingAndReportsEc2sAnswer() {
        List<PermissionOutcome> out = run(request(WEB, true, rule(tcp(22, "0.0.0.0/0")), rule(tcp(25, "0.0.0.0/0"))));
        assertEquals(Outcome.DRY_RUN, out.get(0).outcome());
        assertEquals(Outcome.NOT_FOUND, out.get(1).outcome());
        assertEquals(4, ec2.groups.get(WEB).size());
        ec2.dryRunAllowed = false;
        PermissionOutcome refused =
                run(request(WEB, true, rule(tcp(22, "0.0.0.0/0")))).get(0);
        assertEquals(Outcome.FAILED, refused.outcome());
        assertEquals(InMemoryEc2.UNAUTHORIZED, refused.code());
    }

    @Test
    void ruleIdsMustBeIngressRulesOfTheGroup() {
        List<PermissionOutcome> out = run(request(
                WEB,
                false,
                new Requested.ByRuleId("sgr-3"),
                new Requested.ByRuleId("sgr-9"),
                new Requested.ByRuleId("sgr-4")));
        assertEquals(Outcome.REVOKED, out.get(0).outcome());
        assertEquals(tcp(443, "0.0.0.0/0"), out.get(0).permission());
        assertEquals(FailureCode.Ours.NOT_AN_INGRESS_RULE, out.get(1).code());
        assertEquals(Outcome.NOT_FOUND, out.get(2).outcome()); // sgr-4 belongs to another group
        assertEquals(1, ec2.groups.get(APP).size());
    }

    @Test
    void revokeRefusedFailsTheGroupsPermissionsWithEc2sCode() {
        ec2.failRevoke =
                new Ec2CallFailed(InMemoryEc2.UNAUTHORIZED, "You are not authorized to perform this operation.");
        PermissionOutcome out =
                run(request(WEB, false, rule(tcp(22, "0.0.0.0/0")))).get(0);
        assertEquals(Outcome.FAILED, out.outcome());
        assertEquals(InMemoryEc2.UNAUTHORIZED, out.code());
        assertEquals(4, ec2.groups.get(WEB).size());
    }

    @Test
    void aRuleStillDescribedAfterTheRevokeIsFailedNotRevoked() {
        ec2.ignoreRevokes = true;
        PermissionOutcome out =
                run(request(WEB, false, rule(tcp(22, "0.0.0.0/0")))).get(0);
        assertEquals(Outcome.FAILED, out.outcome());
        assertEquals(FailureCode.Ours.STILL_PRESENT, out.code());
    }

    @Test
    void describeFailureFailsEverythingAndRevokesNothing() {
        ec2.failDescribe = new Ec2CallFailed(InMemoryEc2.THROTTLED, "Request limit exceeded.");
        List<PermissionOutcome> out = run(
                request(WEB, false, rule(tcp(22, "0.0.0.0/0"))), request(APP, false, new Requested.ByRuleId("sgr-4")));
        out.forEach(o -> assertEquals(InMemoryEc2.THROTTLED, o.code()));
        assertEquals(List.of("groups " + WEB + "," + APP), ec2.calls);
    }

    @Test
    void aRuleRemovedByOthersBetweenDescribeAndRevokeIsNotFoundAndTheRestStillGo() {
        ec2.beforeRevoke = e -> {
            e.groups.get(WEB).removeIf(r -> r.ruleId().equals("sgr-2"));
            e.beforeRevoke = x -> {};
        };
        List<PermissionOutcome> out = run(request(WEB, false, rule(tcp(22, "0.0.0.0/0")), rule(tcp(22, "10.0.0.0/8"))));
        assertEquals(Outcome.REVOKED, out.get(0).outcome());
        assertEquals(Outcome.NOT_FOUND, out.get(1).outcome());
    }

    @Test
    void namesResolveInTheDefaultVpcOnceEach() {
        ec2.defaultVpcNames.put("web", WEB);
        ec2.defaultVpcNames.put("app", APP);
        Permission fromApp = new Permission(
                Protocol.TCP,
                new PortRange(5432, 5432),
                new RuleSource.GroupReference(null, "app", null, null, null),
                null);
        ec2.groups
                .get(WEB)
                .add(ingress(
                        "sgr-5",
                        WEB,
                        fromApp.withSource(new RuleSource.GroupReference(APP, null, "123456789012", null, null))));
        RevocationRequest byName = new RevocationRequest(
                new GroupTarget.ByName("web"),
                List.of(rule(tcp(22, "0.0.0.0/0")), rule(fromApp)),
                false,
                InputForm.CLI_INPUT_JSON);
        RevocationRequest unknown = new RevocationRequest(
                new GroupTarget.ByName("nope"), List.of(rule(tcp(22, "0.0.0.0/0"))), false, InputForm.CLI_INPUT_JSON);
        List<PermissionOutcome> out = run(byName, unknown);
        assertEquals(
                List.of(Outcome.REVOKED, Outcome.REVOKED, Outcome.FAILED),
                out.stream().map(PermissionOutcome::outcome).toList());
        assertEquals(WEB, out.get(0).groupId());
        assertEquals("web", out.get(0).groupName());
        assertEquals(FailureCode.Ours.NO_SUCH_GROUP, out.get(2).code());
        assertEquals(1, ec2.calls.stream().filter(c -> c.equals("resolve web")).count());
    }

    @Test
    void aDryRunAndARealRevokeOfTheSameRuleInOneInvocationBothHoldTrue() {
        List<PermissionOutcome> out =
                run(request(WEB, false, rule(tcp(22, "0.0.0.0/0"))), request(WEB, true, rule(tcp(22, "0.0.0.0/0"))));
        assertEquals(
                List.of(Outcome.REVOKED, Outcome.DRY_RUN),
                out.stream().map(PermissionOutcome::outcome).toList());
    }

    @Test
    void groupsWhoseRevokeCannotStartInTimeAreReportedNotAttempted() {
        long[] left = {20_000};
        ec2.beforeRevoke = e -> left[0] = 4_000; // the first revoke eats the budget
        Reserve reserve = new Reserve();
        reserve.reportTook(3_000); // reports took 3 s here: 4.5 s are kept, more than the 4 s left
        List<PermissionOutcome> out = new Revoker(ec2, Safeguards.defaults().withReserve(reserve))
                .revoke(
                        List.of(
                                request(WEB, false, rule(tcp(22, "0.0.0.0/0"))),
                                request(APP, false, rule(tcp(5432, "10.0.0.0/8")))),
                        () -> left[0]);
        assertEquals(Outcome.REVOKED, out.get(0).outcome());
        assertEquals(Outcome.FAILED, out.get(1).outcome());
        assertEquals(FailureCode.Ours.TIME_BUDGET_EXHAUSTED, out.get(1).code());
        assertEquals(1, ec2.groups.get(APP).size());
        assertEquals(1, ec2.calls.stream().filter(c -> c.startsWith("revoke ")).count());
    }

    @Test
    void nothingStartsWhenTheInvocationIsAlmostOutOfTime() {
        List<PermissionOutcome> out = new Revoker(ec2, Safeguards.defaults())
                .revoke(List.of(request(WEB, false, rule(tcp(22, "0.0.0.0/0")))), () -> 1_000);
        assertEquals(FailureCode.Ours.TIME_BUDGET_EXHAUSTED, out.get(0).code());
        assertEquals(List.of(), ec2.calls);
    }

    @Test
    void anAlertsSelectionRevokesEachChosenRuleWithTheAlertsReason() {
        ec2.groups
                .get(WEB)
                .add(ingress(
                        "sgr-6",
                        WEB,
                        new Permission(Protocol.TCP, new PortRange(22, 22), new RuleSource.Ipv6Range("::/0"), null)));
        Requested ssh = new Requested.BySelection(
                "EC2.13", new Selection.OpenToWorld(Set.of(Selection.PortSpec.tcp(22))), "finding F (EC2.13)");
        List<PermissionOutcome> out = run(request(WEB, false, ssh), request(APP, false, ssh));
        assertEquals(
                java.util.Arrays.asList("sgr-1", "sgr-6", null),
                out.stream().map(PermissionOutcome::ruleId).toList());
        assertEquals(
                List.of(Outcome.REVOKED, Outcome.REVOKED, Outcome.NOT_FOUND),
                out.stream().map(PermissionOutcome::outcome).toList());
        out.forEach(o -> assertEquals("finding F (EC2.13)", o.because()));
        out.forEach(o -> assertEquals(List.of("EC2.13"), o.subject().controls()));
        assertEquals(
                List.of("sgr-2", "sgr-3", "sgr-9"),
                ec2.groups.get(WEB).stream().map(DescribedRule::ruleId).toList());
        assertEquals(1, ec2.groups.get(APP).size()); // 10.0.0.0/8 is not the world
    }

    @Test
    void aSelectionOnAMissingGroupFailsWithoutExpanding() {
        Requested all = new Requested.BySelection("EC2.2", new Selection.AllIngress(), "EC2.2");
        PermissionOutcome out = run(request("sg-0cccccccccccccccc", false, all)).get(0);
        assertEquals(FailureCode.Ours.NO_SUCH_GROUP, out.code());
    }

    @Test
    void everyIngressRuleIsRevokedOnlyFromAGroupEc2NamesDefault() {
        Requested ec2dot2 = new Requested.BySelection("EC2.2", new Selection.AllIngress(), "EC2.2");
        List<PermissionOutcome> refused = run(request(WEB, false, ec2dot2));
        assertEquals(Outcome.SKIPPED, refused.get(0).outcome());
        assertEquals(4, ec2.groups.get(WEB).size(), "an alert naming a non-default group must not empty it");
        ec2.groupNames.put(APP, "default");
        List<PermissionOutcome> out = run(request(APP, false, ec2dot2));
        assertEquals(
                List.of(Outcome.REVOKED),
                out.stream().map(PermissionOutcome::outcome).toList());
        assertEquals(List.of(), ec2.groups.get(APP));
    }

    @Test
    void aRevokedRuleCarriesItsOwnDescriptionAndTagsNotTheRequesters() {
        Permission described = new Permission(
                Protocol.TCP,
                new PortRange(22, 22),
                new RuleSource.Ipv4Range("198.51.100.0/24"),
                "vendor-x jump host INC-42");
        ec2.group(APP, new DescribedRule("sgr-7", APP, false, described, java.util.Map.of("ticket", "INC-42")));
        Permission asked = new Permission(
                Protocol.TCP,
                new PortRange(22, 22),
                new RuleSource.Ipv4Range("198.51.100.0/24"),
                "approved by CISO, do not restore");
        PermissionOutcome out = run(request(APP, false, rule(asked))).get(0);
        assertEquals(Outcome.REVOKED, out.outcome());
        assertEquals(1, out.before().size());
        assertEquals(
                "vendor-x jump host INC-42", out.before().get(0).permission().description());
        assertEquals(java.util.Map.of("ticket", "INC-42"), out.before().get(0).tags());
        assertEquals("vpc-0123456789abcdef0", out.subject().group().vpcId());
        assertEquals("123456789012", out.subject().group().ownerId());
    }

    @Test
    void beforeEachRevokeCallTheRulesAboutToGoAreWrittenAhead() {
        List<String> seen = new ArrayList<>();
        WriteAhead journal = (groupId, dryRun, rules) -> seen.add("ahead " + groupId + " " + dryRun + " "
                + rules.stream().map(r -> r.permission().ports().from()).toList());
        ec2.beforeRevoke = e -> seen.add("revoke");
        new Revoker(ec2, Safeguards.defaults().withWriteAhead(journal))
                .revoke(List.of(
                        request(WEB, false, rule(tcp(22, "0.0.0.0/0"))),
                        request(APP, true, rule(tcp(5432, "10.0.0.0/8")))));
        // Dry runs go first; each revoke call is preceded by the images of exactly its rules.
        assertEquals(
                List.of("ahead " + APP + " true [5432]", "revoke", "ahead " + WEB + " false [22]", "revoke"), seen);
    }

    @Test
    void theReserveIsWhatConfirmingAndReportingTookHereNeverBelowItsFloor() {
        Reserve reserve = new Reserve();
        assertEquals(5_000, reserve.millis(), "unmeasured: the old fixed figure");
        reserve.describeTook(120);
        reserve.reportTook(300);
        assertEquals(Reserve.FLOOR_MILLIS, reserve.millis(), "fast calls: the floor");
        reserve.describeTook(900);
        reserve.reportTook(2_000);
        assertEquals(1_350 + 3_000, reserve.millis(), "the slowest of each, with half again as margin");
        for (int i = 0; i < 16; i++) {
            reserve.describeTook(100);
            reserve.reportTook(100);
        }
        assertEquals(Reserve.FLOOR_MILLIS, reserve.millis(), "old slow calls age out of the window");
    }

    @Test
    void aPermissionEndsOnceAndASecondEndIsABug() {
        Pending p = new Pending(new Requested.ByRuleId("sgr-1"), false, AccountRegion.OWN, WEB, null);
        p.notFound("gone");
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class, () -> p.fail(FailureCode.Ours.STILL_PRESENT, "again"));
    }
}
