package dev.sgrevoker.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FindingUpdate;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.report.FindingNotes;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.testing.Lambda;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A finding acted on is told what was done; a note that does not land never fails nor undoes the revoke. */
class FindingUpdatesTest {
    private static final String WEB = "sg-7ae591cbef2c03465";

    /** One group with ssh open to the world. */
    private static final class OneGroupEc2 implements Ec2Gateway {
        final List<DescribedRule> rules = new ArrayList<>(List.of(new DescribedRule(
                "sgr-0000000000000000a",
                WEB,
                false,
                new Permission(Protocol.TCP, new PortRange(22, 22), new RuleSource.Ipv4Range("0.0.0.0/0"), null),
                Map.of())));

        @Override
        public Map<String, List<DescribedRule>> rulesOf(Collection<String> groupIds) {
            return groupIds.contains(WEB) ? Map.of(WEB, List.copyOf(rules)) : Map.of();
        }

        @Override
        public Map<String, GroupFacts> groups(Collection<String> groupIds) {
            Map<String, GroupFacts> out = new HashMap<>();
            if (groupIds.contains(WEB)) {
                out.put(WEB, new GroupFacts(WEB, "demo-web", "vpc-1", "123456789012", Map.of()));
            }
            return out;
        }

        @Override
        public Optional<String> groupIdByName(String groupName) {
            return Optional.empty();
        }

        @Override
        public void revoke(String groupId, List<String> ruleIds, boolean dryRun) {
            rules.removeIf(r -> ruleIds.contains(r.ruleId()));
        }

        @Override
        public void revokeEgress(String groupId, List<String> ruleIds, boolean dryRun) {
            revoke(groupId, ruleIds, dryRun);
        }
    }

    private static String finding() throws IOException {
        try (InputStream in = FindingUpdatesTest.class.getResourceAsStream("/events/securityhub-ec2-13-ssh.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theFindingGetsANoteAndIsResolvedWhenEverySelectedRuleIsGone() throws Exception {
        OneGroupEc2 ec2 = new OneGroupEc2();
        List<FindingNotes.Note> sent = new ArrayList<>();
        List<RevocationResult> published = new ArrayList<>();
        RevokeHandler handler = RevokeHandler.builder()
                .ec2(ec2)
                .publisher(published::add)
                .findingUpdater((notes, within) -> {
                    sent.addAll(notes);
                    return notes.stream()
                            .map(n -> FindingUpdate.updated(
                                    n.finding().id(), n.workflow().name()))
                            .toList();
                })
                .build();

        JsonNode response = Lambda.invoke(handler, finding()).response();

        assertTrue(ec2.rules.isEmpty());
        assertEquals(1, sent.size());
        assertEquals(FindingNotes.Workflow.RESOLVED, sent.get(0).workflow());
        assertTrue(
                sent.get(0).text().startsWith("sg-revoker revoked 1 of 1 rule of " + WEB),
                sent.get(0).text());
        JsonNode update = response.at("/findingUpdates/0");
        assertEquals(sent.get(0).finding().id(), update.get("findingId").asText());
        assertEquals("UPDATED", update.get("status").asText());
        assertEquals("RESOLVED", update.get("workflow").asText());
        assertEquals(1, published.get(0).findingUpdates().size(), "the result event carries them too");
    }

    @Test
    void aFailingUpdateNeitherFailsNorUndoesTheRevokeAndIsReportedLoggedAndCounted() throws Exception {
        OneGroupEc2 ec2 = new OneGroupEc2();
        List<String> metrics = new ArrayList<>();
        RevokeHandler handler = RevokeHandler.builder()
                .ec2(ec2)
                .publisher(r -> {})
                .metrics(metrics::add)
                .findingUpdater((notes, within) -> {
                    throw new IllegalStateException("Security Hub is down");
                })
                .build();

        Lambda.Invocation call = Lambda.invoke(handler, finding());

        assertTrue(ec2.rules.isEmpty(), "the rule stays revoked");
        assertEquals(1, call.response().at("/counts/REVOKED").asInt());
        JsonNode update = call.response().at("/findingUpdates/0");
        assertEquals("FAILED", update.get("status").asText());
        assertTrue(update.get("reason").asText().contains("Security Hub is down"), update.toString());
        assertTrue(call.log().contains("\"kind\":\"finding-not-updated\""), call.log());
        assertTrue(metrics.get(0).contains("\"FindingUpdatesFailed\":1"), metrics.get(0));
    }

    @Test
    void withUpdateFindingsFalseNoFindingIsTouchedAndTheResultNamesNone() throws Exception {
        RevokeHandler handler = RevokeHandler.builder()
                .environment(Map.of("UPDATE_FINDINGS", "false"))
                .ec2(new OneGroupEc2())
                .publisher(r -> {})
                .build();

        JsonNode response = Lambda.invoke(handler, finding()).response();

        assertEquals(1, response.at("/counts/REVOKED").asInt());
        assertFalse(response.has("findingUpdates"));
    }
}
