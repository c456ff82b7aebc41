package dev.sgrevoker.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.TriggerFamily;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The priming handler's services answered in this process: as each answers success, through the SDK's own path. */
class PrimingStandInsTest {
    private static final StaticCredentialsProvider KEYS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPRIMING", "priming"));

    private static EventBridgeClient events() {
        return EventBridgeClient.builder()
                .httpClient(PrimingStandIns.ANSWERS)
                .region(Region.US_EAST_1)
                .credentialsProvider(KEYS)
                .build();
    }

    @Test
    void aPutEventsIsAnsweredWithAnEventIdForEachEntryAndNoneFailed() {
        try (EventBridgeClient events = events()) {
            PutEventsResponse answer = events.putEvents(r -> r.entries(
                    e -> e.source("sg-revoker").detailType("t").detail("{}"),
                    e -> e.source("sg-revoker").detailType("t").detail("{\"a\":1}")));

            assertEquals(0, answer.failedEntryCount());
            assertEquals(
                    List.of("priming", "priming"),
                    answer.entries().stream().map(PutEventsResultEntry::eventId).toList());
        }
    }

    @Test
    void theResultPublisherPutsAResultThroughItAsThroughEventBridge() {
        try (EventBridgeClient events = events()) {
            RevocationResult result = RevocationResult.forRequests(
                    RevocationResult.Origin.of("priming", TriggerFamily.DIRECT, null),
                    InputForm.CLI_INPUT_JSON,
                    false,
                    List.of());

            PrimingStandIns.publisher(events, "default").publish(result); // throws if any entry were not taken
        }
    }

    @Test
    void ec2FindsNothingForAReadAndCarriesOutARevokeAndRamListsNoShare() {
        try (Ec2Client ec2 = Ec2Client.builder()
                .httpClient(PrimingStandIns.ANSWERS)
                .region(Region.US_EAST_1)
                .credentialsProvider(KEYS)
                .build()) {
            assertEquals(
                    List.of(),
                    ec2.describeSecurityGroupRules(
                                    r -> r.filters(f -> f.name("group-id").values("sg-1")))
                            .securityGroupRules());
            assertEquals(List.of(), ec2.describeNetworkInterfaces().networkInterfaces());
            assertTrue(ec2.revokeSecurityGroupIngress(r -> r.groupId("sg-1").securityGroupRuleIds("sgr-1"))
                    .returnValue());
        }
        JsonNode shares = RamCalls.of(PrimingStandIns.ANSWERS, KEYS, Region.US_EAST_1)
                .listResources(JsonNodeFactory.instance.objectNode().put("resourceOwner", "SELF"));
        assertEquals(0, shares.path("resources").size());
    }

    @Test
    void anS3PutIsTakenAndAReadFindsNothing() {
        try (S3Client s3 = S3Client.builder()
                .httpClient(PrimingStandIns.ANSWERS)
                .region(Region.US_EAST_1)
                .credentialsProvider(KEYS)
                .build()) {
            assertEquals(
                    "\"sg-revoker-priming\"",
                    s3.putObject(r -> r.bucket("reports").key("reports/k"), RequestBody.fromString("x"))
                            .eTag());
            assertThrows(
                    NoSuchKeyException.class,
                    () -> s3.getObject(r -> r.bucket("reports").key("reports/k")));
        }
    }
}
