package dev.sgrevoker.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.report.ResultParts;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.testing.Lambda;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One SQS message never affects another, whatever goes wrong with it. */
class SqsMessagesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String WEB = "sg-0123456789abcdef0";
    private static final String BROKEN = "sg-0bbbbbbbbbbbbbbbb";

    /** EC2 with one group and one rule; describing BROKEN overflows the stack, as a bug deep in a call might. */
    private static final class OneGroupEc2 implements Ec2Gateway {
        final Map<String, List<DescribedRule>> rules = new HashMap<>();

        OneGroupEc2() {
            Permission ssh = new Permission(
                    Protocol.TCP, new PortRange(22, 22), new RuleSource.Ipv4Range("0.0.0.0/0"), "ssh for all");
            rules.put(
                    WEB,
                    new ArrayList<>(List.of(new DescribedRule("sgr-0000000000000000a", WEB, false, ssh, Map.of()))));
        }

        @Override
        public Map<String, List<DescribedRule>> rulesOf(Collection<String> groupIds) {
            Map<String, List<DescribedRule>> out = new HashMap<>();
            groupIds.stream().filter(rules::containsKey).forEach(g -> out.put(g, List.copyOf(rules.get(g))));
            return out;
        }

        @Override
        public Map<String, GroupFacts> groups(Collection<String> groupIds) {
            if (groupIds.contains(BROKEN)) {
                throw new StackOverflowError();
            }
            Map<String, GroupFacts> out = new HashMap<>();
            groupIds.stream()
                    .filter(rules::containsKey)
                    .forEach(g -> out.put(g, new GroupFacts(g, "web", "vpc-1", "123456789012", Map.of())));
            return out;
        }

        @Override
        public Optional<String> groupIdByName(String groupName) {
            return Optional.empty();
        }

        @Override
        public void revoke(String groupId, List<String> ruleIds, boolean dryRun) {
            rules.get(groupId).removeIf(r -> ruleIds.contains(r.ruleId()));
        }

        @Override
        public void revokeEgress(String groupId, List<String> ruleIds, boolean dryRun) {
            revoke(groupId, ruleIds, dryRun);
        }
    }

    private static String record(String id, String body) throws Exception {
        return """
                {"messageId":"%s","receiptHandle":"h","body":%s,"attributes":{"SenderId":"AIDASENDER"},
                 "messageAttributes":{},"md5OfBody":"x","eventSource":"aws:sqs",
                 "eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:requests","awsRegion":"us-east-1"}""".formatted(id, MAPPER.writeValueAsString(body));
    }

    @Test
    void anErrorInOneMessageMarksOnlyItAndAHugeMalformedOneIsFinal() throws Exception {
        OneGroupEc2 ec2 = new OneGroupEc2();
        List<RevocationResult> published = new ArrayList<>();
        RevokeHandler handler =
                RevokeHandler.builder().ec2(ec2).publisher(published::add).build();
        String malformed = "{\"GroupId\": \"" + WEB + "\", \"Description\": \"" + "x".repeat(300 * 1024);
        String batch = """
                {"Records": [%s, %s, %s]}""".formatted(
                record(
                        "broken",
                        "{\"GroupId\":\"" + BROKEN + "\",\"SecurityGroupRuleIds\":[\"sgr-00000000000000001\"]}"),
                record("huge-malformed", malformed),
                record("fine", "{\"GroupId\":\"" + WEB + "\",\"SecurityGroupRuleIds\":[\"sgr-0000000000000000a\"]}"));

        JsonNode response = Lambda.invoke(handler, batch).response();

        assertEquals(
                "[{\"itemIdentifier\":\"broken\"}]",
                response.get("batchItemFailures").toString(),
                "only the message that met the error is retried; the malformed one is final");
        assertEquals(List.of(), ec2.rules.get(WEB), "the message after the broken one still revoked its rule");
        assertEquals(2, published.size(), "the malformed and the fine message each have their result");
        RevocationResult rejected = published.get(0);
        assertEquals("huge-malformed", rejected.messageId());
        assertTrue(rejected.rejected() != null, rejected.toString());
        for (var part : ResultParts.of(rejected)) {
            assertTrue(part.toString().getBytes(StandardCharsets.UTF_8).length < 256 * 1024, "its event fits");
        }
        assertEquals("AIDASENDER", published.get(1).provenance().senderId());
    }

    /** A FIFO queue's record: {@code MessageGroupId} set, as the shard queue's event source gives it. */
    private static String fifoRecord(String id, String group, String body) throws Exception {
        return record(id, body)
                .replace(
                        "\"SenderId\":\"AIDASENDER\"",
                        "\"SenderId\":\"AIDASENDER\",\"MessageGroupId\":\"" + group + "\"");
    }

    @Test
    void onAFifoQueueEveryLaterMessageOfAFailedMessagesGroupIsNamedAndLeftUntouched() throws Exception {
        OneGroupEc2 ec2 = new OneGroupEc2();
        List<RevocationResult> published = new ArrayList<>();
        RevokeHandler handler =
                RevokeHandler.builder().ec2(ec2).publisher(published::add).build();
        String revokeWeb = "{\"GroupId\":\"" + WEB + "\",\"SecurityGroupRuleIds\":[\"sgr-0000000000000000a\"]}";
        String batch = """
                {"Records": [%s, %s, %s]}""".formatted(
                fifoRecord(
                        "broken",
                        "a:us-east-1",
                        "{\"GroupId\":\"" + BROKEN + "\",\"SecurityGroupRuleIds\":[\"sgr-00000000000000001\"]}"),
                fifoRecord("after-broken", "a:us-east-1", revokeWeb),
                fifoRecord("other-group", "b:us-east-1", revokeWeb));

        JsonNode response = Lambda.invoke(handler, batch).response();

        assertEquals(
                "[{\"itemIdentifier\":\"broken\"},{\"itemIdentifier\":\"after-broken\"}]",
                response.get("batchItemFailures").toString(),
                "the group waits behind its failed message; another group goes on");
        assertEquals(1, published.size(), "only the other group's message was handled");
        assertEquals("other-group", published.get(0).messageId());
    }
}
