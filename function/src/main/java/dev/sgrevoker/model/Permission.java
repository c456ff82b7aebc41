package dev.sgrevoker.model;

/**
 * One ingress rule: protocol, ports and exactly one source. The description is carried for reporting but, as in
 * EC2, takes no part in matching.
 */
public record Permission(Protocol protocol, PortRange ports, RuleSource source, String description) {

    public Permission {
        if (protocol == null || ports == null || source == null) {
            throw new IllegalArgumentException("protocol, ports and source are required");
        }
    }

    /** The rule EC2 would revoke for this permission: equal protocol, ports and source, description ignored. */
    public boolean sameRuleAs(Permission described) {
        return protocol.equals(described.protocol) && ports.equals(described.ports) && source.matches(described.source);
    }

    public Permission withSource(RuleSource newSource) {
        return new Permission(protocol, ports, newSource, description);
    }
}
