package dev.sgrevoker.revoke;

import dev.sgrevoker.policy.Policy;

/**
 * What a sweep's rules are held to where they are revoked, besides the guardrails.
 *
 * @param judgeAgainBy the sweep's policy, for rules a message carried by id (a hand-over): each is selected only if it
 *     breaks it as EC2 describes the rule now, with {@code because} computed here; null where the engine's caller
 *     judged them itself a moment ago
 * @param gate the run's say (cancel, run-wide limit) for a shard of a sweep run
 */
public record SweepTerms(Policy judgeAgainBy, RunGate gate) {
    /** An ordinary request: nothing besides the guardrails. */
    public static final SweepTerms NONE = new SweepTerms(null, RunGate.NONE);
}
