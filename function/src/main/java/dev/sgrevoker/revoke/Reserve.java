package dev.sgrevoker.revoke;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The time kept back from new work so that what was done can still be confirmed (one describe) and reported (the
 * result event, or its fallback). Measured in this JVM, not guessed: the slowest of the recent describes plus the
 * slowest of the recent reports, each with a margin, never below a floor. Until a call of a kind has been measured,
 * it counts at its unmeasured default (together the 5 s this function used to keep as a fixed guess).
 */
public final class Reserve {
    /** Below this the scheduler's jitter and a GC pause alone could eat the reserve. */
    public static final long FLOOR_MILLIS = 1_000;

    static final long DESCRIBE_UNMEASURED_MILLIS = 1_500;
    static final long REPORT_UNMEASURED_MILLIS = 3_500;
    private static final int WINDOW = 16;
    private static final double MARGIN = 1.5;

    private final Deque<Long> describes = new ArrayDeque<>();
    private final Deque<Long> reports = new ArrayDeque<>();

    /** A describe of security group rules took this long (the confirm is one). */
    public synchronized void describeTook(long millis) {
        add(describes, millis);
    }

    /** Reporting a result took this long: PutEvents with its retries, and the fallback when it was needed. */
    public synchronized void reportTook(long millis) {
        add(reports, millis);
    }

    public synchronized long millis() {
        return Math.max(
                FLOOR_MILLIS,
                estimate(describes, DESCRIBE_UNMEASURED_MILLIS) + estimate(reports, REPORT_UNMEASURED_MILLIS));
    }

    private static void add(Deque<Long> window, long millis) {
        window.addLast(Math.max(0, millis));
        if (window.size() > WINDOW) {
            window.removeFirst();
        }
    }

    /** The slowest recent call with a margin, or the unmeasured default. */
    private static long estimate(Deque<Long> window, long unmeasured) {
        return window.isEmpty()
                ? unmeasured
                : (long) Math.ceil(
                        window.stream().mapToLong(Long::longValue).max().orElseThrow() * MARGIN);
    }
}
