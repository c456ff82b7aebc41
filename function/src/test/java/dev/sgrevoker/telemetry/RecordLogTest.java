package dev.sgrevoker.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sgrevoker.model.Provenance;
import dev.sgrevoker.revoke.WriteAhead;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each line carries the ids of what it is about, and nothing is left over from the message before. */
class RecordLogTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What the runtime's logger was given, one JSON line each. */
    private static final class Lines implements LambdaLogger {
        final List<JsonNode> lines = new ArrayList<>();
        final List<LogLevel> levels = new ArrayList<>();

        @Override
        public void log(String message, LogLevel level) {
            levels.add(level);
            log(message);
        }

        @Override
        public void log(String message) {
            try {
                lines.add(MAPPER.readTree(message));
            } catch (Exception e) {
                throw new AssertionError(message, e);
            }
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    }

    private static Provenance event(String id) {
        return new Provenance(Instant.EPOCH, id, null, null, null, null, List.of(), null, null);
    }

    @Test
    void theEnginesWriteAheadLinesCarryTheIdsOfTheMessageTheyAreFor() {
        Lines logger = new Lines();
        RecordLog batch = new RecordLog(logger, InvocationIds.of("req-1"));
        WriteAhead first = batch.about("m-1", event("evt-1"));
        WriteAhead second = batch.about("m-2", null);

        first.aboutToRevoke("sg-0123456789abcdef0", false, List.of());
        second.aboutToRevoke("sg-0123456789abcdef0", true, List.of());
        batch.failure("the batch", new IllegalStateException("x"), "none");

        assertEquals(
                List.of(
                        Map.of("requestId", "req-1", "messageId", "m-1", "eventId", "evt-1"),
                        Map.of("requestId", "req-1", "messageId", "m-2"),
                        Map.of("requestId", "req-1")),
                logger.lines.stream().map(RecordLogTest::ids).toList());
        assertFalse(logger.lines.get(1).has("eventId"), "the first message's event is not the second's");
    }

    @Test
    void anUndeliveredResultSaysWhereItWasKeptAndIsAnErrorWhenOnlyTheLogKeptIt() {
        Lines logger = new Lines();
        RecordLog log = new RecordLog(logger, InvocationIds.of("req-1"));

        log.undelivered("EventBridge refused", Metrics.Delivery.FALLBACK);
        log.undelivered("EventBridge refused; SQS refused", Metrics.Delivery.LOG_ONLY);

        assertEquals(
                List.of("fallback-queue", "log"),
                logger.lines.stream().map(l -> l.get("keptIn").asText()).toList());
        assertEquals(List.of(LogLevel.WARN, LogLevel.ERROR), logger.levels);
    }

    @Test
    void aShardsOutcomeLinesNameItsRunForTheRunsQuery() {
        Lines logger = new Lines();
        RecordLog log = new RecordLog(logger, InvocationIds.of("req-1"));
        var outcome = dev.sgrevoker.model.PermissionOutcome.skipped(
                dev.sgrevoker.model.PermissionOutcome.Subject.skippedAtIntake("sg-0123456789abcdef0"),
                dev.sgrevoker.model.FailureCode.Ours.RUN_LIMIT_EXCEEDED,
                "the run's limit");
        var result = dev.sgrevoker.model.RevocationResult.forRequests(
                        dev.sgrevoker.model.RevocationResult.Origin.of(
                                "req-1", dev.sgrevoker.model.TriggerFamily.SQS_BATCH, null),
                        dev.sgrevoker.model.InputForm.SWEEP,
                        false,
                        List.of(outcome))
                .withRun(dev.sgrevoker.model.RunNote.ofShard(
                        new dev.sgrevoker.model.ShardOfRun("run-1", "123456789012", "eu-west-1")));

        log.outcomes(result);

        assertEquals("run-1", logger.lines.get(0).get("runId").asText());
    }

    private static Map<String, String> ids(JsonNode line) {
        Map<String, String> out = new HashMap<>();
        for (String field : List.of("requestId", "messageId", "eventId")) {
            if (line.has(field)) {
                out.put(field, line.get(field).asText());
            }
        }
        return out;
    }
}
