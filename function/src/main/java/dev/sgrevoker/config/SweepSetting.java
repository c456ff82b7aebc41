package dev.sgrevoker.config;

import dev.sgrevoker.exception.ConfigurationException;
import dev.sgrevoker.policy.Sweep;

/**
 * The SWEEP setting as read at start-up. One that is unset or cannot be read does not stop the function: it is held
 * back and reported where it is needed (a bare Scheduled Event, a CloudTrail revert in policy mode), so alerts still
 * run.
 */
public sealed interface SweepSetting {
    /** No SWEEP: a bare Scheduled Event has nothing to run, and CloudTrail reverts judge by every control. */
    record Unset() implements SweepSetting {}

    record Configured(Sweep sweep) implements SweepSetting {}

    /** Set, but not a sweep this function can run: {@code problem} names the field and says why. */
    record Unreadable(ConfigurationException problem) implements SweepSetting {}
}
