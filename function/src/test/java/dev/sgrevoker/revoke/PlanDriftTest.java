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
import dev.sgrevoker.policy.Guardrails;
import dev.sgrevoker.policy.ProtectedGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A plan's rules are revoked only while EC2 still describes them as the plan recorded them: a rule changed since is
 * SKIPPED Drifted with what changed, a rule gone is NOT_FOUND, and protection and exemptions added since still hold.
 */
class PlanDriftTest {
    private static final String WEB = "sg-0aaaaaaaaaaaaaaaa";

    private static Permission tcp(int from, int to, String cidr, String description) {
        return new Permission(
                Protocol.TCP, new PortRange(from, to), new RuleSource.Ipv4Range(Cidr.ipv4(cidr, "t")), description);
    }

    private static DescribedRule rule(String id, Permission p) {
        return new DescribedRule(id, WEB, false, p, Map.of());
    }

    /** The rules as the plan recorded them. */
    private static final DescribedRule SSH = rule("sgr-1", tcp(22, 22, "0.0.0.0/0", "ssh for the vendor"));

    private static final DescribedRule RDP = rule("sgr-2", tcp(3389, 3389, "0.0.0.0/0", null));
    private static final DescribedRule WEBS = rule("sgr-3", tcp(443, 443, "0.0.0.0/0", "web & api; #1"));

    private final InMemoryEc2 ec2 = new InMemoryEc2();

    private List<PermissionOutcome> apply(Guardrails guardrails, DescribedRule... planned) {
        List<Requested> items = new ArrayList<>();
        for (DescribedRule r : planned) {
            items.add(new Requested.ByRuleId(r.ruleId(), "plan inv-1/111122223333/us-east-1", r));
        }
        RevocationRequest request = new RevocationRequest(new GroupTarget.ById(WEB), items, false, InputForm.PLAN);
        return new Revoker(ec2, Safeguards.of(guardrails)).revoke(List.of(request));
    }

    private static PermissionOutcome of(List<PermissionOutcome> out, String ruleId) {
        return out.stream().filter(o -> ruleId.equals(o.ruleId())).findFirst().orElseThrow();
    }

    @Test
    void onlyTheRulesStillAsPlannedAreRevokedAndEachChangeIsNamed() {
        ec2.group(
                WEB,
                rule("sgr-1", tcp(22, 22, "0.0.0.0/0", "ssh for the vendor, until friday")),
                rule("sgr-2", tcp(3389, 3390, "0.0.0.0/0", null)),
                WEBS);
        // sgr-4 was in the plan and is gone.
        DescribedRule gone = rule("sgr-4", tcp(23, 23, "0.0.0.0/0", null));
        List<PermissionOutcome> out = apply(Guardrails.defaults(), SSH, RDP, WEBS, gone);

        PermissionOutcome described = of(out, "sgr-1");
        assertEquals(Outcome.SKIPPED, described.outcome());
        assertEquals(FailureCode.Ours.DRIFTED, described.code());
        assertEquals(
                "changed since the plan: description 'ssh for the vendor' → 'ssh for the vendor, until friday'",
                described.reason());
        PermissionOutcome ports = of(out, "sgr-2");
        assertEquals(FailureCode.Ours.DRIFTED, ports.code());
        assertEquals("changed since the plan: ports 3389 → 3389-3390", ports.reason());
        assertEquals(Outcome.REVOKED, of(out, "sgr-3").outcome(), "unchanged: revoked");
        assertEquals(Outcome.NOT_FOUND, of(out, "sgr-4").outcome());
        assertEquals(
                List.of("sgr-1", "sgr-2"),
                ec2.groups.get(WEB).stream().map(DescribedRule::ruleId).toList());
        assertTrue(ec2.calls.contains("revoke " + WEB + " sgr-3"), ec2.calls.toString());
    }

    @Test
    void aSourceChangedUnderTheSameIdIsDriftToo() {
        ec2.group(WEB, rule("sgr-1", tcp(22, 22, "10.0.0.0/8", "ssh for the vendor")));
        PermissionOutcome o = apply(Guardrails.defaults(), SSH).get(0);
        assertEquals(FailureCode.Ours.DRIFTED, o.code());
        assertEquals("changed since the plan: source 0.0.0.0/0 → 10.0.0.0/8", o.reason());
    }

    @Test
    void aGroupProtectedSinceThePlanIsLeftAlone() {
        ec2.group(WEB, SSH);
        ec2.groupTags.put(WEB, Map.of(ProtectedGroups.TAG_KEY, "true"));
        PermissionOutcome o = apply(Guardrails.defaults(), SSH).get(0);
        assertEquals(FailureCode.Ours.PROTECTED, o.code());
        assertEquals(1, ec2.groups.get(WEB).size());

        ec2.groupTags.clear();
        PermissionOutcome listed = apply(
                        Guardrails.defaults()
                                .withProtectedGroups(new ProtectedGroups(Set.of(WEB), "PROTECTED_GROUP_IDS")),
                        SSH)
                .get(0);
        assertEquals(FailureCode.Ours.PROTECTED, listed.code());
    }

    @Test
    void anExemptionAddedSinceThePlanHolds() {
        ec2.group(
                WEB,
                new DescribedRule("sgr-1", WEB, false, SSH.permission(), Map.of("sg-revoker:exempt", "2999-01-31")));
        PermissionOutcome o = apply(Guardrails.defaults(), SSH).get(0);
        assertEquals(Outcome.EXEMPT, o.outcome());
        assertEquals(1, ec2.groups.get(WEB).size());
    }
}
