package dev.sgrevoker.policy;

import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.Selection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The security-group controls the function acts on, as selections over a group's ingress rules. Alerts (Security
 * Hub, Config) and sweeps take them from here, so both judge a group the same way.
 */
public final class Controls {
    /** Security Hub EC2.19's documented high-risk ports. */
    public static final List<Integer> HIGH_RISK_PORTS = List.of(
            20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080,
            8088, 8888, 9200, 9300);

    /** Security Hub's default for EC2.18's authorizedTcpPorts: what may stay open to the world unless told otherwise. */
    public static final List<PortRange> EC2_18_AUTHORIZED_TCP_PORTS =
            List.of(new PortRange(80, 80), new PortRange(443, 443));

    /** Every control id a sweep may name, in the order the documentation lists them. */
    public static final List<String> IDS = List.of("EC2.2", "EC2.13", "EC2.14", "EC2.18", "EC2.19");

    /** A control and what its failure selects; {@code offence} is said in the reason. */
    public record Control(String id, Selection selection, String offence) {
        /** The control as a sweep's check: its reason names the control and the offence. */
        public Check check() {
            return new Check.OfSelection(id, selection, id + ": " + offence);
        }
    }

    private Controls() {}

    /** A control by its Security Hub id (EC2.n); EC2.18 takes the authorised tcp and udp ports. */
    public static Optional<Control> byId(String id, List<PortRange> authorizedTcp, List<PortRange> authorizedUdp) {
        return Optional.ofNullable(
                switch (id.toUpperCase(Locale.ROOT)) {
                    case "EC2.13" -> openToWorld("EC2.13", List.of(22), false, "port 22 (SSH) open to the world");
                    case "EC2.14" -> openToWorld("EC2.14", List.of(3389), false, "port 3389 (RDP) open to the world");
                    // tcp and udp, as AWS's own remediation (ASR DisableUnrestrictedAccessToHighRiskPorts) judges them.
                    case "EC2.19" -> openToWorld("EC2.19", HIGH_RISK_PORTS, true, "high-risk ports open to the world");
                    case "EC2.18" ->
                        new Control(
                                "EC2.18",
                                new Selection.OpenToWorldExcept(authorizedTcp, authorizedUdp),
                                "ports open to the world that are not authorised");
                    case "EC2.2" ->
                        new Control(
                                "EC2.2",
                                new Selection.AllIngress(),
                                "a VPC default security group that allows inbound or outbound traffic");
                    default -> null;
                });
    }

    /** Rules open to the world reaching any of {@code ports} over tcp (and udp when asked); -1 reaches them all. */
    public static Control openToWorld(String id, List<Integer> ports, boolean udpToo, String offence) {
        Set<Selection.PortSpec> specs = new LinkedHashSet<>();
        ports.forEach(p -> specs.add(Selection.PortSpec.tcp(p)));
        if (udpToo) {
            ports.forEach(p -> specs.add(new Selection.PortSpec(Protocol.UDP, p)));
        }
        return new Control(id, new Selection.OpenToWorld(specs), offence);
    }
}
