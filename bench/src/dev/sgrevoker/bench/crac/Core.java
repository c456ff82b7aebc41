package dev.sgrevoker.bench.crac;

import java.util.ArrayList;
import java.util.List;

/**
 * The smallest CRaC implementation org.crac can bind to, so the bench runs the function's hooks through the same
 * org.crac API the Lambda runtime does: beforeCheckpoint in reverse order of registration, then (no real snapshot
 * here) afterRestore in order, as jdk.crac's global context does. The context holds what org.crac registers (its
 * proxies) strongly; org.crac itself holds each application Resource only weakly.
 */
public final class Core {
    private static final Global GLOBAL = new Global();

    private Core() {
    }

    public static Context<Resource> getGlobalContext() {
        return GLOBAL;
    }

    public static void checkpointRestore() throws CheckpointException, RestoreException {
        GLOBAL.checkpointRestore();
    }

    private static final class Global extends Context<Resource> {
        private final List<Resource> resources = new ArrayList<>();

        @Override
        public synchronized void register(Resource resource) {
            resources.add(resource);
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            throw new UnsupportedOperationException("the global context is notified by checkpointRestore");
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            throw new UnsupportedOperationException("the global context is notified by checkpointRestore");
        }

        synchronized void checkpointRestore() throws CheckpointException, RestoreException {
            for (int i = resources.size() - 1; i >= 0; i--) {
                try {
                    resources.get(i).beforeCheckpoint(this);
                } catch (Exception e) {
                    throw new CheckpointException(e);
                }
            }
            for (Resource r : resources) {
                try {
                    r.afterRestore(this);
                } catch (Exception e) {
                    throw new RestoreException(e);
                }
            }
        }
    }
}
