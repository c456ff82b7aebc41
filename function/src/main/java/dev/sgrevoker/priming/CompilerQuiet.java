package dev.sgrevoker.priming;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * After priming, waits until the JIT has stopped compiling (bounded), so the snapshot holds the compiled code of the
 * paths priming ran, instead of a restored instance finishing those compilations during its first invocation.
 */
final class CompilerQuiet {
    /** Milliseconds between two looks at the JIT's total compilation time. */
    static final long POLL_MILLIS = 50;
    /** Looks in a row without new compilation that count as quiet. */
    static final int QUIET_POLLS = 3;
    /** Looks at most (3 s): the snapshot is never held back longer, whatever the JIT does. */
    static final int MAX_POLLS = 60;

    /** How to wait between two looks; a test passes one that does not sleep. */
    interface Pause {
        void millis(long millis) throws InterruptedException;
    }

    private CompilerQuiet() {}

    /** The JVM's own JIT, or nothing to wait for where it cannot say how long it compiled. */
    static int await() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return 0;
        }
        return await(jit::getTotalCompilationTime, Thread::sleep);
    }

    /** Returns the number of looks taken: until {@link #QUIET_POLLS} in a row saw no new compilation, or the cap. */
    static int await(LongSupplier totalCompilationMillis, Pause pause) {
        long last = totalCompilationMillis.getAsLong();
        int quiet = 0;
        int polls = 0;
        while (quiet < QUIET_POLLS && polls < MAX_POLLS) {
            try {
                pause.millis(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return polls;
            }
            polls++;
            long now = totalCompilationMillis.getAsLong();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
        return polls;
    }
}
