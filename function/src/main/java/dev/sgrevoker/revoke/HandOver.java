package dev.sgrevoker.revoke;

import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.ShardOfRun;
import dev.sgrevoker.policy.Policy;
import java.util.List;

/**
 * Where a sweep sends the groups it cannot finish in this invocation: each as a request of its own (by rule id, same
 * dry-run flag, the sweep's policy to judge them by again), processed later with its own retries. An implementation
 * is bound to one sweep ({@link #forSweep}): what it sends carries that sweep's policy and run.
 */
public interface HandOver {
    /** No hand-over: a group that cannot be started in time is FAILED TimeBudgetExhausted, as for any request. */
    HandOver NONE = new HandOver() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public List<Sent> send(List<Part> parts) {
            throw new IllegalStateException("no hand-over configured");
        }
    };

    /**
     * One group's remaining selected rules, by id; {@code maxRevocations} is the limit the sweep ran under. They are
     * judged again by the sweep's policy where the part is consumed: no reason travels with them.
     *
     * @param reserved the run admitted them already (a shard's reservation covers them): not reserved again
     */
    record Part(String groupId, boolean dryRun, int maxRevocations, List<String> ruleIds, boolean reserved) {
        public Part {
            ruleIds = List.copyOf(ruleIds);
        }
    }

    /** What became of one part: {@code where} names the message it went out as, or {@code error} why it did not. */
    record Sent(String where, FailureCode code, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    boolean available();

    /** The hand-over of one sweep: its messages carry {@code policy} and, for a shard of a run, {@code run}. */
    default HandOver forSweep(Policy policy, ShardOfRun run) {
        return this;
    }

    /** Sends every part; answers one {@link Sent} per part, in order. */
    List<Sent> send(List<Part> parts);
}
