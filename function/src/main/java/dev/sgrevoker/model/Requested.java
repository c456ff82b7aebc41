package dev.sgrevoker.model;

/** One thing a request asks to revoke: a rule described by its properties, or a rule id. */
public sealed interface Requested {
    record ByPermission(Permission permission) implements Requested {
    }

    /** A security group rule id ({@code sgr-…}); it must be an ingress rule of the request's group. */
    record ByRuleId(String ruleId) implements Requested {
    }
}
