package dev.sgrevoker.priming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CompilerQuietTest {
    private final List<Long> pauses = new ArrayList<>();

    private int await(long... totals) {
        PrimitiveIterator.OfLong it = LongStream.of(totals).iterator();
        long[] last = {0};
        return CompilerQuiet.await(
                () -> {
                    if (it.hasNext()) {
                        last[0] = it.nextLong();
                    }
                    return last[0];
                },
                pauses::add);
    }

    @Test
    void stopsAfterThreeLooksWithoutNewCompilation() {
        assertEquals(3, await(10, 10, 10, 10));
        assertEquals(List.of(50L, 50L, 50L), pauses);
    }

    @Test
    void keepsWaitingWhileTheJitStillCompiles() {
        // 10 → 20 → 30 compiling, then quiet for three looks
        assertEquals(5, await(10, 20, 30, 30, 30, 30));
    }

    @Test
    void aJitThatNeverStopsHoldsTheSnapshotBackAtMostTheCap() {
        long[] growing = LongStream.range(0, 1000).toArray();
        assertEquals(CompilerQuiet.MAX_POLLS, await(growing));
        assertTrue(pauses.stream().mapToLong(Long::longValue).sum() <= 3_000);
    }

    @Test
    void anInterruptStopsTheWaitAndKeepsTheInterrupt() {
        int polls = CompilerQuiet.await(() -> 1, millis -> {
            throw new InterruptedException();
        });
        assertEquals(0, polls);
        assertTrue(Thread.interrupted()); // also clears it for the next test
    }
}
