package dev.sgrevoker.bench.crac;

/** A CRaC context: resources register here and are notified around the checkpoint. */
public abstract class Context<R extends Resource> implements Resource {
    public abstract void register(R resource);
}
