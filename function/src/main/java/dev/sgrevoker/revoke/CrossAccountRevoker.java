package dev.sgrevoker.revoke;

import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.GroupTarget;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.policy.BlastRadius;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the engine once per account and region the requests name, each through that place's EC2 (own first, then
 * member accounts in the order they appear), with the same safeguards and exact accounting. An account that cannot
 * be reached fails its own permissions, naming it, and nothing else.
 */
public final class CrossAccountRevoker {
    private final Ec2Gateways gateways;
    private final Safeguards safeguards;

    public CrossAccountRevoker(Ec2Gateways gateways, Safeguards safeguards) {
        this.gateways = gateways;
        this.safeguards = safeguards;
    }

    /** The engine for the function's own account, with the same safeguards (sweeps run there). */
    public Revoker own() {
        return in(AccountRegion.OWN);
    }

    /** The engine for {@code where}, with the same safeguards; throws AccountUnreachable as the gateways do. */
    public Revoker in(AccountRegion where) {
        return new Revoker(gateways.forAccount(where), safeguards);
    }

    public List<PermissionOutcome> revoke(List<RevocationRequest> requests, TimeBudget budget) {
        return revoke(requests, budget, safeguards.guardrails().limit());
    }

    /** {@code limit} holds in each account the requests name (EC2's rules and buckets are per account). */
    public List<PermissionOutcome> revoke(List<RevocationRequest> requests, TimeBudget budget, BlastRadius limit) {
        return revoke(requests, budget, limit, SweepTerms.NONE);
    }

    /** As above, for a sweep's later part (a hand-over): its rules held to {@code terms} too. */
    public List<PermissionOutcome> revoke(
            List<RevocationRequest> requests, TimeBudget budget, BlastRadius limit, SweepTerms terms) {
        return run(requests, budget, limit, terms).outcomes();
    }

    /** As {@link #revoke}, with the default groups' egress rules EC2.2 judged and DEFAULT_GROUP_EGRESS=keep left. */
    public Revocations run(List<RevocationRequest> requests, TimeBudget budget, BlastRadius limit, SweepTerms terms) {
        Map<AccountRegion, List<RevocationRequest>> byPlace = new LinkedHashMap<>();
        byPlace.put(AccountRegion.OWN, new ArrayList<>());
        requests.forEach(
                r -> byPlace.computeIfAbsent(r.where(), a -> new ArrayList<>()).add(r));
        Revocations out = Revocations.of(List.of());
        for (Map.Entry<AccountRegion, List<RevocationRequest>> place : byPlace.entrySet()) {
            if (!place.getValue().isEmpty()) {
                out = out.and(revokeIn(place.getKey(), place.getValue(), budget, limit, terms));
            }
        }
        return out;
    }

    private Revocations revokeIn(
            AccountRegion where,
            List<RevocationRequest> requests,
            TimeBudget budget,
            BlastRadius limit,
            SweepTerms terms) {
        Ec2Gateway ec2;
        try {
            ec2 = gateways.forAccount(where);
        } catch (AccountUnreachable e) {
            return Revocations.of(unreachable(requests, e));
        }
        return new Revoker(ec2, safeguards).run(requests, budget, limit, HandOver.NONE, terms);
    }

    /** Every permission of an account we could not reach fails with why; nothing was sent to its EC2. */
    private static List<PermissionOutcome> unreachable(List<RevocationRequest> requests, AccountUnreachable e) {
        List<PermissionOutcome> out = new ArrayList<>();
        for (RevocationRequest r : requests) {
            String groupId = r.group() instanceof GroupTarget.ById id ? id.groupId() : null;
            String groupName = r.group() instanceof GroupTarget.ByName n ? n.groupName() : null;
            for (Requested item : r.items()) {
                Pending p = new Pending(item, r.dryRun(), r.where(), groupId, groupName);
                p.fail(e.code(), e.getMessage());
                out.add(p.toOutcome());
            }
        }
        return out;
    }
}
