package dev.sgrevoker.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A SnapStart restore starts every pacer full: tokens spent by priming were spent when the snapshot was taken. */
class CallPacerRestoreTest {

    @Test
    void aRestartRefillsAnEmptiedBucket() {
        CallPacer pacer = new CallPacer(5, 0.001); // refills one token in 1,000 s: only the restart can refill it
        pacer.drain();
        assertTrue(pacer.waitMillis() > 0);

        pacer.restart();

        for (int i = 0; i < 5; i++) {
            assertEquals(0, pacer.waitMillis(), "token " + i + " is there again");
            pacer.acquire();
        }
        assertTrue(pacer.waitMillis() > 0, "full means the burst, not more");
    }

    @Test
    void theOwnerRestartsEveryPacerItBuiltAndNoOther() {
        Pacers owner = new Pacers(1);
        CallPacer describes = owner.describing();
        CallPacer revokes = owner.mutating();
        CallPacer elsewhere = CallPacer.mutating(1);
        for (CallPacer p : new CallPacer[] {describes, revokes, elsewhere}) {
            p.drain();
        }

        owner.restartAll();

        assertEquals(2, owner.size());
        assertEquals(0, describes.waitMillis());
        assertEquals(0, revokes.waitMillis());
        assertTrue(elsewhere.waitMillis() > 0, "a pacer another owner built is that owner's to restart");
    }
}
