package dev.sgrevoker.revoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CallPacerTest {

    @Test
    void aFullBucketLetsTheBurstThroughThenAsksToWait() {
        CallPacer pacer = new CallPacer(3, 1);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, pacer.waitMillis());
            pacer.acquire();
        }
        long wait = pacer.waitMillis();
        assertTrue(wait > 0 && wait <= 1000, "one token at 1/s is at most a second away, not " + wait);
    }

    @Test
    void acquireBlocksUntilATokenIsBack() {
        CallPacer pacer = new CallPacer(1, 50); // a token every 20 ms
        pacer.acquire();
        pacer.acquire(); // returns only once refilled: the bucket never goes below zero
        assertTrue(pacer.waitMillis() > 0);
    }

    @Test
    void aThrottledAnswerEmptiesTheBucket() {
        CallPacer pacer = new CallPacer(10, 1);
        assertEquals(0, pacer.waitMillis());
        pacer.drain();
        assertTrue(pacer.waitMillis() > 0, "after EC2 throttled us, the next call waits for a refill");
    }
}
