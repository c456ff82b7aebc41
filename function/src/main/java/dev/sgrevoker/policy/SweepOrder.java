package dev.sgrevoker.policy;

import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.PlanLine;
import dev.sgrevoker.model.ShardOfRun;
import java.util.List;

/** What a payload asks of the sweep machinery, besides plain requests. */
public sealed interface SweepOrder {
    /**
     * Run this sweep now, over {@code pairs}: the (account, region) pairs it asked for, each already judged to be
     * within the deployer's settings. One pair is swept in place; more are dispatched, one shard per pair.
     *
     * @param enforceHeldBack why the sweep runs report-only although it asked to enforce (ORGANIZATION_SWEEPS), or
     *     null when it runs as asked
     */
    record Run(Sweep sweep, List<AccountRegion> pairs, String enforceHeldBack) implements SweepOrder {
        public Run {
            pairs = List.copyOf(pairs);
            if (pairs.isEmpty()) {
                throw new IllegalArgumentException("a sweep runs somewhere");
            }
        }

        /** The function's own account and region, as asked. */
        public Run(Sweep sweep) {
            this(sweep, List.of(AccountRegion.OWN), null);
        }

        /** Whether this sweep is dispatched as shards (one per pair) rather than swept in place. */
        public boolean dispatched() {
            return pairs.size() > 1;
        }
    }

    /** A bare Scheduled Event: run the sweep of the function's configuration. */
    record Configured() implements SweepOrder {}

    /**
     * One group's part of a sweep, handed over through the request queue: its rule ids, judged again by the sweep's
     * {@code policy} and held to its limit; {@code run} (null outside a run) and whether the run admitted them already.
     */
    record Continuation(int maxRevocations, Policy policy, ShardOfRun run, boolean reserved) implements SweepOrder {}

    /** One (account, region) of a sweep run: sweep it there ({@code where}), as a shard of {@code run}. */
    record Shard(Sweep sweep, ShardOfRun run, AccountRegion where) implements SweepOrder {}

    /** Cancel the run: its shards and hand-overs not yet started revoke nothing. */
    record CancelRun(String runId) implements SweepOrder {}

    /**
     * Apply a reviewed plan: the plan stored as {@code planId} decides (its lines, its expiry); {@code lines} is the
     * subset the request kept, or null for every line of the stored plan (a plan sent by reference, {@code planUri}).
     * {@code approvedBy}: free text the request gives, recorded in the provenance.
     */
    record ApplyPlan(String planId, String planUri, String approvedBy, List<PlanLine> lines) implements SweepOrder {
        public ApplyPlan {
            lines = lines == null ? null : List.copyOf(lines);
        }
    }

    /** The run's deadline came (a delayed message): report it now, complete or not, unless it was reported already. */
    record RunDeadline(String runId) implements SweepOrder {}
}
