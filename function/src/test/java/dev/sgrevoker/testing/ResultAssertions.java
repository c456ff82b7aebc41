package dev.sgrevoker.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The contract of the response and of the result event (docs/result.md), checked on every invocation. */
public final class ResultAssertions {
    private static final List<String> OUTCOMES =
            List.of("REVOKED", "NOT_FOUND", "FAILED", "DRY_RUN", "SKIPPED", "EXEMPT");
    private static final List<String> SOURCES = List.of("IpRanges", "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs");
    private static final Set<String> ENTRY_FIELDS = Set.of(
            "groupId",
            "account",
            "region",
            "groupName",
            "vpcId",
            "permission",
            "ruleId",
            "tags",
            "rules",
            "outcome",
            "errorCode",
            "reason",
            "because",
            "controls",
            "exemptUntil",
            "repeatOf",
            "direction",
            "interfacesUsingGroup",
            "interfaceExamples",
            "groupShared",
            "groupSharedReason",
            "groupSharingUnknown",
            "groupSharingUnknownReason",
            "exposedSeconds");

    private ResultAssertions() {}

    /** Header, counts that add up, and every entry in shape. */
    public static void checkResponse(Lambda.Invocation inv) {
        JsonNode r = inv.response();
        assertEquals(inv.requestId(), r.path("invocationId").asText(), "invocationId is the Lambda request id: " + r);
        assertTrue(
                Set.of(
                                "cli-input-json",
                                "simplified-flags",
                                "shorthand",
                                "request-list",
                                "cloudtrail-authorize-ingress",
                                "securityhub-finding",
                                "config-compliance-change",
                                "sweep",
                                "plan")
                        .contains(r.path("inputForm").asText()),
                r.toString());
        assertTrue(r.path("dryRun").isBoolean(), r.toString());
        // Every result says itself in words, within what a notification carries.
        assertTrue(r.path("summary").isTextual() && r.path("summary").asText().length() <= 2_000, r.toString());
        assertTrue(r.path("summary").asText().startsWith(r.path("summaryTitle").asText()), r.toString());
        // A sweep that finds nothing to select has no entries: only selected rules become entries.
        assertTrue(
                r.path("permissions").isArray()
                        && (!r.path("permissions").isEmpty()
                                || "sweep".equals(r.path("inputForm").asText())),
                r.toString());
        r.path("permissions").forEach(ResultAssertions::checkEntry);
        checkCounts(r.path("counts"), entries(r));
        assertTrue(r.path("time").isTextual(), "the time it was received: " + r);
        assertTrue(r.path("provenance").isObject(), "who asked: " + r);
        checkRestore(r);
    }

    /** Every revoked rule is re-created by exactly one restore document, and nothing else is. */
    private static void checkRestore(JsonNode r) {
        assertTrue(r.path("restore").isArray(), "restore in " + r);
        long revoked = entries(r).stream()
                .filter(e -> "REVOKED".equals(e.path("outcome").asText()))
                .flatMap(e -> List.of(e.path("ruleId").asText().split(",")).stream())
                .distinct()
                .count();
        int restored = 0;
        // Egress rules (a default group's, EC2.2) come back by their own command: restoreEgress, only when any went.
        assertTrue(!r.has("restoreEgress") || !r.path("restoreEgress").isEmpty(), "an empty restoreEgress: " + r);
        for (String list : List.of("restore", "restoreEgress")) {
            for (JsonNode doc : r.path(list)) {
                assertTrue(doc.path("GroupId").asText().startsWith("sg-"), doc.toString());
                restored += doc.path("IpPermissions").size();
            }
        }
        assertEquals(
                revoked,
                restored,
                "one IpPermission per revoked rule in " + r.path("restore") + " and " + r.path("restoreEgress"));
    }

    /** The single-part result event repeats the response: same header, unrevoked then revoked, in request order. */
    public static void checkEvent(JsonNode envelope, JsonNode response) {
        assertEquals("sg-revoker", envelope.path("source").asText(), envelope.toString());
        assertEquals(
                "Security Group Ingress Revocation Result",
                envelope.path("detail-type").asText(),
                envelope.toString());
        JsonNode d = envelope.path("detail");
        for (String field : List.of(
                "invocationId",
                "inputForm",
                "dryRun",
                "counts",
                "time",
                "provenance",
                "restore",
                "restoreEgress",
                "egressRulesRemaining",
                "egressNote",
                "attention",
                "summaryTitle",
                "summary",
                "findingUpdates")) {
            assertEquals(response.get(field), d.get(field), field + " in the event: " + d);
        }
        assertEquals(1, d.path("part").asInt(), d.toString());
        assertEquals(1, d.path("parts").asInt(), d.toString());
        List<JsonNode> unrevoked = new ArrayList<>();
        List<JsonNode> revoked = new ArrayList<>();
        entries(response).forEach(e -> ("REVOKED".equals(e.path("outcome").asText()) ? revoked : unrevoked).add(e));
        assertEquals(array(unrevoked), d.get("unrevoked"), "unrevoked in the event");
        assertEquals(array(revoked), d.get("revoked"), "revoked in the event");
    }

    public static void checkEntry(JsonNode e) {
        e.fieldNames()
                .forEachRemaining(f -> assertTrue(ENTRY_FIELDS.contains(f), "unexpected field " + f + " in " + e));
        String outcome = e.path("outcome").asText();
        assertTrue(OUTCOMES.contains(outcome), "outcome of " + e);
        assertTrue(e.path("groupId").isNull() || e.path("groupId").asText().startsWith("sg-"), "groupId of " + e);
        assertTrue(!e.has("account") || e.get("account").asText().matches("\\d{12}"), "account of " + e);
        assertTrue(!e.has("region") || e.get("region").asText().matches("[a-z]{2}(-[a-z]+)+-\\d+"), "region of " + e);
        JsonNode p = e.get("permission");
        assertTrue(p != null, "permission is always present (null for an unknown rule id): " + e);
        if (!p.isNull()) {
            checkPermission(p, e);
        }
        if (outcome.equals("REVOKED") || outcome.equals("DRY_RUN")) {
            assertTrue(e.path("tags").isObject(), "a before-image carries the rule's tags: " + e);
            assertTrue(e.path("vpcId").isTextual() && e.path("account").isTextual(), "and its group's: " + e);
        }
        if (outcome.equals("REVOKED")) {
            assertTrue(e.path("ruleId").asText().startsWith("sgr-"), "a revoked entry names its rule: " + e);
            assertFalse(e.has("errorCode") || e.has("reason"), "a revoked entry carries no error: " + e);
            assertFalse(p.isNull(), e.toString());
        } else {
            assertFalse(e.path("reason").asText().isBlank(), "every unrevoked entry says why: " + e);
        }
        if (outcome.equals("FAILED")) {
            assertFalse(e.path("errorCode").asText().isBlank(), "a failed entry carries a code: " + e);
        }
        if (outcome.equals("DRY_RUN")) {
            assertEquals("DryRunOperation", e.path("errorCode").asText(), e.toString());
        }
        assertEquals(outcome.equals("EXEMPT"), e.has("exemptUntil"), "an exempt entry, and only one, says until: " + e);
        assertTrue(
                !e.has("exemptUntil") || e.get("exemptUntil").asText().matches("\\d{4}-\\d{2}-\\d{2}|indefinite"),
                "exemptUntil of " + e);
        if (e.has("controls")) {
            assertTrue(
                    e.has("because")
                            && e.get("controls").isArray()
                            && !e.get("controls").isEmpty(),
                    e.toString());
            e.get("controls").forEach(c -> assertTrue(c.asText().matches("EC2\\.\\d+|allowedSources"), e.toString()));
        }
    }

    /** The reference page's IpPermission shape with exactly one source. */
    private static void checkPermission(JsonNode p, JsonNode entry) {
        assertFalse(p.path("IpProtocol").asText().isEmpty(), "IpProtocol in " + entry);
        assertEquals(p.has("FromPort"), p.has("ToPort"), "ports come in pairs: " + entry);
        int sources = 0;
        for (String s : SOURCES) {
            if (p.has(s)) {
                sources++;
                assertEquals(1, p.get(s).size(), s + " holds exactly one source: " + entry);
            }
        }
        assertEquals(1, sources, "exactly one source list: " + entry);
    }

    private static void checkCounts(JsonNode counts, List<JsonNode> entries) {
        // A repeated item names an earlier entry and ends as it did; it is counted there.
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            if (e.has("repeatOf")) {
                int first = e.get("repeatOf").asInt(-1);
                assertTrue(first >= 0 && first < i, "repeatOf names an earlier entry: " + e);
                assertFalse(entries.get(first).has("repeatOf"), "and that one is the first: " + e);
                assertEquals(entries.get(first).get("outcome"), e.get("outcome"), "with its outcome: " + e);
            }
        }
        // Every outcome the model knows has a number, even zero, so rules can match on it.
        for (String o : OUTCOMES) {
            long n = entries.stream()
                    .filter(e ->
                            !e.has("repeatOf") && o.equals(e.path("outcome").asText()))
                    .count();
            assertEquals(n, counts.path(o).asLong(-1), "counts." + o + " in " + counts);
        }
        counts.fieldNames()
                .forEachRemaining(o -> assertTrue(OUTCOMES.contains(o), "unknown outcome " + o + " in " + counts));
    }

    public static List<JsonNode> entries(JsonNode response) {
        List<JsonNode> list = new ArrayList<>();
        response.path("permissions").forEach(list::add);
        return list;
    }

    /** The one entry whose permission has this CIDR (IPv4 or IPv6) or whose ruleId is this id. */
    public static JsonNode entry(JsonNode response, String cidrOrRuleId) {
        List<JsonNode> found = entries(response).stream()
                .filter(e -> {
                    String text = e.path("permission").toString();
                    return text.contains("\"" + cidrOrRuleId + "\"")
                            || cidrOrRuleId.equals(e.path("ruleId").asText());
                })
                .toList();
        if (found.size() != 1) {
            fail("expected one entry for " + cidrOrRuleId + ", found " + found.size() + " in " + response);
        }
        return found.get(0);
    }

    public static void assertOutcome(JsonNode response, String cidrOrRuleId, String outcome) {
        JsonNode e = entry(response, cidrOrRuleId);
        assertEquals(outcome, e.path("outcome").asText(), "outcome of " + e);
    }

    public static void assertFailed(JsonNode response, String cidrOrRuleId, String errorCode) {
        JsonNode e = entry(response, cidrOrRuleId);
        assertEquals("FAILED", e.path("outcome").asText(), e.toString());
        assertEquals(errorCode, e.path("errorCode").asText(), e.toString());
    }

    public static void assertCounts(JsonNode response, int revoked, int notFound, int failed, int dryRun) {
        JsonNode c = response.path("counts");
        assertEquals(
                List.of(revoked, notFound, failed, dryRun),
                List.of(
                        c.path("REVOKED").asInt(),
                        c.path("NOT_FOUND").asInt(),
                        c.path("FAILED").asInt(),
                        c.path("DRY_RUN").asInt()),
                "counts REVOKED, NOT_FOUND, FAILED, DRY_RUN of " + response);
    }

    private static JsonNode array(List<JsonNode> nodes) {
        var a = JsonNodeFactory.instance.arrayNode();
        nodes.forEach(a::add);
        return a;
    }
}
