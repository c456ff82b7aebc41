package dev.sgrevoker.run;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where a run's roll-up goes: an event of its own (source sg-revoker, "Security Group Sweep Run Completed"). */
public interface RunEvents {
    /** Throws when the event could not be delivered. */
    void rollUp(ObjectNode detail);
}
