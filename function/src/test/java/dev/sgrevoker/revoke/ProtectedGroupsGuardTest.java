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
import dev.sgrevoker.policy.Guardrails;
import dev.sgrevoker.policy.ProtectedGroups;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine never revokes from a protected group, whatever form the request takes; other groups are unaffected. */
class ProtectedGroupsGuardTest {
    private static final String VAULT = "sg-0aaaaaaaaaaaaaaaa";
    private static final String WEB = "sg-0bbbbbbbbbbbbbbbb";

    private static Permission ssh(String cidr) {
        return new Permission(
                Protocol.TCP, new PortRange(22, 22), new RuleSource.Ipv4Range(Cidr.ipv4(cidr, "t")), null);
    }

    private static RevocationRequest request(String group, boolean dryRun, Requested... items) {
        return new RevocationRequest(new GroupTarget.ById(group), List.of(items), dryRun, InputForm.CLI_INPUT_JSON);
    }

    private final InMemoryEc2 ec2 = new InMemoryEc2()
            .group(
                    VAULT,
                    new DescribedRule("sgr-1", VAULT, false, ssh("0.0.0.0/0"), java.util.Map.of()),
                    new DescribedRule("sgr-2", VAULT, false, ssh("10.0.0.0/8"), java.util.Map.of()))
            .group(WEB, new DescribedRule("sgr-3", WEB, false, ssh("0.0.0.0/0"), java.util.Map.of()));

    private final Requested open22 = new Requested.BySelection(
            "EC2.13", new Selection.OpenToWorld(Set.of(Selection.PortSpec.tcp(22))), "EC2.13");

    private List<PermissionOutcome> run(ProtectedGroups guards, RevocationRequest... requests) {
        return new Revoker(ec2, Safeguards.of(Guardrails.defaults().withProtectedGroups(guards)))
                .revoke(List.of(requests));
    }

    @Test
    void aTaggedGroupIsSkippedForEveryFormAndTheOthersStillGo() {
        ec2.groupTags.put(VAULT, Map.of(ProtectedGroups.TAG_KEY, "true"));
        List<PermissionOutcome> out = run(
                ProtectedGroups.TAG_ONLY,
                request(
                        VAULT,
                        false,
                        new Requested.ByPermission(ssh("0.0.0.0/0")),
                        new Requested.ByRuleId("sgr-2"),
                        open22),
                request(VAULT, true, new Requested.ByRuleId("sgr-1")),
                request(WEB, false, new Requested.ByRuleId("sgr-3")));
        assertEquals(
                List.of(Outcome.SKIPPED, Outcome.SKIPPED, Outcome.SKIPPED, Outcome.SKIPPED, Outcome.REVOKED),
                out.stream().map(PermissionOutcome::outcome).toList());
        out.subList(0, 4).forEach(o -> {
            assertEquals(FailureCode.Ours.PROTECTED, o.code());
            assertTrue(o.reason().contains("sg-revoker:protected=true"), o.reason());
            assertEquals(VAULT, o.groupId());
        });
        assertEquals(ssh("10.0.0.0/8"), out.get(1).permission(), "a rule id is reported with the rule it names");
        assertEquals(2, ec2.groups.get(VAULT).size());
        assertTrue(
                ec2.calls.stream().noneMatch(c -> c.contains("revoke " + VAULT) || c.startsWith("dry-run")),
                "no revoke, not even a dry run, may reach EC2 for a protected group: " + ec2.calls);
    }

    @Test
    void aListedGroupIsSkippedAndTheReasonNamesTheList() {
        ProtectedGroups guards = new ProtectedGroups(Set.of(VAULT), "PROTECTED_GROUP_IDS");
        List<PermissionOutcome> out = run(guards, request(VAULT, false, new Requested.ByRuleId("sgr-1")));
        assertEquals(Outcome.SKIPPED, out.get(0).outcome());
        assertEquals(FailureCode.Ours.PROTECTED, out.get(0).code());
        assertTrue(
                out.get(0).reason().contains("PROTECTED_GROUP_IDS"), out.get(0).reason());
        assertEquals(2, ec2.groups.get(VAULT).size());
    }

    @Test
    void aTagThatDoesNotSayTrueProtectsNothing() {
        ec2.groupTags.put(VAULT, Map.of(ProtectedGroups.TAG_KEY, "false", "protected", "true"));
        List<PermissionOutcome> out =
                run(ProtectedGroups.TAG_ONLY, request(VAULT, false, new Requested.ByRuleId("sgr-1")));
        assertEquals(Outcome.REVOKED, out.get(0).outcome());
    }

    @Test
    void aMissingGroupIsStillReportedMissingNotProtected() {
        ProtectedGroups guards = new ProtectedGroups(Set.of("sg-0cccccccccccccccc"), "PROTECTED_GROUP_IDS");
        List<PermissionOutcome> out =
                run(guards, request("sg-0cccccccccccccccc", false, new Requested.ByRuleId("sgr-9")));
        assertEquals(FailureCode.Ours.NO_SUCH_GROUP, out.get(0).code());
    }
}
