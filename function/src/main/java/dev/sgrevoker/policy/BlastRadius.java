package dev.sgrevoker.policy;

import java.util.Optional;

/**
 * How many rules one request, SQS message or sweep may revoke. Above it none is revoked: a mistaken policy or a
 * forged alert takes nothing away, and each selected rule is reported SKIPPED BlastRadiusExceeded.
 *
 * @param source where the limit came from, for the reason (the setting that configured it, the sweep's
 *     maxRevocations)
 */
public record BlastRadius(int maxRevocations, String source) {
    /** The limit when the deployer sets none. */
    public static final int DEFAULT = 50;

    public BlastRadius {
        if (maxRevocations < 1) {
            throw new IllegalArgumentException(source + " must be at least 1");
        }
    }

    /** The default limit, where no configuration says otherwise (the configured one names its setting). */
    public static BlastRadius byDefault() {
        return new BlastRadius(DEFAULT, "the default limit");
    }

    /**
     * The limit a requester asked for ({@code by}: a sweep's or a hand-over's maxRevocations) under this one, the
     * deployer's ceiling: it can lower the limit, never raise it, and a refusal says which of the two held.
     */
    public BlastRadius askedFor(int asked, String by) {
        return asked <= maxRevocations
                ? new BlastRadius(asked, by)
                : new BlastRadius(
                        maxRevocations, source + ", the deployer's limit, held: " + by + " asked for " + asked);
    }

    /** Why nothing may be revoked when {@code selected} rules would be, or empty when that is within the limit. */
    public Optional<String> refusal(int selected) {
        if (selected <= maxRevocations) {
            return Optional.empty();
        }
        return Optional.of(selected + " rules were selected, more than the limit of " + maxRevocations + " (" + source
                + "): none is revoked; narrow the selection or raise the limit");
    }
}
