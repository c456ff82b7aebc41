package dev.sgrevoker.intake.trigger;

import dev.sgrevoker.model.PortRange;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the normalisers need from configuration, read once from the environment. docs/intake-trust.md describes
 * every knob and its default.
 *
 * @param ignoredPrincipals IAM ARNs whose AuthorizeSecurityGroupIngress calls are approved changes (e.g. the
 *     deployment pipeline's role): matched against the caller's ARN and its session issuer's (the role) ARN
 * @param authorizedTcp ports that may stay open to the world under EC2.18 / vpc-sg-open-only-to-authorized-ports
 *     when the alert does not carry the control's parameters (Config events never do)
 * @param trust who may ask for a revocation
 */
public record TriggerConfig(
        AccountPolicy accounts,
        Set<String> ignoredPrincipals,
        List<PortRange> authorizedTcp,
        List<PortRange> authorizedUdp,
        Trust trust) {
    public static final String IGNORED_PRINCIPAL_ARNS = "IGNORED_PRINCIPAL_ARNS";
    public static final String REQUEST_SOURCES = "REQUEST_SOURCES";
    public static final String QUEUED_ALERTS = "QUEUED_ALERTS";
    public static final String SECURITYHUB_ACTION_TARGETS = "SECURITYHUB_ACTION_TARGETS";
    public static final String CONFIG_RULE_NAMES = "CONFIG_RULE_NAMES";
    public static final String REVERT_SERVICE_CHANGES = "REVERT_SERVICE_CHANGES";
    /** The source our own automation puts revocation requests under. */
    public static final String DEFAULT_REQUEST_SOURCES = "sg-revoker.requests";
    /** The AWS Config managed rules we act on, by their default names. */
    public static final String DEFAULT_CONFIG_RULE_NAMES = String.join(",", AlertToControl.MANAGED_CONFIG_RULES);

    /**
     * Who may ask.
     *
     * @param requestSources EventBridge sources whose revocation requests are accepted
     * @param queuedAlertsTrusted whether an aws.* event inside an SQS message is believed (anyone who may send to
     *     the queue could write one)
     * @param securityHubActionTargets custom action ARNs whose findings are acted on; empty refuses custom actions
     * @param configRuleNames Config rule names acted on, matched exactly
     * @param revertServiceChanges whether CloudTrail calls made by AWS services are reverted too
     */
    public record Trust(
            Set<String> requestSources,
            boolean queuedAlertsTrusted,
            Set<String> securityHubActionTargets,
            Set<String> configRuleNames,
            boolean revertServiceChanges) {
        public Trust {
            requestSources = Set.copyOf(requestSources);
            securityHubActionTargets = Set.copyOf(securityHubActionTargets);
            configRuleNames = Set.copyOf(configRuleNames);
        }
    }

    public TriggerConfig {
        ignoredPrincipals = Set.copyOf(ignoredPrincipals);
        authorizedTcp = List.copyOf(authorizedTcp);
        authorizedUdp = List.copyOf(authorizedUdp);
    }

    /** {@code env} is System.getenv() in Lambda; the ARN is the Context's invoked function ARN. */
    public static TriggerConfig fromEnvironment(Map<String, String> env, String invokedFunctionArn) {
        AccountPolicy accounts =
                AccountPolicy.forFunction(invokedFunctionArn, env.get(AccountPolicy.ALLOWED_ACCOUNT_IDS));
        AuthorizedPorts ports = AuthorizedPorts.fromEnvironment(env);
        Trust trust = new Trust(
                list(env.getOrDefault(REQUEST_SOURCES, DEFAULT_REQUEST_SOURCES)),
                flag(env, QUEUED_ALERTS, "trusted", "untrusted"),
                list(env.getOrDefault(SECURITYHUB_ACTION_TARGETS, "")),
                list(env.getOrDefault(CONFIG_RULE_NAMES, DEFAULT_CONFIG_RULE_NAMES)),
                flag(env, REVERT_SERVICE_CHANGES, "true", "false"));
        return new TriggerConfig(
                accounts, list(env.getOrDefault(IGNORED_PRINCIPAL_ARNS, "")), ports.tcp(), ports.udp(), trust);
    }

    private static Set<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    /** Only the documented value turns a knob on; any other value is a configuration error, raised, not guessed at. */
    private static boolean flag(Map<String, String> env, String name, String on, String off) {
        String value = env.get(name);
        if (value == null || value.isBlank() || value.trim().equals(off)) {
            return false;
        }
        if (!value.trim().equals(on)) {
            throw new IllegalArgumentException(name + ": '" + value + "' is neither '" + on + "' nor '" + off
                    + "'; leave it unset for '" + off + "'");
        }
        return true;
    }
}
