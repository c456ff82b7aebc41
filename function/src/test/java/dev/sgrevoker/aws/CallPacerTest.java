package dev.sgrevoker.aws;

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

    @Test
    void nInstancesShareTheBucketSoTogetherTheyStayUnderIt() {
        CallPacer alone = CallPacer.mutating(1);
        CallPacer oneOfTwo = CallPacer.mutating(2);
        int burstAlone = 0;
        while (alone.waitMillis() == 0 && burstAlone < 1000) {
            alone.acquire();
            burstAlone++;
        }
        int burstShared = 0;
        while (oneOfTwo.waitMillis() == 0 && burstShared < 1000) {
            oneOfTwo.acquire();
            burstShared++;
        }
        assertTrue(
                burstAlone >= 48 && burstAlone <= 49,
                "one instance: EC2's mutating burst of 50, less 2: " + burstAlone);
        assertTrue(2 * burstShared <= 50, "two instances together within EC2's burst of 50: 2 x " + burstShared);
        // The wait for the next token doubles: half the refill rate each.
        assertTrue(oneOfTwo.waitMillis() > alone.waitMillis(), "a shared bucket refills more slowly");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> CallPacer.mutating(0));
    }

    @Test
    void aShardOfASweepRunPacesAtItsAccountRegionsBucketLessTheMarginThenBackToItsShare() {
        CallPacer revokes = CallPacer.mutating(2);
        assertEquals(4.75 / 2, revokes.perSecond(), 1e-9, "an alert's share: 1/MAX_CONCURRENCY");
        revokes.asShard(true);
        assertEquals(4.75 * CallPacer.SHARD_SHARE, revokes.perSecond(), 1e-9, "a shard: the bucket less the margin");
        revokes.asShard(false);
        assertEquals(4.75 / 2, revokes.perSecond(), 1e-9, "alerts after it pace as before");
        CallPacer describes = CallPacer.describing(10);
        describes.asShard(true);
        assertEquals(19 * CallPacer.SHARD_SHARE, describes.perSecond(), 1e-9, "whatever MAX_CONCURRENCY is");
    }
}
