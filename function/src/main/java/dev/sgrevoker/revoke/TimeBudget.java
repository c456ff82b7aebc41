package dev.sgrevoker.revoke;

/** The time left to the invocation (Lambda's Context.getRemainingTimeInMillis). */
@FunctionalInterface
public interface TimeBudget {
    TimeBudget UNLIMITED = () -> Long.MAX_VALUE;

    long remainingMillis();
}
