package dev.sgrevoker.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.RevokedSecurityGroupRule;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The calls SnapStart priming makes through the real clients before the snapshot: each one the service refuses
 * without anything changing, so its signing, connection and error parsing are loaded before the first real call.
 */
final class PrimingCalls {
    private PrimingCalls() {}

    /**
     * A key under reports/ that no report or plan is ever written to (a plan is reports/RUN/ACCOUNT/REGION/plan.json),
     * yet one the role may read (GetObject on reports/{@literal *}/plan.json): priming asks for it and is refused.
     */
    static final String PRIMING_PLAN_KEY = "reports/sg-revoker-priming/plan.json";

    /**
     * SnapStart priming's S3 step, through the report writer's client: a PutObject of a file, as a report is put, but
     * conditional on an ETag (If-Match) the key cannot have, so S3 refuses it without writing (404 NoSuchKey, or 412 if
     * something were there), which loads the upload's marshalling and chunked signing; then one GetObject of
     * {@link #PRIMING_PLAN_KEY}, refused (404, or 403 without ListBucket). Returns once S3 answered both (refusals
     * included); throws when it did not.
     */
    static void s3(S3Client s3, String bucket) {
        GetObjectResponse.builder().contentLength(0L).build();
        PutObjectResponse.builder().eTag("priming").build();
        try {
            Path body = Files.createTempFile("sg-revoker-priming", ".json");
            try {
                Files.writeString(body, "{}");
                s3.putObject(
                        r -> r.bucket(bucket)
                                .key(PRIMING_PLAN_KEY)
                                .contentType("application/json")
                                .ifMatch("\"sg-revoker-priming\""),
                        RequestBody.fromFile(body));
            } catch (AwsServiceException refused) {
                // the service answered: no object to match, so nothing was written
            } finally {
                Files.deleteIfExists(body);
            }
            try (InputStream unexpected = s3.getObject(r -> r.bucket(bucket).key(PRIMING_PLAN_KEY))) {
                // Not written by the function; if someone put it there, it is only read, and closed unread.
            } catch (AwsServiceException refused) {
                // the service answered: the key does not exist (or may not be listed), and nothing changed
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SnapStart priming's Security Hub step: one BatchUpdateFindings naming no finding, through the client and code
     * path of a real note, which Security Hub refuses (InvalidInputException) without touching any finding: so the
     * signer and the JDK HttpClient's send path are loaded before the first note. Returns once Security Hub answered
     * (its refusal included); throws when it did not. Only with UPDATE_FINDINGS on: otherwise the role has no right.
     */
    static void securityHub(FindingsApi securityHub) {
        var request = SecurityHubFindingUpdater.request(
                new SecurityHubFindingUpdater.Call("sg-revoker priming: names no finding", null), List.of());
        try {
            securityHub.batchUpdateFindings(request, Duration.ofSeconds(10));
        } catch (FindingsApi.Refused refused) {
            // the service answered: an update naming no finding is refused, and no finding is touched
        }
    }

    /**
     * SnapStart priming's run-table step (only where RUN_TABLE_NAME is set): builds the DynamoDB client and sends
     * one consistent GetItem of {@link #PRIMING_RUN_ID}'s run item, which nothing writes (a run's id is
     * run-TIME-...), so its signing, marshalling and unmarshalling are loaded before the first run; a read, the
     * table unchanged. Returns once DynamoDB answered (an empty item or a refusal); throws when it did not.
     */
    static void runTable(DynamoDbClient dynamo, String table) {
        try {
            dynamo.getItem(g ->
                    g.tableName(table).key(RunItems.key(PRIMING_RUN_ID, "run")).consistentRead(true));
        } catch (AwsServiceException refused) {
            // the service answered (e.g. no such table, or no right): nothing was read or changed
        }
    }

    /** A run id no run has: runs are named run-TIME-... */
    static final String PRIMING_RUN_ID = "sg-revoker-priming";

    /**
     * SnapStart priming's step of its own through the SDK: builds the model classes of answers priming cannot get
     * without changing something (a revoke that succeeds, an event EventBridge accepts), which loads their fields and
     * accessors as unmarshalling them would; then sends an empty PutEvents, which EventBridge refuses, so its
     * marshalling, signing and error parsing are primed and nothing is published. Returns once EventBridge answered
     * (its refusal included); throws when it did not.
     */
    static void eventBridge(EventBridgeClient events) {
        RevokeSecurityGroupIngressResponse.builder()
                .revokedSecurityGroupRules(RevokedSecurityGroupRule.builder().build())
                .build();
        PutEventsRequestEntry.builder().source("priming").build();
        PutEventsResponse.builder()
                .entries(PutEventsResultEntry.builder().eventId("priming").build())
                .build();
        try {
            events.putEvents(r -> r.entries(List.of()));
        } catch (AwsServiceException refused) {
            // the service answered: an empty PutEvents is refused, and nothing is published
        }
    }
}
