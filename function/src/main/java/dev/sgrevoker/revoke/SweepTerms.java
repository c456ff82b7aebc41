package dev.sgrevoker.revoke;

import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.policy.Policy;
import java.util.Map;

/**
 * What a sweep's rules are held to where they are revoked, besides the guardrails.
 *
 * @param judgeAgainBy the sweep's policy, for rules a message carried by id (a hand-over): each is selected only if it
 *     breaks it as EC2 describes the rule now, with {@code because} computed here; null where the engine's caller
 *     judged them itself a moment ago
 * @param gate the run's say (cancel, run-wide limit) for a shard of a sweep run
 * @param justDescribed groups the sweep described a moment before handing its rules over: the engine takes their
 *     facts instead of describing them again (their rules it still reads afresh)
 */
public record SweepTerms(Policy judgeAgainBy, RunGate gate, Map<String, GroupFacts> justDescribed) {
    /** An ordinary request: nothing besides the guardrails. */
    public static final SweepTerms NONE = new SweepTerms(null, RunGate.NONE);

    public SweepTerms {
        justDescribed = Map.copyOf(justDescribed);
    }

    public SweepTerms(Policy judgeAgainBy, RunGate gate) {
        this(judgeAgainBy, gate, Map.of());
    }
}
