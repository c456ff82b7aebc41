package dev.sgrevoker.intake.trigger;

import dev.sgrevoker.intake.Excerpt;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each security-group control's failure means in rules to revoke. Security Hub findings and AWS Config results
 * name the control and the group, never the offending rules; the selection picks them from the group's rules at
 * revoke time. Unknown controls are never guessed at.
 */
final class Controls {
    /** AWS Config restricted-common-ports' defaults for blockedPort1-5, when the rule is not Security Hub's own. */
    static final List<Integer> CONFIG_COMMON_PORTS = List.of(20, 21, 3389, 3306, 4333);

    private static final Pattern RANGE = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");

    /** A control and what its failure selects; {@code offence} is said in the request's reason. */
    record Control(String id, Selection selection, String offence) {}

    private Controls() {}

    /** Security Hub control ids (EC2.n), with the EC2.18 authorised ports from the finding or configuration. */
    static Optional<Control> byControlId(String id, List<PortRange> authorizedTcp, List<PortRange> authorizedUdp) {
        // One catalogue for alerts and sweeps (dev.sgrevoker.policy), so both judge a group the same way.
        return dev.sgrevoker.policy.Controls.byId(id, authorizedTcp, authorizedUdp)
                .map(c -> new Control(c.id(), c.selection(), c.offence()));
    }

    /** Older CIS standard findings name a benchmark rule, not a control: 1.2.0 4.1/4.2/4.3 and 1.4.0 5.3. */
    static Optional<String> controlOfCisRule(String benchmarkVersion, String ruleId) {
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
    static Optional<Control> byConfigRule(String ruleName, TriggerConfig config) {
        String name = ruleName.toLowerCase(Locale.ROOT);
        if (named(name, "vpc-sg-open-only-to-authorized-ports")) {
            return byControlId("EC2.18", config.authorizedTcp(), config.authorizedUdp());
        }
        if (named(name, "vpc-default-security-group-closed")) {
            return byControlId("EC2.2", List.of(), List.of());
        }
        if (named(name, "restricted-ssh")) {
            return byControlId("EC2.13", List.of(), List.of());
        }
        if (named(name, "restricted-rdp")) {
            return byControlId("EC2.14", List.of(), List.of());
        }
        if (named(name, "restricted-common-ports")) {
            // Security Hub's rule for EC2.19 blocks its high-risk list; a rule of your own blocks Config's defaults.
            return name.startsWith("securityhub-")
                    ? byControlId("EC2.19", List.of(), List.of())
                    : Optional.of(openToWorld(
                            "restricted-common-ports", CONFIG_COMMON_PORTS, "common ports open to the world"));
        }
        return Optional.empty();
    }

    private static boolean named(String name, String rule) {
        return Pattern.compile("(?:^|.*-)" + Pattern.quote(rule) + "(?:-.*)?")
                .matcher(name)
                .matches();
    }

    private static Control openToWorld(String id, List<Integer> ports, String offence) {
        var c = dev.sgrevoker.policy.Controls.openToWorld(id, ports, false, offence);
        return new Control(c.id(), c.selection(), c.offence());
    }

    /** Ports and ranges as Config and Security Hub write them: "80", "1024-1030"; blanks ignored. */
    static List<PortRange> portList(Iterable<String> values, FieldPath field) {
        List<PortRange> out = new ArrayList<>();
        for (String raw : values) {
            String v = raw.trim();
            if (v.isEmpty()) {
                continue;
            }
            Matcher m = RANGE.matcher(v);
            if (!m.matches()) {
                throw field.invalid("'" + Excerpt.of(v) + "' is not a port or a port range like 1024-1030");
            }
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            if (to > 65535 || from > to) {
                throw field.invalid("'" + v + "' is not a port range within 0-65535");
            }
            out.add(new PortRange(from, to));
        }
        return out;
    }
}
