package dev.sgrevoker.revoke;

import dev.sgrevoker.model.FailureCode;
import java.util.Optional;

/**
 * The run's say, for a shard of a sweep run (or its hand-over), once its rules are selected and before any is
 * revoked: whether the run was cancelled, and whether the run-wide limit leaves room for what it would revoke.
 */
public interface RunGate {
    /** Not part of a run: nothing to ask. */
    RunGate NONE = toRevoke -> Optional.empty();

    /**
     * Asks once for this shard: {@code toRevoke} rules it would revoke (0 for a dry run, which reserves nothing). A
     * redelivered shard gets its first answer again and never reserves twice. Empty: go ahead; else why not.
     */
    Optional<Stop> admit(int toRevoke);

    /** Why the shard revokes none of its rules: {@code code} RunLimitExceeded or RunCancelled. */
    record Stop(FailureCode code, String reason) {}
}
