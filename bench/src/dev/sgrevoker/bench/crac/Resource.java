package dev.sgrevoker.bench.crac;

/** What org.crac's compatibility layer looks for under {@code -Dorg.crac.Core.Compat=dev.sgrevoker.bench.crac}. */
public interface Resource {
    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    void afterRestore(Context<? extends Resource> context) throws Exception;
}
