package dev.sgrevoker.intake.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.exception.ConfigurationException;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.TriggerFamily;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** Each SQS message stands alone: good ones normalise, a bad one is rejected without touching the others. */
class SqsBatchTest {
    private final TriggerConfig config = TriggerCasesTest.config(Map.of());

    /** The fixture aws-lambda-java-tests loaded, as the JSON tree the intake reads. */
    private static ObjectNode json(Map<String, Object> event) {
        return TriggerCasesTest.MAPPER.valueToTree(event);
    }

    @ParameterizedTest
    @Event(value = "events/sqs-batch.json", type = Map.class)
    void mixedBatchNormalisesEachMessageOnItsOwn(Map<String, Object> batch) {
        List<SqsBatch.Message> messages = SqsBatch.messages(TriggerCasesTest.batch(json(batch)), config);
        assertEquals(
                List.of(
                        "0e6f7a1b-0000-4000-8000-000000000001",
                        "0e6f7a1b-0000-4000-8000-000000000002",
                        "0e6f7a1b-0000-4000-8000-000000000003",
                        "0e6f7a1b-0000-4000-8000-000000000004",
                        "0e6f7a1b-0000-4000-8000-000000000005"),
                messages.stream().map(SqsBatch.Message::messageId).toList());
        assertEquals(
                List.of(true, true, false, false, false),
                messages.stream().map(SqsBatch.Message::accepted).toList());
        InvalidRequestException forged = messages.get(3).rejected();
        assertEquals("Records[3].body.source", forged.field());
        assertTrue(forged.reason().contains("set QUEUED_ALERTS=trusted"), forged.reason());

        assertEquals(TriggerFamily.DIRECT, messages.get(0).result().family());
        assertEquals(InputForm.CLI_INPUT_JSON, messages.get(0).result().form());
        assertEquals(TriggerFamily.EVENTBRIDGE_REQUEST, messages.get(1).result().family());
        assertEquals(InputForm.SHORTHAND, messages.get(1).result().form());

        InvalidRequestException truncated = messages.get(2).rejected();
        assertEquals("Records[2].body", truncated.field());
        assertTrue(truncated.reason().startsWith("is not valid JSON"), truncated.reason());
        InvalidRequestException nested = messages.get(4).rejected();
        assertEquals("Records[4].body.Records", nested.field());
        assertTrue(nested.reason().contains("SQS event inside an SQS message"), nested.reason());
    }

    @ParameterizedTest
    @Event(value = "events/sqs-batch.json", type = Map.class)
    void aRejectedMessageNamesItsFieldUnderItsBody(Map<String, Object> batch) {
        ObjectNode event = json(batch);
        ObjectNode first = (ObjectNode) event.withArray("Records").get(0);
        first.put(
                "body",
                "{\"GroupId\": \"sg-7ae591cbef2c03465\", \"protocol\": \"tcp\", \"port\": \"99999\", \"cidr\": \"0.0.0.0/0\"}");
        SqsBatch.Message m =
                SqsBatch.messages(TriggerCasesTest.batch(event), config).get(0);
        assertEquals("Records[0].body.port", m.rejected().field());
    }

    @ParameterizedTest
    @Event(value = "events/sqs-batch.json", type = Map.class)
    void aBodyWithASecondValueAfterItsRequestIsRejectedAloneAndNotActedOnAsItsFirst(Map<String, Object> batch) {
        ObjectNode event = json(batch);
        ObjectNode first = (ObjectNode) event.withArray("Records").get(0);
        first.put(
                "body",
                "{\"GroupId\": \"sg-7ae591cbef2c03465\", \"SecurityGroupRuleIds\": [\"sgr-0123456789abcdef0\"],"
                        + " \"DryRun\": true} {\"DryRun\": false}");
        List<SqsBatch.Message> messages = SqsBatch.messages(TriggerCasesTest.batch(event), config);
        assertEquals("Records[0].body", messages.get(0).rejected().field());
        assertTrue(messages.get(0).rejected().reason().startsWith("has more after its JSON value"));
        assertTrue(messages.get(1).accepted(), "the next message is unaffected");
    }

    @Test
    void anAwsEventInsideAMessageIsActedOnOnlyWhenQueuedAlertsAreTrusted() {
        TriggerConfig trusting = TriggerCasesTest.config(Map.of("QUEUED_ALERTS", "trusted"));
        SqsBatch.Message alert = SqsBatch.messages(
                        TriggerCasesTest.batch(TriggerCasesTest.fixture("sqs-batch.json")), trusting)
                .get(3);
        assertEquals(TriggerFamily.CONFIG_COMPLIANCE_CHANGE, alert.result().family());
        assertThrows(
                ConfigurationException.class,
                () -> TriggerCasesTest.config(Map.of("QUEUED_ALERTS", "yes")),
                "a value other than 'trusted' is a configuration error, not a guess");
    }

    @Test
    void anEventInsideAMessageNamesItsFieldsFromTheRecord() {
        TriggerConfig config = TriggerCasesTest.config(Map.of("QUEUED_ALERTS", "trusted"));
        ObjectNode event = (ObjectNode) TriggerCasesTest.fixture("sqs-batch.json");
        ObjectNode trail = (ObjectNode) TriggerCasesTest.fixture("cloudtrail-ip-permissions.json");
        ObjectNode permission = (ObjectNode)
                trail.at("/detail/requestParameters/ipPermissions/items").get(0);
        permission.put("fromPort", 70000);
        ((ObjectNode) event.withArray("Records").get(3)).put("body", trail.toString());
        InvalidRequestException e =
                SqsBatch.messages(TriggerCasesTest.batch(event), config).get(3).rejected();
        assertEquals("Records[3].body.detail.requestParameters.ipPermissions.items[0].fromPort", e.field());
    }

    @ParameterizedTest
    @Event(value = "events/sqs-batch.json", type = Map.class)
    void aRecordWithoutMessageIdCannotBeReportedSoTheBatchIsRefused(Map<String, Object> batch) {
        ObjectNode event = json(batch);
        ((ObjectNode) event.withArray("Records").get(1)).remove("messageId");
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class, () -> SqsBatch.messages(TriggerCasesTest.batch(event), config));
        assertEquals("Records[1].messageId", e.field());
    }

    @ParameterizedTest
    @Event(value = "events/sqs-batch.json", type = Map.class)
    void anEventFromAnotherAccountInsideAMessageIsRejectedAlone(Map<String, Object> batch) {
        ObjectNode event = json(batch);
        ObjectNode second = (ObjectNode) event.withArray("Records").get(1);
        second.put("body", second.get("body").asText().replace("\"123456789012\"", "\"999999999999\""));
        List<SqsBatch.Message> messages = SqsBatch.messages(TriggerCasesTest.batch(event), config);
        assertEquals("Records[1].body.account", messages.get(1).rejected().field());
        assertTrue(messages.get(0).accepted());
    }

    @Test
    void theBatchIsRecognisedOnceWithItsRecordsAndNotNormalisedAsOneEvent() {
        JsonNode event = TriggerCasesTest.fixture("sqs-batch.json");
        Envelope.Batch batch = assertInstanceOf(Envelope.Batch.class, TriggerShape.detect(event));
        assertEquals(event.get("Records").size(), batch.records().size());
        assertThrows(IllegalArgumentException.class, () -> Triggers.normalise(event, config));
        assertInstanceOf(
                Envelope.EventBridge.class, TriggerShape.detect(TriggerCasesTest.fixture("eventbridge-request.json")));
    }
}
