package dev.sgrevoker.intake.trigger;

import dev.sgrevoker.model.PortRange;
import java.util.List;
import java.util.Set;

/**
 * What the normalisers need from configuration (config.FunctionConfig reads it; docs/intake-trust.md describes every
 * knob and its default).
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

    /** The same configuration, with the organization's accounts read at most once: one invocation's view. */
    public TriggerConfig forOneInvocation() {
        AccountPolicy once = accounts.oncePerInvocation();
        return once == accounts
                ? this
                : new TriggerConfig(once, ignoredPrincipals, authorizedTcp, authorizedUdp, trust);
    }

    public TriggerConfig {
        ignoredPrincipals = Set.copyOf(ignoredPrincipals);
        authorizedTcp = List.copyOf(authorizedTcp);
        authorizedUdp = List.copyOf(authorizedUdp);
    }
}
