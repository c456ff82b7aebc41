package dev.sgrevoker.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.Finding;
import dev.sgrevoker.model.FindingUpdate;
import dev.sgrevoker.report.FindingNotes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** BatchUpdateFindings: at most 100 a call, one call per note, UnprocessedFindings and errors retried, then FAILED. */
class SecurityHubFindingUpdaterTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final String PRODUCT = "arn:aws:securityhub:us-east-1::product/aws/securityhub";

    /** A Security Hub that records each request and answers as the test says. */
    private static final class RecordingHub implements FindingsApi {
        final List<ObjectNode> requests = new ArrayList<>();
        final Function<ObjectNode, JsonNode> answer;

        RecordingHub(Function<ObjectNode, JsonNode> answer) {
            this.answer = answer;
        }

        @Override
        public JsonNode batchUpdateFindings(ObjectNode request, Duration timeout) {
            requests.add(request.deepCopy());
            return answer.apply(request);
        }
    }

    private static ObjectNode processedAllBut(ObjectNode request, Set<String> refused) {
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        ArrayNode done = a.putArray("ProcessedFindings");
        ArrayNode not = a.putArray("UnprocessedFindings");
        for (JsonNode id : request.get("FindingIdentifiers")) {
            if (refused.contains(id.get("Id").asText())) {
                not.addObject()
                        .put("ErrorCode", "FindingNotFound")
                        .put("ErrorMessage", "no such finding")
                        .set("FindingIdentifier", id.deepCopy());
            } else {
                done.add(id.deepCopy());
            }
        }
        return a;
    }

    private static FindingNotes.Note note(String id, String text, FindingNotes.Workflow workflow) {
        return new FindingNotes.Note(new Finding(id, PRODUCT, "EC2.13", null, List.of("why " + id)), text, workflow);
    }

    private static SecurityHubFindingUpdater updater(FindingsApi hub) {
        return new SecurityHubFindingUpdater(() -> hub, Duration.ZERO);
    }

    @Test
    void aFindingReturnedUnprocessedIsTriedAgainThenReportedFailedWhileTheOthersAreUpdated() {
        RecordingHub hub = new RecordingHub(r -> processedAllBut(r, Set.of("f2")));

        List<FindingUpdate> ends = updater(hub)
                .update(
                        List.of(
                                note("f1", "same words", FindingNotes.Workflow.RESOLVED),
                                note("f2", "same words", FindingNotes.Workflow.RESOLVED)),
                        MINUTE);

        assertEquals(SecurityHubFindingUpdater.ATTEMPTS, hub.requests.size());
        assertEquals(2, hub.requests.get(0).get("FindingIdentifiers").size(), "one call for one note");
        assertEquals(1, hub.requests.get(1).get("FindingIdentifiers").size(), "only the unprocessed one again");
        assertEquals(FindingUpdate.updated("f1", "RESOLVED"), ends.get(0));
        FindingUpdate f2 = ends.get(1);
        assertFalse(f2.updated());
        assertTrue(f2.reason().startsWith("UnprocessedFindings: FindingNotFound: no such finding"), f2.reason());
    }

    @Test
    void anErrorIsTriedAgainAndALaterSuccessCounts() {
        int[] calls = {0};
        RecordingHub hub = new RecordingHub(r -> {
            if (calls[0]++ == 0) {
                throw new FindingsApi.Refused(429, "TooManyRequestsException", "slow down");
            }
            return processedAllBut(r, Set.of());
        });

        List<FindingUpdate> ends =
                updater(hub).update(List.of(note("f1", "words", FindingNotes.Workflow.NOTIFIED)), MINUTE);

        assertEquals(List.of(FindingUpdate.updated("f1", "NOTIFIED")), ends);
        assertEquals(2, hub.requests.size());
    }

    @Test
    void anErrorEveryTimeIsReportedNeverThrown() {
        RecordingHub hub = new RecordingHub(r -> {
            throw new FindingsApi.Refused(403, "AccessDeniedException", "not allowed");
        });

        List<FindingUpdate> ends =
                updater(hub).update(List.of(note("f1", "words", FindingNotes.Workflow.NOTIFIED)), MINUTE);

        assertFalse(ends.get(0).updated());
        assertTrue(
                ends.get(0).reason().contains("HTTP 403 AccessDeniedException: not allowed"),
                ends.get(0).reason());
        assertTrue(
                ends.get(0).reason().endsWith("(after 3 attempts)"), ends.get(0).reason());
    }

    @Test
    void atMostAHundredFindingsACallAndOneCallPerNote() {
        RecordingHub hub = new RecordingHub(r -> processedAllBut(r, Set.of()));
        List<FindingNotes.Note> notes = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            notes.add(note("f" + i, "same", FindingNotes.Workflow.RESOLVED));
        }
        notes.add(note("dry", "other words", null));

        List<FindingUpdate> ends = updater(hub).update(notes, MINUTE);

        assertEquals(251, ends.size());
        assertTrue(ends.stream().allMatch(FindingUpdate::updated));
        assertEquals(
                List.of(100, 100, 50, 1),
                hub.requests.stream()
                        .map(r -> r.get("FindingIdentifiers").size())
                        .toList());
        ObjectNode first = hub.requests.get(0);
        assertEquals("sg-revoker", first.at("/Note/UpdatedBy").asText());
        assertEquals("same", first.at("/Note/Text").asText());
        assertEquals("RESOLVED", first.at("/Workflow/Status").asText());
        assertEquals(PRODUCT, first.at("/FindingIdentifiers/0/ProductArn").asText());
        assertFalse(hub.requests.get(3).has("Workflow"), "a dry run leaves the workflow as it is");
    }

    @Test
    void withNoTimeLeftNoCallIsStartedAndTheFindingIsReportedFailed() {
        RecordingHub hub = new RecordingHub(r -> processedAllBut(r, Set.of()));

        List<FindingUpdate> ends = updater(hub)
                .update(List.of(note("f1", "words", FindingNotes.Workflow.NOTIFIED)), Duration.ofMillis(100));

        assertEquals(0, hub.requests.size());
        assertFalse(ends.get(0).updated());
        assertEquals(
                "no time left in the invocation for the call (after 0 attempts)",
                ends.get(0).reason());
    }
}
