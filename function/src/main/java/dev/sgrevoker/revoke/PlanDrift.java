package dev.sgrevoker.revoke;

import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.RuleSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a rule still is what a reviewed plan recorded: same direction, protocol, ports, source and description. A
 * reviewer approved that rule; a rule changed since under the same id is not what was approved.
 */
final class PlanDrift {
    private PlanDrift() {}

    /** What changed, in words ({@code description 'a' → 'b'; ports 22 → 22-23}), or empty when nothing did. */
    static Optional<String> between(DescribedRule planned, DescribedRule now) {
        List<String> changes = new ArrayList<>();
        if (planned.egress() != now.egress()) {
            changes.add("direction " + direction(planned) + " → " + direction(now));
        }
        Permission was = planned.permission();
        Permission is = now.permission();
        if (!was.protocol().equals(is.protocol())) {
            changes.add(
                    "protocol " + was.protocol().value() + " → " + is.protocol().value());
        }
        if (!was.ports().equals(is.ports())) {
            changes.add("ports " + ports(was.ports()) + " → " + ports(is.ports()));
        }
        if (!was.source().matches(is.source())) {
            changes.add("source " + source(was.source()) + " → " + source(is.source()));
        }
        if (!Objects.equals(blankAsNone(was.description()), blankAsNone(is.description()))) {
            changes.add("description " + quoted(was.description()) + " → " + quoted(is.description()));
        }
        return changes.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", changes));
    }

    private static String direction(DescribedRule r) {
        return r.egress() ? "egress" : "ingress";
    }

    private static String ports(PortRange p) {
        return p.isAny() ? "all" : p.from() == p.to() ? String.valueOf(p.from()) : p.from() + "-" + p.to();
    }

    private static String source(RuleSource s) {
        return switch (s) {
            case RuleSource.Ipv4Range r -> r.cidr();
            case RuleSource.Ipv6Range r -> r.cidr();
            case RuleSource.PrefixList r -> r.prefixListId();
            case RuleSource.GroupReference r -> (r.userId() == null ? "" : r.userId() + "/") + r.groupId();
        };
    }

    private static String blankAsNone(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String quoted(String s) {
        return blankAsNone(s) == null ? "(none)" : "'" + s + "'";
    }
}
