package dev.sgrevoker.policy;

import java.util.List;
import java.util.Map;

/**
 * A sweep: judge every ingress rule in scope by {@code policy}, and revoke what breaks it ({@code enforce}) or only
 * report it with EC2's DryRun check (the default).
 *
 * @param maxRevocations the sweep's own limit, or null for the configured one
 * @param reach the accounts and regions it asks for, as written (unsaid: the function's own)
 * @param maxRevocationsPerRun the run's own limit when it is dispatched as shards (at most MAX_REVOCATIONS_PER_RUN),
 *     or null for that setting
 */
public record Sweep(
        Policy policy,
        Scope scope,
        boolean enforce,
        Integer maxRevocations,
        SweepReach reach,
        Integer maxRevocationsPerRun) {
    public Sweep {
        reach = reach == null ? SweepReach.OWN : reach;
    }

    /** A sweep of the function's own account and region. */
    public Sweep(Policy policy, Scope scope, boolean enforce, Integer maxRevocations) {
        this(policy, scope, enforce, maxRevocations, SweepReach.OWN);
    }

    /** A sweep asking for no run-wide limit of its own. */
    public Sweep(Policy policy, Scope scope, boolean enforce, Integer maxRevocations, SweepReach reach) {
        this(policy, scope, enforce, maxRevocations, reach, null);
    }

    /** The same sweep, report-only: what an enforcing sweep across accounts becomes unless the deployer allows it. */
    public Sweep reportOnly() {
        return new Sweep(policy, scope, false, maxRevocations, reach, maxRevocationsPerRun);
    }

    /** The same sweep over one (account, region) of a run: its shard's, which dispatches nothing further. */
    public Sweep shard() {
        return new Sweep(policy, scope, enforce, maxRevocations, SweepReach.OWN, null);
    }

    /**
     * Filters that must all hold; an empty list or map does not filter. Empty scope: every group of the region.
     * {@code inUse}: false for only groups no network interface has and nothing says are shared (where nothing can
     * break), true for only the others, null for both.
     */
    public record Scope(List<String> vpcIds, List<String> groupIds, Map<String, String> tags, Boolean inUse) {
        public static final Scope EVERYTHING = new Scope(List.of(), List.of(), Map.of());

        public Scope(List<String> vpcIds, List<String> groupIds, Map<String, String> tags) {
            this(vpcIds, groupIds, tags, null);
        }

        public Scope {
            vpcIds = List.copyOf(vpcIds);
            groupIds = List.copyOf(groupIds);
            tags = Map.copyOf(tags);
        }

        public boolean narrowed() {
            return !vpcIds.isEmpty() || !groupIds.isEmpty() || !tags.isEmpty() || inUse != null;
        }
    }

    /** The limit for this sweep: its own maxRevocations, else the configured one. */
    public BlastRadius limit(BlastRadius configured) {
        return maxRevocations == null ? configured : new BlastRadius(maxRevocations, "the sweep's maxRevocations");
    }
}
