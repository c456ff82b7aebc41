package dev.sgrevoker.policy;

import java.util.List;

/**
 * Where a sweep asks to run, as it was written: its {@code accounts} and its {@code regions}, each named, the word
 * "allowed", or unsaid (the function's own). What it asks is judged against the deployer's settings before anything
 * is read (intake.trigger.AccountPolicy), and only then becomes (account, region) pairs.
 */
public record SweepReach(Span accounts, Span regions) {
    /** Unsaid: the function's own account, in its own region (every sweep before issue 15). */
    public static final SweepReach OWN = new SweepReach(new Span.Own(), new Span.Own());

    /** One of the two lists. */
    public sealed interface Span {
        /** Not given: the function's own account (or region). */
        record Own() implements Span {}

        /** Named one by one; each must be one the deployer allows. */
        record Listed(List<String> ids) implements Span {
            public Listed {
                ids = List.copyOf(ids);
                if (ids.isEmpty()) {
                    throw new IllegalArgumentException("a listed span names at least one");
                }
            }
        }

        /** "allowed": the own one and every one the deployer allows. */
        record Allowed() implements Span {}
    }

    public boolean own() {
        return accounts instanceof Span.Own && regions instanceof Span.Own;
    }
}
