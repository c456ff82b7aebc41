package dev.sgrevoker.report;

import dev.sgrevoker.model.RevocationResult;

/** Where the result event goes. Throws {@link ResultNotDeliveredException} rather than drop it. */
public interface ResultPublisher {
    void publish(RevocationResult result);
}
