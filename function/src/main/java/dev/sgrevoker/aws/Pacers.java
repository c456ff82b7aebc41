package dev.sgrevoker.aws;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every EC2 call pacer one instance builds (its own account's, and each member account's as it is first reached),
 * so that a SnapStart restore can start them all full: their owner resets them, nothing global does.
 */
final class Pacers {
    private final int instances;
    private final List<CallPacer> built = new CopyOnWriteArrayList<>();

    /** {@code instances}: how many run at once against one account's buckets (the function's concurrency cap). */
    Pacers(int instances) {
        this.instances = instances;
    }

    CallPacer describing() {
        return keep(CallPacer.describing(instances));
    }

    CallPacer mutating() {
        return keep(CallPacer.mutating(instances));
    }

    void restartAll() {
        built.forEach(CallPacer::restart);
    }

    int size() {
        return built.size();
    }

    private CallPacer keep(CallPacer pacer) {
        built.add(pacer);
        return pacer;
    }
}
