package dev.sgrevoker.revoke;

import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.Requested;
import java.util.List;

/**
 * Where a sweep sends the groups it cannot finish in this invocation: each as a request of its own (by rule id, same
 * dry-run flag, same reasons), processed later with its own retries.
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
     * One group's remaining selected rules; {@code maxRevocations} is the limit the sweep ran under.
     *
     * @param rules rule ids, each with the reason it was selected
     */
    record Part(String groupId, boolean dryRun, int maxRevocations, List<Requested.ByRuleId> rules) {
        public Part {
            rules = List.copyOf(rules);
        }
    }

    /** What became of one part: {@code where} names the message it went out as, or {@code error} why it did not. */
    record Sent(String where, FailureCode code, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    boolean available();

    /** Sends every part; answers one {@link Sent} per part, in order. */
    List<Sent> send(List<Part> parts);
}
