package dev.sgrevoker.report;

import dev.sgrevoker.model.RevocationResult;

/**
 * Where a result goes when its event cannot be put on EventBridge, so that a revocation that happened is never
 * known only to the logs. Throws {@link ResultNotDeliveredException} when it cannot keep the result either.
 */
public interface ResultFallback {
    /** No fallback configured: the caller decides what a lost event means. */
    ResultFallback NONE = result -> {
        throw new ResultNotDeliveredException("no fallback queue is configured (RESULT_FALLBACK_QUEUE_URL)");
    };

    void keep(RevocationResult result);
}
