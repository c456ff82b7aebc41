package dev.sgrevoker.report.view;

import static dev.sgrevoker.report.view.ReportHeader.integer;
import static dev.sgrevoker.report.view.ReportHeader.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.report.view.RuleRow.GroupUse;
import dev.sgrevoker.report.view.RuleRow.InterfaceExample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one mapping from the wire format to rows: a result entry (docs/result.md) or a plan line becomes one row per
 * rule. Fields other helpers add later ({@code region}, {@code direction}, {@code ruleTags}, {@code exemptUntil},
 * {@code interfacesUsingGroup}, {@code interfaceExamples}, {@code groupShared}) are read where present.
 */
public final class EntryRows {
    /** How Exemptions words a holding tag (docs/sweeps.md), for results written before {@code exemptUntil}. */
    private static final Pattern EXEMPT_UNTIL = Pattern.compile("^exempt until (\\d{4}-\\d{2}-\\d{2}):");
    /** How a control is named in an alert's or check's words, for results written before {@code controls}. */
    private static final Pattern CONTROL = Pattern.compile("\\b(EC2\\.[0-9]+)\\b");

    private static final int MAX_EXAMPLES = 5;

    private EntryRows() {}

    /**
     * One row per rule of a result entry: the entry's image, or each of its {@code rules} where one requested
     * permission matched several. The document's header gives the account and region an entry leaves out.
     */
    public static List<RuleRow> of(JsonNode entry, ReportHeader header) {
        JsonNode rules = entry.path("rules");
        if (rules.isArray() && !rules.isEmpty()) {
            List<RuleRow> rows = new ArrayList<>(rules.size());
            rules.forEach(r -> rows.add(row(entry, header, text(r, "ruleId"), r.path("permission"), r.get("tags"))));
            return rows;
        }
        JsonNode tags = entry.has("ruleTags") ? entry.get("ruleTags") : entry.get("tags");
        return List.of(row(entry, header, text(entry, "ruleId"), entry.path("permission"), tags));
    }

    /** A plan line: {account, region, groupId, ruleId, direction, permission}; it has no outcome yet. */
    public static RuleRow ofPlanLine(JsonNode line, ReportHeader header) {
        return row(line, header, text(line, "ruleId"), line.path("permission"), line.get("tags"));
    }

    private static RuleRow row(JsonNode e, ReportHeader header, String ruleId, JsonNode permission, JsonNode tags) {
        String account = or(text(e, "account"), header.account());
        Rule rule = Rule.of(permission, account);
        String outcome = text(e, "outcome");
        String reason = text(e, "reason");
        String direction = text(e, "direction");
        return new RuleRow(
                account,
                or(text(e, "region"), header.region()),
                text(e, "vpcId"),
                text(e, "groupId"),
                text(e, "groupName"),
                ruleId,
                direction != null ? direction : rule == null ? null : "ingress",
                rule == null ? null : rule.protocol,
                rule == null ? null : rule.from,
                rule == null ? null : rule.to,
                rule == null ? null : rule.source,
                rule == null ? null : rule.description,
                tags(tags),
                because(e.get("because")),
                controls(e),
                outcome,
                text(e, "errorCode"),
                reason,
                exemptUntil(e, outcome, reason),
                use(e));
    }

    /** An IpPermission with one source, as a row reads it. */
    private record Rule(String protocol, Integer from, Integer to, String source, String description) {
        static Rule of(JsonNode p, String account) {
            if (!p.isObject()) {
                return null;
            }
            JsonNode s;
            String source;
            if ((s = first(p, "IpRanges")) != null) {
                source = text(s, "CidrIp");
            } else if ((s = first(p, "Ipv6Ranges")) != null) {
                source = text(s, "CidrIpv6");
            } else if ((s = first(p, "PrefixListIds")) != null) {
                source = text(s, "PrefixListId");
            } else if ((s = first(p, "UserIdGroupPairs")) != null) {
                String group = or(text(s, "GroupId"), text(s, "GroupName"));
                String owner = or(text(s, "UserId"), account);
                source = owner == null ? group : owner + "/" + group;
            } else {
                source = null;
            }
            return new Rule(
                    text(p, "IpProtocol"),
                    integer(p, "FromPort"),
                    integer(p, "ToPort"),
                    source,
                    s == null ? null : text(s, "Description"));
        }

        private static JsonNode first(JsonNode p, String list) {
            JsonNode l = p.path(list);
            return l.isArray() && !l.isEmpty() && l.get(0).isObject() ? l.get(0) : null;
        }
    }

    private static Map<String, String> tags(JsonNode tags) {
        if (tags == null || !tags.isObject()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        tags.properties()
                .forEach(t -> out.put(
                        t.getKey(), t.getValue().isNull() ? "" : t.getValue().asText()));
        return out;
    }

    /** Today a {@code "; "}-joined text; a list is read as well. */
    private static List<String> because(JsonNode because) {
        List<String> out = new ArrayList<>();
        if (because == null || because.isNull()) {
            return out;
        }
        if (because.isArray()) {
            because.forEach(b -> out.add(b.asText()));
        } else {
            for (String part : because.asText().split("; ")) {
                if (!part.isBlank()) {
                    out.add(part);
                }
            }
        }
        return out;
    }

    /**
     * The entry's {@code controls}; else, as the controls named in its {@code because}: an EC2.n id wherever the
     * alert or check words it ("EC2.13: …", "Security Hub EC2.13: …", "AWS Config rule 'restricted-ssh' (EC2.13): …"),
     * {@code allowedSources}, or the words before the first colon; a note that an exemption tag did not hold is none.
     */
    private static List<String> controls(JsonNode e) {
        JsonNode stated = e.get("controls");
        if (stated != null && stated.isArray()) {
            List<String> out = new ArrayList<>();
            stated.forEach(c -> out.add(c.asText()));
            return out;
        }
        // Reading because's words stays only for results written before entries had controls.
        List<String> out = new ArrayList<>();
        for (String because : because(e.get("because"))) {
            if (because.startsWith("tag ")
                    && (because.endsWith("no longer an exemption") || because.endsWith("not an exemption"))) {
                continue;
            }
            Matcher m = CONTROL.matcher(because);
            String control;
            if (because.startsWith("allowedSources")) {
                control = "allowedSources";
            } else if (m.find()) {
                control = m.group(1);
            } else {
                int colon = because.indexOf(':');
                control = colon > 0 && colon <= 40 ? because.substring(0, colon) : "other";
            }
            if (!out.contains(control)) {
                out.add(control);
            }
        }
        return out;
    }

    private static String exemptUntil(JsonNode e, String outcome, String reason) {
        String stated = text(e, "exemptUntil");
        if (stated != null || !"EXEMPT".equals(outcome) || reason == null) {
            return stated;
        }
        // Reading the reason's words stays only for results written before entries had exemptUntil.
        Matcher until = EXEMPT_UNTIL.matcher(reason);
        if (until.find()) {
            return until.group(1);
        }
        return reason.startsWith("exempt: ") ? "indefinite" : null;
    }

    /**
     * {@code interfacesUsingGroup} and {@code interfaceExamples}; {@code groupShared}: true with
     * {@code groupSharedReason}, or the reason as text; {@code groupSharingUnknown} with its reason.
     */
    private static GroupUse use(JsonNode e) {
        Integer count = integer(e, "interfacesUsingGroup");
        List<InterfaceExample> examples = new ArrayList<>();
        for (JsonNode i : e.path("interfaceExamples")) {
            if (i.isObject() && examples.size() < MAX_EXAMPLES) {
                examples.add(new InterfaceExample(
                        text(i, "interfaceId"),
                        text(i, "interfaceType"),
                        text(i, "instanceId"),
                        text(i, "requesterId"),
                        text(i, "description")));
            }
        }
        JsonNode shared = e.path("groupShared");
        String sharedReason = null;
        if (shared.isTextual()) {
            sharedReason = shared.textValue();
        } else if (shared.asBoolean(false)) {
            sharedReason = or(text(e, "groupSharedReason"), "shared with other accounts");
        }
        String unknownReason = e.path("groupSharingUnknown").asBoolean(false)
                ? or(text(e, "groupSharingUnknownReason"), "sharing not checked")
                : null;
        if (count == null && examples.isEmpty() && sharedReason == null && unknownReason == null) {
            return GroupUse.UNKNOWN;
        }
        return new GroupUse(count, examples, sharedReason, unknownReason);
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }
}
