package dev.sgrevoker.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A SnapStart restore starts every pacer full: tokens spent by priming were spent when the snapshot was taken. */
class CallPacerRestoreTest {

    @Test
    void aRestoreRefillsAnEmptiedBucket() {
        CallPacer pacer = new CallPacer(5, 0.001); // refills one token in 1,000 s: only the restore can refill it
        pacer.drain();
        assertTrue(pacer.waitMillis() > 0);

        CallPacer.restartAll();

        for (int i = 0; i < 5; i++) {
            assertEquals(0, pacer.waitMillis(), "token " + i + " is there again");
            pacer.acquire();
        }
        assertTrue(pacer.waitMillis() > 0, "full means the burst, not more");
    }
}
