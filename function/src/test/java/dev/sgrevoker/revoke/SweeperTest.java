package dev.sgrevoker.revoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sgrevoker.model.Cidr;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.GroupSharing;
import dev.sgrevoker.model.GroupUse;
import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.policy.AllowedSources;
import dev.sgrevoker.policy.BlastRadius;
import dev.sgrevoker.policy.Controls;
import dev.sgrevoker.policy.Policy;
import dev.sgrevoker.policy.Sweep;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A sweep through the engine over an in-memory EC2 that pages its rules two at a time. */
class SweeperTest {
    private static final String WEB = "sg-0aaaaaaaaaaaaaaaa";
    private static final String APP = "sg-0bbbbbbbbbbbbbbbb";
    private static final String DB = "sg-0cccccccccccccccc";
    private static final Policy SSH_AND_SOURCES = new Policy(List.of(
            Controls.byId("EC2.13", List.of(), List.of()).orElseThrow().check(),
            new AllowedSources(List.of("10.0.0.0/8"), Set.of())));

    private static Permission tcp(int port, String cidr) {
        return new Permission(
                Protocol.TCP, new PortRange(port, port), new RuleSource.Ipv4Range(Cidr.ipv4(cidr, "t")), null);
    }

    private final InMemoryEc2 ec2 = new InMemoryEc2()
            .group(
                    WEB,
                    new DescribedRule("sgr-1", WEB, false, tcp(22, "0.0.0.0/0"), java.util.Map.of()),
                    new DescribedRule("sgr-2", WEB, false, tcp(443, "10.1.0.0/16"), java.util.Map.of()),
                    new DescribedRule(
                            "sgr-3", WEB, false, tcp(443, "203.0.113.0/24"), Map.of("sg-revoker:exempt", "true")),
                    new DescribedRule("sgr-9", WEB, true, tcp(443, "0.0.0.0/0"), java.util.Map.of()))
            .group(APP, new DescribedRule("sgr-4", APP, false, tcp(5432, "198.51.100.0/24"), java.util.Map.of()))
            .group(DB, new DescribedRule("sgr-5", DB, false, tcp(5432, "10.0.0.0/8"), java.util.Map.of()));

    private Sweeper.Report sweep(Sweep sweep) {
        return new Sweeper(ec2, new Revoker(ec2, Safeguards.defaults()))
                .sweep(sweep, sweep.limit(BlastRadius.byDefault()), TimeBudget.UNLIMITED, HandOver.NONE);
    }

    private static List<String> line(List<PermissionOutcome> out) {
        return out.stream().map(o -> o.ruleId() + " " + o.outcome()).toList();
    }

    @Test
    void reportOnlyChecksDryRunPerGroupAndChangesNothing() {
        Map<String, List<DescribedRule>> before = Map.copyOf(ec2.groups.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue()))));
        Sweeper.Report r = sweep(new Sweep(SSH_AND_SOURCES, Sweep.Scope.EVERYTHING, false, null));
        assertEquals(List.of("sgr-1 DRY_RUN", "sgr-4 DRY_RUN", "sgr-3 EXEMPT"), line(r.outcomes()));
        assertEquals(
                "EC2.13: port 22 (SSH) open to the world; allowedSources: the source is not among 10.0.0.0/8 or a"
                        + " group of this account",
                r.outcomes().get(0).because());
        assertEquals(new RevocationResult.SweepSummary(3, 5, 2, 1, 0), r.summary());
        assertEquals(
                List.of("dry-run " + WEB + " sgr-1", "dry-run " + APP + " sgr-4"),
                ec2.calls.stream()
                        .filter(c -> c.startsWith("dry-run") || c.startsWith("revoke"))
                        .toList());
        assertEquals(before, ec2.groups, "a report-only sweep changes nothing");
        assertTrue(ec2.calls.contains("rules page 3 of the account"), "more than one page was read: " + ec2.calls);
    }

    @Test
    void anEnforcingSweepRevokesOneCallPerGroupAndConfirms() {
        Sweeper.Report r = sweep(new Sweep(SSH_AND_SOURCES, Sweep.Scope.EVERYTHING, true, null));
        assertEquals(List.of("sgr-1 REVOKED", "sgr-4 REVOKED", "sgr-3 EXEMPT"), line(r.outcomes()));
        assertEquals(
                List.of("sgr-2", "sgr-3", "sgr-9"),
                ec2.groups.get(WEB).stream().map(DescribedRule::ruleId).toList());
        assertEquals(List.of(), ec2.groups.get(APP));
        assertEquals(1, ec2.groups.get(DB).size(), "a compliant rule is left and is not an entry");
    }

    @Test
    void aboveItsLimitASweepRevokesNone() {
        Sweeper.Report r = sweep(new Sweep(SSH_AND_SOURCES, Sweep.Scope.EVERYTHING, true, 1));
        assertEquals(List.of("sgr-1 SKIPPED", "sgr-4 SKIPPED", "sgr-3 EXEMPT"), line(r.outcomes()));
        assertEquals(FailureCode.Ours.BLAST_RADIUS_EXCEEDED, r.outcomes().get(0).code());
        assertTrue(r.outcomes().get(0).reason().contains("the sweep's maxRevocations"));
        assertEquals(2, r.summary().selected());
        assertEquals(0, ec2.calls.stream().filter(c -> c.startsWith("revoke")).count());
    }

    @Test
    void inUseFalseSweepsOnlyGroupsNoInterfaceHasAndNoOtherAccountShares() {
        ec2.interfaces.put(WEB, new GroupUse(3, List.of(), java.util.Set.of("123456789012")));
        // An interface of another account has DB: shared, so never called unused, whatever its own account sees.
        ec2.interfaces.put(DB, new GroupUse(1, List.of(), java.util.Set.of("999999999999")));
        var unusedOnly = new Sweep.Scope(List.of(), List.of(), Map.of(), false);
        Sweeper.Report r = sweep(new Sweep(SSH_AND_SOURCES, unusedOnly, false, null));
        assertEquals(List.of("sgr-4 DRY_RUN"), line(r.outcomes()));
        assertEquals(0, r.outcomes().get(0).subject().use().interfaces(), "the entry says its group is unused");
        assertEquals(1, r.summary().groupsScanned());
        assertTrue(ec2.calls.contains("rules page 1 of the scope"), "only the kept groups' rules: " + ec2.calls);
        assertEquals(
                1, ec2.calls.stream().filter(c -> c.startsWith("interfaces")).count(), ec2.calls.toString());

        ec2.calls.clear();
        var usedOnly = new Sweep.Scope(List.of(), List.of(), Map.of(), true);
        Sweeper.Report used = sweep(new Sweep(SSH_AND_SOURCES, usedOnly, false, null));
        assertEquals(List.of("sgr-1 DRY_RUN", "sgr-3 EXEMPT"), line(used.outcomes()));
        assertEquals(3, used.outcomes().get(0).subject().use().interfaces());
    }

    @Test
    void inUseFalseLeavesOutAGroupSharedThroughRamOrAnotherVpcAndOneWhoseSharingWasNotChecked() {
        ec2.interfaces.put(
                WEB,
                new GroupUse(0, List.of(), java.util.Set.of())
                        .withSharing(GroupSharing.checked(List.of("shared through AWS RAM (arn:aws:ram:share/1)"))));
        ec2.interfaces.put(
                DB,
                new GroupUse(0, List.of(), java.util.Set.of())
                        .withSharing(GroupSharing.checked(List.of("associated with vpc-2 of account 999999999999"))));
        ec2.interfaces.put(
                APP,
                new GroupUse(0, List.of(), java.util.Set.of())
                        .withSharing(new GroupSharing(
                                List.of(), "sharing not checked: AWS RAM ListResources answered AccessDenied")));
        var unusedOnly = new Sweep.Scope(List.of(), List.of(), Map.of(), false);
        Sweeper.Report r = sweep(new Sweep(SSH_AND_SOURCES, unusedOnly, false, null));
        assertEquals(List.of(), line(r.outcomes()), "no interface has any of them, yet none is known unused");

        var usedOnly = new Sweep.Scope(List.of(), List.of(), Map.of(), true);
        Sweeper.Report used = sweep(new Sweep(SSH_AND_SOURCES, usedOnly, false, null));
        assertEquals(List.of("sgr-1 DRY_RUN", "sgr-4 DRY_RUN", "sgr-3 EXEMPT"), line(used.outcomes()));
        var entry = dev.sgrevoker.report.ResultEntry.of(used.outcomes().get(1));
        assertTrue(entry.get("groupSharingUnknown").asBoolean(), entry.toString());
        assertTrue(entry.get("groupSharingUnknownReason").asText().contains("AccessDenied"), entry.toString());
        assertFalse(entry.has("groupShared"));
    }

    @Test
    void inUseLeavesOutAGroupTheLookupDidNotAnswerForRatherThanGuess() {
        var unusedOnly = new Sweep.Scope(List.of(), List.of(), Map.of(), false);
        RuleInventory silent = new RuleInventory() {
            @Override
            public Map<String, dev.sgrevoker.model.GroupFacts> groupsIn(Sweep.Scope scope) {
                return ec2.groupsIn(scope);
            }

            @Override
            public Map<String, dev.sgrevoker.model.GroupFacts> defaultGroupsIn(Sweep.Scope scope) {
                return ec2.defaultGroupsIn(scope);
            }

            @Override
            public Map<String, dev.sgrevoker.model.GroupFacts> groups(java.util.Collection<String> groupIds) {
                return ec2.groups(groupIds);
            }

            @Override
            public void forEachRulePage(
                    java.util.Collection<String> groupIds, java.util.function.Consumer<RulePage> page) {
                ec2.forEachRulePage(groupIds, page);
            }
        };
        Sweeper.Report r = new Sweeper(silent, new Revoker(ec2, Safeguards.defaults()))
                .sweep(
                        new Sweep(SSH_AND_SOURCES, unusedOnly, false, null),
                        BlastRadius.byDefault(),
                        TimeBudget.UNLIMITED,
                        HandOver.NONE);
        assertEquals(List.of(), r.outcomes());
        assertEquals(0, r.summary().groupsScanned());
    }

    @Test
    void aScopeNarrowsTheGroupsAndTheirRulesAreReadByGroup() {
        ec2.groupTags.put(APP, Map.of("team", "data"));
        Sweeper.Report r = sweep(
                new Sweep(SSH_AND_SOURCES, new Sweep.Scope(List.of(), List.of(), Map.of("team", "data")), true, null));
        assertEquals(List.of("sgr-4 REVOKED"), line(r.outcomes()));
        assertEquals(new RevocationResult.SweepSummary(1, 1, 1, 0, 0), r.summary());
        assertTrue(ec2.calls.contains("rules page 1 of the scope"), ec2.calls.toString());
        assertEquals(Outcome.REVOKED, r.outcomes().get(0).outcome());
    }

    @Test
    void aProtectedGroupsRulesAreReportedButNotCountedAsSelectedForRevocation() {
        ec2.groupTags.put(APP, Map.of("sg-revoker:protected", "true"));
        Sweeper.Report r = sweep(new Sweep(SSH_AND_SOURCES, Sweep.Scope.EVERYTHING, true, null));
        assertEquals(List.of("sgr-1 REVOKED", "sgr-4 SKIPPED", "sgr-3 EXEMPT"), line(r.outcomes()));
        assertEquals(FailureCode.Ours.PROTECTED, r.outcomes().get(1).code());
        assertEquals(new RevocationResult.SweepSummary(3, 5, 1, 1, 0), r.summary(), "selected: only sgr-1");
    }

    @Test
    void aSweepThatCannotReadTheAccountSaysSoInOneFailedEntryAndRevokesNothing() {
        ec2.failDescribe = new Ec2CallFailed(InMemoryEc2.THROTTLED, "Request limit exceeded.");
        Sweeper.Report r = sweep(new Sweep(SSH_AND_SOURCES, Sweep.Scope.EVERYTHING, true, null));
        assertEquals(
                List.of(Outcome.FAILED),
                r.outcomes().stream().map(PermissionOutcome::outcome).toList());
        assertEquals(InMemoryEc2.THROTTLED, r.outcomes().get(0).code());
        assertTrue(r.outcomes().get(0).transientFailure(), "a throttled read is worth another try from a queue");
        assertEquals(0, ec2.calls.stream().filter(c -> c.startsWith("revoke")).count());
    }

    private List<String> reads() {
        return ec2.calls.stream()
                .filter(c -> !c.startsWith("dry-run") && !c.startsWith("revoke"))
                .toList();
    }

    @Test
    void eachRuleIsReadOnceAndOnlyTheGroupsOfSelectedRulesAreDescribed() {
        sweep(new Sweep(SSH_AND_SOURCES, Sweep.Scope.EVERYTHING, false, null));
        // Three pages of rules, then the two groups with verdicts (DB complies: never described), whose facts the
        // engine
        // takes as they are; it reads their rules afresh.
        assertEquals(
                List.of(
                        "rules page 1 of the account",
                        "rules page 2 of the account",
                        "rules page 3 of the account",
                        "groups " + WEB + "," + APP,
                        "describe " + WEB + "," + APP),
                reads());
    }

    @Test
    void eachEntryNamesTheControlsThatChoseItAndAnExemptOneTheLastDayItsTagHolds() {
        String ops = "sg-0dddddddddddddddd";
        ec2.group(
                ops,
                new DescribedRule("sgr-6", ops, false, tcp(22, "0.0.0.0/0"), Map.of("sg-revoker:exempt", "2020-01-31")),
                new DescribedRule(
                        "sgr-7", ops, false, tcp(22, "0.0.0.0/0"), Map.of("sg-revoker:exempt", "2999-12-31")));
        Sweeper.Report r = sweep(new Sweep(SSH_AND_SOURCES, Sweep.Scope.EVERYTHING, false, null));
        Map<String, PermissionOutcome> byRule = new java.util.HashMap<>();
        r.outcomes().forEach(o -> byRule.put(o.ruleId(), o));

        PermissionOutcome expired = byRule.get("sgr-6");
        assertEquals(Outcome.DRY_RUN, expired.outcome());
        assertTrue(expired.because().contains("ended after 2020-01-31"), "the note stays in because");
        assertEquals(List.of("EC2.13", "allowedSources"), expired.subject().controls());
        assertEquals(
                2,
                expired.subject().checks().size(),
                "the note is no check: " + expired.subject().checks());
        assertEquals(null, expired.exemptUntil());
        assertEquals(List.of("allowedSources"), byRule.get("sgr-4").subject().controls());
        assertEquals(java.time.LocalDate.of(2999, 12, 31), byRule.get("sgr-7").exemptUntil());
        assertEquals(
                List.of("EC2.13", "allowedSources"),
                byRule.get("sgr-7").subject().controls());
        assertEquals(java.time.LocalDate.MAX, byRule.get("sgr-3").exemptUntil(), "a tag of true has no end");
    }

    @Test
    void aGroupsExemptionTagIsReadWithTheGroupsOfSelectedRules() {
        ec2.groupTags.put(APP, Map.of("sg-revoker:exempt", "true"));
        Sweeper.Report r = sweep(new Sweep(SSH_AND_SOURCES, Sweep.Scope.EVERYTHING, true, null));
        assertEquals(List.of("sgr-1 REVOKED", "sgr-3 EXEMPT", "sgr-4 EXEMPT"), line(r.outcomes()));
        assertEquals(1, ec2.groups.get(APP).size(), "the exempt group keeps its rule");
    }

    @Test
    void aCheckOfDefaultGroupsOnlyReadsTheDefaultGroupsAndTheirRulesAlone() {
        ec2.groupNames.put(APP, "default");
        Policy ec22 = Policy.of(
                Controls.byId("EC2.2", List.of(), List.of()).orElseThrow().check());
        Sweeper.Report r = sweep(new Sweep(ec22, Sweep.Scope.EVERYTHING, false, null));
        assertEquals(List.of("sgr-4 DRY_RUN"), line(r.outcomes()));
        assertEquals(new RevocationResult.SweepSummary(1, 1, 1, 0, 0), r.summary());
        assertEquals(List.of("default groups in scope", "rules page 1 of the scope", "describe " + APP), reads());
    }

    @Test
    void aDefaultGroupCheckBesideOthersJudgesOnlyTheDefaultGroupsByIt() {
        ec2.groupNames.put(DB, "default");
        Policy policy = Policy.of(
                Controls.byId("EC2.2", List.of(), List.of()).orElseThrow().check(),
                Controls.byId("EC2.13", List.of(), List.of()).orElseThrow().check());
        Sweeper.Report r = sweep(new Sweep(policy, Sweep.Scope.EVERYTHING, false, null));
        // EC2.2 empties DB (the default group) only; EC2.13 takes WEB's port 22; APP's rule breaks neither.
        assertEquals(List.of("sgr-1 DRY_RUN", "sgr-5 DRY_RUN"), line(r.outcomes()));
        assertEquals("default groups in scope", reads().get(0));
        assertTrue(reads().contains("groups " + WEB), "DB was described with the default groups: " + reads());
    }

    @Test
    void aReferenceToAGroupOfTheSameAccountIsJudgedFromTheRulesOwnerWithoutADescribe() {
        RuleSource sameAccount = new RuleSource.GroupReference(APP, null, InMemoryEc2.OWNER, null, null);
        RuleSource otherAccount =
                new RuleSource.GroupReference("sg-0ddddddddddddddd", null, "210987654321", null, null);
        ec2.group(
                        "sg-0eeeeeeeeeeeeeeee",
                        new DescribedRule(
                                "sgr-6",
                                "sg-0eeeeeeeeeeeeeeee",
                                false,
                                new Permission(Protocol.TCP, new PortRange(80, 80), sameAccount, null),
                                Map.of()))
                .group(
                        "sg-0fffffffffffffff0",
                        new DescribedRule(
                                "sgr-7",
                                "sg-0fffffffffffffff0",
                                false,
                                new Permission(Protocol.TCP, new PortRange(80, 80), otherAccount, null),
                                Map.of()));
        Policy sources = Policy.of(new AllowedSources(List.of("10.0.0.0/8"), Set.of()));
        Sweeper.Report r = sweep(new Sweep(sources, Sweep.Scope.EVERYTHING, false, null));
        assertEquals(
                List.of("sgr-1 DRY_RUN", "sgr-3 EXEMPT", "sgr-4 DRY_RUN", "sgr-7 DRY_RUN"),
                line(r.outcomes()).stream().sorted().toList());
        assertTrue(
                reads().stream().noneMatch(c -> c.startsWith("groups") && c.contains("sg-0eeeeeeeeeeeeeeee")),
                "the group whose rule references its own account is never described: " + reads());
    }
}
