package dev.sgrevoker.model;

/** The security group a request acts on, by id or (default VPC only, as in EC2) by name. */
public sealed interface GroupTarget {
    record ById(String groupId) implements GroupTarget {}

    record ByName(String groupName) implements GroupTarget {}
}
