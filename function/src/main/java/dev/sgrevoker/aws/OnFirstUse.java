package dev.sgrevoker.aws;

import java.util.Objects;
import java.util.function.Supplier;

/** A client (or calls) built the first time it is needed, then kept: most invocations need few of them. */
final class OnFirstUse<T> implements Supplier<T> {
    private final Supplier<T> build;
    private T built;

    OnFirstUse(Supplier<T> build) {
        this.build = Objects.requireNonNull(build, "build");
    }

    @Override
    public synchronized T get() {
        if (built == null) {
            built = build.get();
        }
        return built;
    }
}
