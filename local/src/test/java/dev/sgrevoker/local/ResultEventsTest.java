package dev.sgrevoker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String summary(String... events) throws Exception {
        List<JsonNode> parsed = new java.util.ArrayList<>();
        for (String e : events) parsed.add(JSON.readTree(e.replace('\'', '"')));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultEvents.printSummary(parsed, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aResultIsOneLineOfItsNonZeroCountsAndEachEntryNotRevokedWithWhy() throws Exception {
        String text = summary("{'detail': {'invocationId': 'i-1', 'trigger': 'direct',"
                + " 'counts': {'REVOKED': 1, 'NOT_FOUND': 0, 'SKIPPED': 1},"
                + " 'revoked': [{'ruleId': 'sgr-1', 'outcome': 'REVOKED'}],"
                + " 'unrevoked': [{'groupId': 'sg-9', 'groupName': 'demo-vault', 'ruleId': 'sgr-2',"
                + " 'outcome': 'SKIPPED', 'errorCode': 'Protected', 'reason': 'a protected group'}]}}");

        assertEquals(
                "result (direct): REVOKED 1 SKIPPED 1\n"
                        + "  SKIPPED   sgr-2 (demo-vault) Protected: a protected group\n",
                text);
    }

    @Test
    void thePartsOfOneResultAreJoinedAndEachSqsMessageIsItsOwnResult() throws Exception {
        String part = "{'detail': {'invocationId': 'i-1', 'messageId': 'm-%s', 'trigger': 'direct', 'part': %s,"
                + " 'counts': {'NOT_FOUND': 2}, 'revoked': [], 'unrevoked': [{'groupId': 'sg-1', 'outcome': 'NOT_FOUND',"
                + " 'permission': {'IpProtocol': 'tcp', 'FromPort': 8080, 'ToPort': 8081,"
                + " 'IpRanges': [{'CidrIp': '10.0.0.0/8'}]}, 'reason': 'no match %s'}]}}";

        String text =
                summary(String.format(part, "a", 1, 1), String.format(part, "a", 2, 2), String.format(part, "b", 1, 3));

        assertEquals(
                "result (direct, SQS message m-a): NOT_FOUND 2\n"
                        + "  NOT_FOUND sg-1 tcp 8080-8081 from 10.0.0.0/8: no match 1\n"
                        + "  NOT_FOUND sg-1 tcp 8080-8081 from 10.0.0.0/8: no match 2\n"
                        + "result (direct, SQS message m-b): NOT_FOUND 2\n"
                        + "  NOT_FOUND sg-1 tcp 8080-8081 from 10.0.0.0/8: no match 3\n",
                text);
    }

    @Test
    void anItemRepeatingAnEarlierOneSaysWhichItRepeats() throws Exception {
        String text = summary("{'detail': {'invocationId': 'i-1', 'trigger': 'direct', 'counts': {'NOT_FOUND': 1},"
                + " 'revoked': [], 'unrevoked': [{'groupId': 'sg-1', 'ruleId': 'sgr-1', 'outcome': 'NOT_FOUND',"
                + " 'reason': 'gone'}, {'groupId': 'sg-1', 'ruleId': 'sgr-1', 'outcome': 'NOT_FOUND', 'repeatOf': 0,"
                + " 'reason': 'gone'}]}}");

        assertEquals(
                "result (direct): NOT_FOUND 1\n"
                        + "  NOT_FOUND sgr-1: gone\n"
                        + "  NOT_FOUND sgr-1 (repeats permissions[0]): gone\n",
                text);
    }

    @Test
    void aDryRunSaysWhichCheckChoseTheRule() throws Exception {
        String text = summary("{'detail': {'invocationId': 'i-1', 'trigger': 'scheduled-event',"
                + " 'counts': {'DRY_RUN': 1}, 'groupsScanned': 3, 'rulesScanned': 7, 'selected': 1,"
                + " 'handedOverGroups': 1, 'revoked': [], 'unrevoked': [{'ruleId': 'sgr-1', 'outcome': 'DRY_RUN',"
                + " 'errorCode': 'DryRunOperation', 'reason': 'dry run', 'because': 'EC2.13: port 22 open'}]}}");

        assertEquals(
                "result (scheduled-event): DRY_RUN 1; sweep scanned 3 groups, 7 rules, selected 1, 1 group handed over\n"
                        + "  DRY_RUN   sgr-1 DryRunOperation: EC2.13: port 22 open\n",
                text);
    }

    @Test
    void theSummaryTextFollowsAsANotificationCarriesItThenEachFindingUpdate() throws Exception {
        String text = summary("{'detail': {'invocationId': 'i-1', 'trigger': 'securityhub-findings',"
                + " 'counts': {'REVOKED': 1}, 'attention': 'changes', 'revoked': [], 'unrevoked': [],"
                + " 'summaryTitle': 'Revoked 1 of 1 rule', 'summary': 'Revoked 1 of 1 rule\\n  REVOKED tcp 22 from"
                + " 0.0.0.0/0 (sgr-1)\\nUndo: …', 'findingUpdates': [{'findingId': 'arn:f1', 'status': 'FAILED',"
                + " 'workflow': 'RESOLVED', 'reason': 'HTTP 403: no'}]}}");

        assertEquals(
                "result (securityhub-findings): REVOKED 1\n"
                        + "summary, as a notification carries it (attention: changes):\n"
                        + "  | Revoked 1 of 1 rule\n"
                        + "  |   REVOKED tcp 22 from 0.0.0.0/0 (sgr-1)\n"
                        + "  | Undo: …\n"
                        + "  finding FAILED RESOLVED arn:f1: HTTP 403: no\n",
                text);
    }
}
