package dev.sgrevoker.intake.trigger;

import dev.sgrevoker.policy.Controls;
import dev.sgrevoker.policy.Controls.Control;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which control an alert is about, when it does not name one by its Security Hub id: an older CIS standard finding
 * names a benchmark rule, an AWS Config event names a rule. The controls themselves (what each selects) are
 * {@link Controls}', shared with sweeps. Unknown rules are never guessed at.
 */
public final class AlertToControl {
    /** AWS Config restricted-common-ports' defaults for blockedPort1-5, when the rule is not Security Hub's own. */
    static final List<Integer> CONFIG_COMMON_PORTS = List.of(20, 21, 3389, 3306, 4333);

    /** The AWS Config managed rules acted on, by their default names (the default of the rule names listed). */
    public static final List<String> MANAGED_CONFIG_RULES = List.of(
            "restricted-ssh",
            "restricted-common-ports",
            "vpc-sg-open-only-to-authorized-ports",
            "vpc-default-security-group-closed");

    private AlertToControl() {}

    /** Older CIS standard findings name a benchmark rule, not a control: 1.2.0 4.1/4.2/4.3 and 1.4.0 5.3. */
    static Optional<String> controlIdOfCisRule(String benchmarkVersion, String ruleId) {
        String key = (benchmarkVersion == null ? "1.2.0" : benchmarkVersion) + "/" + ruleId;
        return Optional.ofNullable(
                switch (key) {
                    case "1.2.0/4.1" -> "EC2.13";
                    case "1.2.0/4.2" -> "EC2.14";
                    case "1.2.0/4.3", "1.4.0/5.3" -> "EC2.2";
                    default -> null;
                });
    }

    /**
     * AWS Config rules by name; the name may carry a prefix or suffix (Security Hub creates
     * securityhub-restricted-ssh-9412a869), matched on whole dash-separated words.
     */
    static Optional<Control> ofConfigRule(String ruleName, TriggerConfig config) {
        String name = ruleName.toLowerCase(Locale.ROOT);
        if (named(name, "vpc-sg-open-only-to-authorized-ports")) {
            return Controls.byId("EC2.18", config.authorizedTcp(), config.authorizedUdp());
        }
        if (named(name, "vpc-default-security-group-closed")) {
            return Controls.byId("EC2.2", List.of(), List.of());
        }
        if (named(name, "restricted-ssh")) {
            return Controls.byId("EC2.13", List.of(), List.of());
        }
        if (named(name, "restricted-rdp")) {
            return Controls.byId("EC2.14", List.of(), List.of());
        }
        if (named(name, "restricted-common-ports")) {
            // Security Hub's rule for EC2.19 blocks its high-risk list; a rule of your own blocks Config's defaults.
            return name.startsWith("securityhub-")
                    ? Controls.byId("EC2.19", List.of(), List.of())
                    : Optional.of(Controls.openToWorld(
                            "restricted-common-ports", CONFIG_COMMON_PORTS, false, "common ports open to the world"));
        }
        return Optional.empty();
    }

    private static boolean named(String name, String rule) {
        return Pattern.compile("(?:^|.*-)" + Pattern.quote(rule) + "(?:-.*)?")
                .matcher(name)
                .matches();
    }
}
