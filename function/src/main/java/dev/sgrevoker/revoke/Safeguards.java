package dev.sgrevoker.revoke;

import dev.sgrevoker.policy.Guardrails;
import java.util.Objects;

/**
 * What every engine of this instance is held to, whichever account it acts in: the guardrails (protected groups,
 * the limit, exemptions, revert mode), the time kept back to confirm and report, and the write-ahead log of
 * before-images. One reserve for all: it measures this JVM's describes and reports, whatever account they were for.
 */
public record Safeguards(Guardrails guardrails, Reserve reserve, WriteAhead writeAhead) {
    public Safeguards {
        Objects.requireNonNull(guardrails, "guardrails");
        Objects.requireNonNull(reserve, "reserve");
        Objects.requireNonNull(writeAhead, "writeAhead");
    }

    /** The default guardrails, a fresh reserve, no write-ahead log: an engine on its own, as tests build one. */
    public static Safeguards defaults() {
        return of(Guardrails.defaults());
    }

    public static Safeguards of(Guardrails guardrails) {
        return new Safeguards(guardrails, new Reserve(), WriteAhead.NONE);
    }

    public Safeguards withReserve(Reserve measured) {
        return new Safeguards(guardrails, measured, writeAhead);
    }

    public Safeguards withWriteAhead(WriteAhead log) {
        return new Safeguards(guardrails, reserve, log);
    }
}
