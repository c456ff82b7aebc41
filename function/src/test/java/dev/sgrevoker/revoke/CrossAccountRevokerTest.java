package dev.sgrevoker.revoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sgrevoker.model.AccountRegion;
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
import org.junit.jupiter.api.Test;

/** One engine run per account, each through its own EC2; an unreachable account fails only its own permissions. */
class CrossAccountRevokerTest {
    private static final String MEMBER = "222222222222";
    private static final String LOCKED = "333333333333";
    private static final String GROUP = "sg-0aaaaaaaaaaaaaaaa";

    private static DescribedRule ssh(String id) {
        return new DescribedRule(
                id,
                GROUP,
                false,
                new Permission(Protocol.TCP, new PortRange(22, 22), new RuleSource.Ipv4Range("0.0.0.0/0"), null),
                java.util.Map.of());
    }

    private static RevocationRequest byRuleId(String ruleId, AccountRegion where) {
        return new RevocationRequest(
                new GroupTarget.ById(GROUP),
                List.of(new Requested.ByRuleId(ruleId)),
                false,
                InputForm.SECURITY_HUB_FINDING,
                where);
    }

    // The same group id in two accounts: only the account decides which one is meant.
    private final InMemoryEc2 own = new InMemoryEc2().group(GROUP, ssh("sgr-own"));
    private final InMemoryEc2 member = new InMemoryEc2().group(GROUP, ssh("sgr-member"));
    private final List<String> reached = new ArrayList<>();
    private final Ec2Gateways gateways = new Ec2Gateways() {
        @Override
        public Ec2Gateway forAccount(AccountRegion where) {
            String account = where.own() ? "own" : where.memberAccountId();
            reached.add(account);
            if (where.own()) {
                return own;
            }
            if (account.equals(MEMBER)) {
                return member;
            }
            throw new AccountUnreachable(
                    FailureCode.Ours.ASSUME_ROLE_FAILED, "could not assume the role in account " + account);
        }

        @Override
        public RuleInventory ownInventory() {
            return own;
        }
    };

    private List<PermissionOutcome> run(ProtectedGroups guards, RevocationRequest... requests) {
        return new CrossAccountRevoker(
                        gateways, Safeguards.of(Guardrails.defaults().withProtectedGroups(guards)))
                .revoke(List.of(requests), TimeBudget.UNLIMITED);
    }

    @Test
    void eachRequestIsRevokedInItsOwnAccountAndTheResultNamesIt() {
        List<PermissionOutcome> out = run(
                ProtectedGroups.TAG_ONLY,
                byRuleId("sgr-member", AccountRegion.member(MEMBER)),
                byRuleId("sgr-own", AccountRegion.OWN),
                byRuleId("sgr-x", AccountRegion.member(LOCKED)));
        assertEquals(List.of("own", MEMBER, LOCKED), reached, "own account first, then members as they appear");
        assertEquals(
                List.of(Outcome.REVOKED, Outcome.REVOKED, Outcome.FAILED),
                out.stream().map(PermissionOutcome::outcome).toList());
        assertEquals(AccountRegion.OWN, out.get(0).subject().where());
        assertEquals("123456789012", out.get(0).subject().accountOfGroup(), "own: EC2's owner id");
        assertEquals(MEMBER, out.get(1).subject().accountOfGroup());
        assertEquals("sgr-member", out.get(1).ruleId());
        assertEquals(List.of(), member.groups.get(GROUP));
        assertEquals(List.of(), own.groups.get(GROUP));

        PermissionOutcome locked = out.get(2);
        assertEquals(FailureCode.Ours.ASSUME_ROLE_FAILED, locked.code());
        assertEquals(LOCKED, locked.subject().accountOfGroup());
        assertEquals(GROUP, locked.groupId());
        assertEquals("sgr-x", locked.ruleId());
        assertTrue(locked.reason().contains(LOCKED), locked.reason());
    }

    @Test
    void aMemberAccountsGroupIsNeverRevokedInOurOwn() {
        List<PermissionOutcome> out =
                run(ProtectedGroups.TAG_ONLY, byRuleId("sgr-member", AccountRegion.member(MEMBER)));
        assertEquals(Outcome.REVOKED, out.get(0).outcome());
        assertEquals(1, own.groups.get(GROUP).size());
        assertTrue(own.calls.isEmpty(), own.calls.toString());
    }

    @Test
    void protectedGroupsAreProtectedInMemberAccountsToo() {
        member.groupTags.put(GROUP, Map.of(ProtectedGroups.TAG_KEY, "true"));
        PermissionOutcome out = run(ProtectedGroups.TAG_ONLY, byRuleId("sgr-member", AccountRegion.member(MEMBER)))
                .get(0);
        assertEquals(Outcome.SKIPPED, out.outcome());
        assertEquals(FailureCode.Ours.PROTECTED, out.code());
        assertEquals(AccountRegion.member(MEMBER), out.subject().where());
        assertEquals(1, member.groups.get(GROUP).size());
    }

    @Test
    void withoutMemberAccessAMemberRequestFailsAndOursStillGoes() {
        Ec2Gateways ownOnly = Ec2Gateways.ownOnly(own);
        List<PermissionOutcome> out = new CrossAccountRevoker(ownOnly, Safeguards.defaults())
                .revoke(
                        List.of(
                                byRuleId("sgr-member", AccountRegion.member(MEMBER)),
                                byRuleId("sgr-own", AccountRegion.OWN)),
                        TimeBudget.UNLIMITED);
        assertEquals(Outcome.REVOKED, out.get(0).outcome());
        assertEquals(FailureCode.Ours.MEMBER_ACCOUNT_NOT_ENABLED, out.get(1).code());
        assertTrue(out.get(1).reason().contains("MEMBER_ROLE_NAME"), out.get(1).reason());
        assertEquals(1, member.groups.get(GROUP).size());
    }
}
