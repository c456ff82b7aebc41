package dev.sgrevoker.model;

import java.util.Objects;

/**
 * The region a group is in: the function's own, where its first clients are built, or another one the deployer
 * allows (ALLOWED_REGIONS), named. The own region is always {@link #OWN}, never named, so two places compare equal.
 */
public sealed interface Region {
    Region OWN = new Own();

    record Own() implements Region {}

    /** A region besides the function's own, by its code (us-west-2). */
    record Named(String name) implements Region {
        public Named {
            Objects.requireNonNull(name, "name");
            if (!name.matches(CODE)) {
                throw new IllegalArgumentException("'" + name + "' is not a region code");
            }
        }
    }

    /** AWS's region codes: us-east-1, eu-central-2, us-gov-west-1, ap-southeast-7, cn-north-1. */
    String CODE = "[a-z]{2}(-[a-z]+)+-\\d+";

    /** {@code name}, or {@link #OWN} when it is the function's own region ({@code own}). */
    static Region of(String name, String own) {
        return name == null || name.equals(own) ? OWN : new Named(name);
    }

    /** The region's code: {@code own} for the function's own. */
    default String name(String own) {
        return this instanceof Named n ? n.name() : own;
    }
}
