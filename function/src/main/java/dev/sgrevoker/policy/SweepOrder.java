package dev.sgrevoker.policy;

/** What a payload asks of the sweep machinery, besides plain requests. */
public sealed interface SweepOrder {
    /** Run this sweep now. */
    record Run(Sweep sweep) implements SweepOrder {}

    /** A bare Scheduled Event: run the sweep of the function's configuration. */
    record Configured() implements SweepOrder {}

    /** One group's part of a sweep, handed over through the request queue: its requests, under the sweep's limit. */
    record Continuation(int maxRevocations) implements SweepOrder {}
}
