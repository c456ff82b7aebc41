package dev.sgrevoker.policy;

import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.GroupFacts;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The exemption tag: on a group or on one of its rules, {@code true} or an ISO date through which it holds. It
 * exempts a rule from every policy selection (sweeps, Security Hub, Config, CloudTrail in policy mode); an explicit
 * request (by rule id or permission) is not a policy and is not exempted.
 */
public record Exemptions(String tagKey) {
    /** The tag key when the deployer names none. */
    public static final String DEFAULT_TAG_KEY = "sg-revoker:exempt";

    public Exemptions {
        if (tagKey == null || tagKey.isBlank()) {
            throw new IllegalArgumentException("the exemption tag key is required");
        }
    }

    /** The last day of an exemption whose tag is {@code true}: it has none. */
    public static final LocalDate NO_END = LocalDate.MAX;

    /**
     * Whether {@code rule} of {@code group} is exempt on {@code today} (UTC). {@code because} names the tag and where
     * it sits; {@code until} is the last day it holds ({@link #NO_END} for {@code true}), on an exemption only;
     * {@code ignored} says why a tag that is there does not hold (expired, malformed), so it is never silently
     * disregarded.
     */
    public record Status(String because, LocalDate until, List<String> ignored) {
        public Status {
            ignored = List.copyOf(ignored);
            if ((because == null) != (until == null)) {
                throw new IllegalArgumentException("an exemption has a reason and a last day, anything else neither");
            }
        }

        public boolean exempt() {
            return because != null;
        }
    }

    /** A tag that holds: the reason, and the last day it holds. */
    private record Held(String because, LocalDate until) {}

    public Status of(GroupFacts group, DescribedRule rule, LocalDate today) {
        List<String> ignored = new ArrayList<>();
        Held held = holds(rule.tags().get(tagKey), "the rule " + rule.ruleId(), today, ignored);
        if (held == null && group != null) {
            held = holds(group.tags().get(tagKey), "the group " + group.groupId(), today, ignored);
        }
        return held == null ? new Status(null, null, ignored) : new Status(held.because(), held.until(), ignored);
    }

    private Held holds(String value, String where, LocalDate today, List<String> ignored) {
        if (value == null) {
            return null;
        }
        String tag = "tag " + tagKey + "=" + value + " on " + where;
        String v = value.trim();
        if (v.toLowerCase(Locale.ROOT).equals("true")) {
            return new Held("exempt: " + tag, NO_END);
        }
        LocalDate until;
        try {
            until = LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            ignored.add(tag + " is neither 'true' nor an ISO date such as 2027-01-31: not an exemption");
            return null;
        }
        if (today.isAfter(until)) {
            ignored.add(tag + " ended after " + until + ": no longer an exemption");
            return null;
        }
        return new Held("exempt until " + until + ": " + tag, until);
    }
}
