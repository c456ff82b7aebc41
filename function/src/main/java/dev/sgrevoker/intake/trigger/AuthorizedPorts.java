package dev.sgrevoker.intake.trigger;

import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.Scalars;
import dev.sgrevoker.model.PortRange;
import java.util.List;
import java.util.Map;

/**
 * The ports EC2.18 (and Config's vpc-sg-open-only-to-authorized-ports) let stay open to the world, from
 * AUTHORIZED_TCP_PORTS (Security Hub's default 80,443) and AUTHORIZED_UDP_PORTS (none): one reading for the alert
 * path and the sweeps alike.
 */
public record AuthorizedPorts(List<PortRange> tcp, List<PortRange> udp) {
    public static final String TCP_ENV = "AUTHORIZED_TCP_PORTS";
    public static final String UDP_ENV = "AUTHORIZED_UDP_PORTS";
    /** Security Hub's default for EC2.18's authorizedTcpPorts. */
    public static final String DEFAULT_TCP = "80,443";

    public AuthorizedPorts {
        tcp = List.copyOf(tcp);
        udp = List.copyOf(udp);
    }

    public static AuthorizedPorts fromEnvironment(Map<String, String> env) {
        return new AuthorizedPorts(
                Scalars.portList(List.of(env.getOrDefault(TCP_ENV, DEFAULT_TCP).split(",")), FieldPath.named(TCP_ENV)),
                Scalars.portList(List.of(env.getOrDefault(UDP_ENV, "").split(",")), FieldPath.named(UDP_ENV)));
    }
}
