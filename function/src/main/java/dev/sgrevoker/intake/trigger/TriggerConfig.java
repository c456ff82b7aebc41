package dev.sgrevoker.intake.trigger;

import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.model.PortRange;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the normalisers need from configuration, read once from the environment.
 *
 * @param ignoredPrincipals IAM ARNs whose AuthorizeSecurityGroupIngress calls are approved changes (e.g. the
 *     deployment pipeline's role): matched against the caller's ARN and its session issuer's (the role) ARN
 * @param authorizedTcp ports that may stay open to the world under EC2.18 / vpc-sg-open-only-to-authorized-ports
 *     when the alert does not carry the control's parameters (Config events never do)
 */
public record TriggerConfig(
        AccountPolicy accounts,
        Set<String> ignoredPrincipals,
        List<PortRange> authorizedTcp,
        List<PortRange> authorizedUdp) {
    public static final String IGNORED_PRINCIPAL_ARNS = "IGNORED_PRINCIPAL_ARNS";
    public static final String AUTHORIZED_TCP_PORTS = "AUTHORIZED_TCP_PORTS";
    public static final String AUTHORIZED_UDP_PORTS = "AUTHORIZED_UDP_PORTS";
    /** Security Hub's default for EC2.18's authorizedTcpPorts. */
    public static final String DEFAULT_AUTHORIZED_TCP = "80,443";

    public TriggerConfig {
        ignoredPrincipals = Set.copyOf(ignoredPrincipals);
        authorizedTcp = List.copyOf(authorizedTcp);
        authorizedUdp = List.copyOf(authorizedUdp);
    }

    /** {@code env} is System.getenv() in Lambda; the ARN is the Context's invoked function ARN. */
    public static TriggerConfig fromEnvironment(Map<String, String> env, String invokedFunctionArn) {
        AccountPolicy accounts =
                AccountPolicy.forFunction(invokedFunctionArn, env.get(AccountPolicy.ALLOWED_ACCOUNT_IDS));
        Set<String> ignored = Arrays.stream(
                        env.getOrDefault(IGNORED_PRINCIPAL_ARNS, "").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        List<PortRange> tcp = Controls.portList(
                List.of(env.getOrDefault(AUTHORIZED_TCP_PORTS, DEFAULT_AUTHORIZED_TCP)
                        .split(",")),
                FieldPath.of(AUTHORIZED_TCP_PORTS));
        List<PortRange> udp = Controls.portList(
                List.of(env.getOrDefault(AUTHORIZED_UDP_PORTS, "").split(",")), FieldPath.of(AUTHORIZED_UDP_PORTS));
        return new TriggerConfig(accounts, ignored, tcp, udp);
    }
}
