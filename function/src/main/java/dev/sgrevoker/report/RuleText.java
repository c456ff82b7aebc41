package dev.sgrevoker.report;

import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.RuleSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A rule in a person's words, for the summary and the finding's note: "tcp 22 from 0.0.0.0/0" (protocol, ports,
 * source; never the rule's description or tags, which whoever may tag wrote), on one line of plain text.
 */
final class RuleText {
    private RuleText() {}

    /** "  REVOKED tcp 22 from 0.0.0.0/0 (sgr-0123…)", with the group when there are several. */
    static String line(PermissionOutcome p, boolean manyGroups) {
        StringBuilder b = new StringBuilder("  ").append(p.outcome().name()).append(' ');
        Permission permission =
                p.before().isEmpty() ? p.permission() : p.before().get(0).permission();
        b.append(permission == null ? "(no rule)" : p.egress() ? "egress " + egress(permission) : of(permission));
        List<String> ids = new ArrayList<>();
        if (manyGroups && p.groupId() != null) {
            ids.add(p.groupId());
        }
        if (p.ruleId() != null) {
            ids.add(p.ruleId());
        }
        if (!ids.isEmpty()) {
            b.append(" (").append(String.join(", ", ids)).append(')');
        }
        if (p.outcome() != Outcome.REVOKED && p.code() != null && p.code() != FailureCode.Ours.DRY_RUN_OPERATION) {
            b.append(": ").append(WireStrings.errorCode(p.code()));
        }
        return plain(b.toString());
    }

    /** "tcp 22 from 0.0.0.0/0", "tcp 8000-8080 from sg-0abc", "all traffic from pl-1234". */
    static String of(Permission p) {
        String what;
        if (p.protocol().isAll()) {
            what = "all traffic";
        } else if (p.protocol().ignoresPorts() || p.ports().from() == -1) {
            what = p.protocol().value();
        } else if (p.ports().from() == p.ports().to()) {
            what = p.protocol().value() + " " + p.ports().from();
        } else {
            what = p.protocol().value() + " " + p.ports().from() + "-"
                    + p.ports().to();
        }
        String from = switch (p.source()) {
            case RuleSource.Ipv4Range r -> r.cidr();
            case RuleSource.Ipv6Range r -> r.cidr();
            case RuleSource.PrefixList r -> r.prefixListId();
            case RuleSource.GroupReference r ->
                r.groupId() != null ? r.groupId() : Objects.requireNonNullElse(r.groupName(), "a group");
        };
        return what + " from " + from;
    }

    /** An egress rule reads where traffic may go: "all traffic to 0.0.0.0/0". */
    static String egress(Permission p) {
        return of(p).replace(" from ", " to ");
    }

    /** One line of plain text: any control character (a newline in a reason quoting input) becomes a space. */
    static String plain(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) || isBidi(c) ? ' ' : c));
        return b.toString();
    }

    private static boolean isBidi(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F;
    }

    static String clip(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int keep = Character.isHighSurrogate(s.charAt(max - 2)) ? max - 2 : max - 1;
        return s.substring(0, keep) + "…";
    }
}
