package dev.sgrevoker.model;

/**
 * The region a group is in. For now only the function's own, where its clients are built; regions it may act in
 * besides (issue 15) will be named here, and every switch over a region will have to say what it does with them.
 */
public sealed interface Region {
    Region OWN = new Own();

    record Own() implements Region {}
}
