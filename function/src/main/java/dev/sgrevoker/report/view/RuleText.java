package dev.sgrevoker.report.view;

/** A rule in a person's words: "tcp 22 from 0.0.0.0/0", "all traffic", "icmp type 8 code 0". */
final class RuleText {
    private RuleText() {}

    static String protocolAndPorts(RuleRow r) {
        String protocol = r.protocol();
        if (protocol == null) {
            return null;
        }
        if (protocol.equals("-1")) {
            return "all traffic";
        }
        Integer from = r.fromPort();
        Integer to = r.toPort();
        if (protocol.equals("icmp") || protocol.equals("icmpv6")) {
            if (from == null || from == -1) {
                return protocol + " (all types)";
            }
            return protocol + " type " + from + (to == null || to == -1 ? "" : " code " + to);
        }
        if (from == null) {
            return protocol.matches("[0-9]+") ? "protocol " + protocol : protocol;
        }
        if (from == 0 && to != null && to == 65535) {
            return protocol + " (all ports)";
        }
        return protocol + " " + (to == null || to.equals(from) ? from.toString() : from + "–" + to);
    }

    static String exemptUntil(String until) {
        return until.equals("indefinite") ? "no end date" : "until " + until;
    }

    /** How an outcome reads beside a rule. */
    static String outcome(String outcome) {
        if (outcome == null) {
            return "planned";
        }
        return switch (outcome) {
            case "DRY_RUN" -> "would revoke";
            case "REVOKED" -> "revoked";
            case "EXEMPT" -> "exempt";
            case "FAILED" -> "failed";
            case "SKIPPED" -> "skipped";
            case "NOT_FOUND" -> "not found";
            default -> outcome.toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The CSS class of an outcome's badge: a fixed set, never a value from the document. */
    static String outcomeClass(String outcome) {
        if (outcome == null) {
            return "o-plan";
        }
        return switch (outcome) {
            case "DRY_RUN" -> "o-dry";
            case "REVOKED" -> "o-revoked";
            case "EXEMPT" -> "o-exempt";
            case "FAILED" -> "o-failed";
            case "SKIPPED" -> "o-skipped";
            case "NOT_FOUND" -> "o-gone";
            default -> "o-other";
        };
    }
}
