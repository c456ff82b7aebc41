/**
 * Sweep runs over several (account, region) pairs: the dispatch of one shard per pair, the run's state in the run
 * table (its run-wide limit as a conditional counter, each shard's reservation, cancel), the deadline, and the
 * roll-up when the last shard (hand-overs included) has finished. The table, the shard queue and the roll-up event
 * are interfaces aws/ implements. May import revoke (RunGate), report, report/bucket (the run's index), policy, model
 * and exception.
 */
package dev.sgrevoker.run;
