package dev.sgrevoker.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.model.TriggerFamily;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Splitting a result into events: every part fits, repeats the header, and no entry is lost, doubled or reordered. */
class ResultPartsTest {
    /** EventBridge's limit for a whole entry; a detail must leave room for source and detail-type. */
    private static final int EVENT_LIMIT = 256 * 1024;

    @Test
    void aLargeResultIsSplitIntoPartsThatEachFitAndTogetherHoldEveryEntry() {
        RevocationResult result = result(2_000);
        List<ObjectNode> parts = ResultParts.of(result);

        int total = 0;
        for (ObjectNode part : parts) {
            total += bytes(part);
        }
        assertTrue(
                parts.size() >= 2 && parts.size() >= total / ResultParts.MAX_DETAIL_BYTES,
                parts.size() + " parts for " + total + " bytes");
        JsonNode header = ResultDocument.header(result);
        List<JsonNode> unrevoked = new ArrayList<>();
        List<JsonNode> revoked = new ArrayList<>();
        boolean revokedStarted = false;
        for (int i = 0; i < parts.size(); i++) {
            ObjectNode part = parts.get(i);
            assertTrue(
                    bytes(part) <= ResultParts.MAX_DETAIL_BYTES, "part " + (i + 1) + " is " + bytes(part) + " bytes");
            assertTrue(bytes(part) < EVENT_LIMIT);
            assertEquals(i + 1, part.get("part").asInt());
            assertEquals(parts.size(), part.get("parts").asInt());
            header.fieldNames()
                    .forEachRemaining(f -> assertEquals(header.get(f), part.get(f), f + " repeated in every part"));
            // Unrevoked entries come first across the whole sequence of parts, then the revoked ones.
            if (!part.get("unrevoked").isEmpty()) {
                assertTrue(!revokedStarted, "an unrevoked entry after revoked ones, in part " + (i + 1));
            }
            revokedStarted |= !part.get("revoked").isEmpty();
            part.get("unrevoked").forEach(unrevoked::add);
            part.get("revoked").forEach(revoked::add);
        }
        assertEquals(expected(result, false), unrevoked);
        assertEquals(expected(result, true), revoked);
        assertEquals(2_000, unrevoked.size() + revoked.size());
    }

    @Test
    void everyPartRestoresItsOwnEgressRulesApartFromItsIngressRules() {
        List<PermissionOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            boolean egress = i % 3 == 0;
            Permission p = new Permission(
                    Protocol.TCP,
                    new PortRange(1000 + i % 50, 1000 + i % 50),
                    new RuleSource.Ipv4Range("10." + (i / 256 % 256) + "." + (i % 256) + ".0/24"),
                    "rule " + i + " — a description long enough to make the result grow past one event");
            String ruleId = "sgr-%017x".formatted(i);
            DescribedRule image = new DescribedRule(ruleId, "sg-0123456789abcdef0", egress, p, Map.of());
            outcomes.add(PermissionOutcome.revoked(subject(p, ruleId).asEgress(egress), List.of(image), null));
        }
        RevocationResult result = RevocationResult.forRequests(
                RevocationResult.Origin.of("id", TriggerFamily.SECURITY_HUB_FINDINGS, null),
                InputForm.SECURITY_HUB_FINDING,
                false,
                outcomes);

        List<ObjectNode> parts = ResultParts.of(result);

        assertTrue(parts.size() >= 2, parts.size() + " parts");
        int egressRestored = 0;
        for (ObjectNode part : parts) {
            int egress = 0;
            int ingress = 0;
            for (JsonNode e : part.get("revoked")) {
                if (e.get("direction").asText().equals("egress")) {
                    egress++;
                } else {
                    ingress++;
                }
            }
            assertEquals(ingress, permissions(part.get("restore")), "restore holds this part's ingress rules");
            assertEquals(egress, permissions(part.path("restoreEgress")), "restoreEgress this part's egress rules");
            assertTrue(bytes(part) <= ResultParts.MAX_DETAIL_BYTES, bytes(part) + " bytes");
            egressRestored += egress;
        }
        assertEquals(500, egressRestored);
    }

    private static int permissions(JsonNode documents) {
        int n = 0;
        for (JsonNode d : documents) {
            n += d.get("IpPermissions").size();
        }
        return n;
    }

    @Test
    void aSmallResultIsOnePart() {
        RevocationResult result = result(3);
        List<ObjectNode> parts = ResultParts.of(result);
        assertEquals(1, parts.size());
        assertEquals(1, parts.get(0).get("part").asInt());
        assertEquals(1, parts.get(0).get("parts").asInt());
        assertEquals(expected(result, false), list(parts.get(0).get("unrevoked")));
        assertEquals(expected(result, true), list(parts.get(0).get("revoked")));
        assertEquals(2, parts.get(0).at("/counts/REVOKED").asInt());
    }

    @Test
    void aHugeStringIsCutInTheEventAndTheResultStillFits() {
        String huge = "x".repeat(5 * 1024 * 1024);
        Permission asked =
                new Permission(Protocol.TCP, new PortRange(22, 22), new RuleSource.Ipv4Range("10.0.0.0/8"), huge);
        RevocationResult result = RevocationResult.forRequests(
                RevocationResult.Origin.of("id", TriggerFamily.DIRECT, null),
                InputForm.CLI_INPUT_JSON,
                false,
                List.of(PermissionOutcome.notFound(subject(asked, null), "no ingress rule matches")));

        List<ObjectNode> parts = ResultParts.of(result);

        assertEquals(1, parts.size());
        assertTrue(bytes(parts.get(0)) < 8 * 1024, bytes(parts.get(0)) + " bytes");
        String cut = parts.get(0)
                .at("/unrevoked/0/permission/IpRanges/0/Description")
                .asText();
        assertTrue(cut.startsWith("x".repeat(ResultParts.MAX_TEXT_CHARS) + "…[cut: " + (huge.length() - 2_048)), cut);
        assertEquals(
                huge,
                ResultDocument.response(result)
                        .at("/permissions/0/permission/IpRanges/0/Description")
                        .asText(),
                "the response (and the log line) keep it whole");
    }

    @Test
    void eachPartRestoresTheRulesRevokedInIt() {
        List<ObjectNode> parts = ResultParts.of(result(2_000));
        int restored = 0;
        for (ObjectNode part : parts) {
            int revokedHere = part.get("revoked").size();
            int inRestore = 0;
            for (JsonNode doc : part.get("restore")) {
                inRestore += doc.get("IpPermissions").size();
            }
            assertEquals(revokedHere, inRestore, "part " + part.get("part"));
            restored += inRestore;
        }
        assertEquals(1_000, restored);
    }

    private static PermissionOutcome.Subject subject(Permission p, String ruleId) {
        return PermissionOutcome.Subject.inGroup(AccountRegion.OWN, "sg-0123456789abcdef0", null)
                .asking(p, ruleId);
    }

    /** Outcomes interleaved, so splitting must also keep each list in request order. */
    private static RevocationResult result(int n) {
        List<PermissionOutcome> outcomes = new ArrayList<>();
        Outcome[] cycle = {Outcome.REVOKED, Outcome.NOT_FOUND, Outcome.REVOKED, Outcome.FAILED};
        for (int i = 0; i < n; i++) {
            Outcome outcome = cycle[i % cycle.length];
            String cidr = "10." + (i / 256 % 256) + "." + (i % 256) + ".0/24";
            Permission p = new Permission(
                    Protocol.TCP,
                    new PortRange(1000 + i % 50, 1000 + i % 50),
                    new RuleSource.Ipv4Range(cidr),
                    "rule " + i + " — a description long enough to make the result grow past one event");
            String ruleId = "sgr-%017x".formatted(i);
            outcomes.add(
                    switch (outcome) {
                        case REVOKED ->
                            PermissionOutcome.revoked(
                                    subject(p, ruleId),
                                    List.of(new DescribedRule(ruleId, "sg-0123456789abcdef0", false, p, Map.of())),
                                    null);
                        case FAILED ->
                            PermissionOutcome.failed(
                                    subject(p, ruleId),
                                    FailureCode.Aws.ec2("UnauthorizedOperation", 403),
                                    "not allowed");
                        default -> PermissionOutcome.notFound(subject(p, null), "no ingress rule matches");
                    });
        }
        return RevocationResult.forRequests(
                RevocationResult.Origin.of("4c1f7c55-1f43-4a5e-9d59-8a0a3f1c2b11", TriggerFamily.DIRECT, null),
                InputForm.REQUEST_LIST,
                false,
                outcomes);
    }

    private static List<JsonNode> expected(RevocationResult result, boolean revoked) {
        return result.permissions().stream()
                .filter(p -> p.revoked() == revoked)
                .map(p -> (JsonNode) ResultEntry.of(p))
                .toList();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static int bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
