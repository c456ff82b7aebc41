package dev.sgrevoker.policy;

import java.util.List;
import java.util.Map;

/**
 * A sweep: judge every ingress rule in scope by {@code policy}, and revoke what breaks it ({@code enforce}) or only
 * report it with EC2's DryRun check (the default).
 *
 * @param maxRevocations the sweep's own limit, or null for the configured one
 * @param reach the accounts and regions it asks for, as written (unsaid: the function's own)
 */
public record Sweep(Policy policy, Scope scope, boolean enforce, Integer maxRevocations, SweepReach reach) {
    public Sweep {
        reach = reach == null ? SweepReach.OWN : reach;
    }

    /** A sweep of the function's own account and region. */
    public Sweep(Policy policy, Scope scope, boolean enforce, Integer maxRevocations) {
        this(policy, scope, enforce, maxRevocations, SweepReach.OWN);
    }

    /** The same sweep, report-only: what an enforcing sweep across accounts becomes unless the deployer allows it. */
    public Sweep reportOnly() {
        return new Sweep(policy, scope, false, maxRevocations, reach);
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
