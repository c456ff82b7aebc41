package dev.sgrevoker.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static dev.sgrevoker.testing.Ec2Fixture.cidr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sgrevoker.aws.AwsClients;
import dev.sgrevoker.config.FunctionConfig;
import dev.sgrevoker.priming.SnapStartPriming;
import dev.sgrevoker.testing.FaultProxy;
import dev.sgrevoker.testing.MotoTestBase;
import dev.sgrevoker.testing.RunTable;
import dev.sgrevoker.testing.StdoutCapture;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The priming SnapStart runs before its snapshot touches EC2 and EventBridge (and, where configured, S3 and Security
 * Hub) for real, and changes nothing.
 */
class SnapStartPrimingIT extends MotoTestBase {
    /** The S3 client's own endpoint setting: routes the report bucket's calls through the proxy. */
    private static final String S3_ENDPOINT = "aws.endpointUrlS3";

    @Test
    void primingExercisesBothServicesAndChangesNothing() {
        String web = ec2.group("web", ec2.newVpc());
        ec2.authorize(web, cidr("tcp", 22, 22, "0.0.0.0/0"));
        Map<String, String> before = ec2.snapshot(web);
        try (FaultProxy proxy = FaultProxy.start(moto)) {
            proxy.routeEc2();
            proxy.routeEventBridge();
            proxy.standInForSecurityHub();
            FunctionConfig config =
                    FunctionConfig.read(Map.of("AWS_REGION", "us-east-1", FunctionConfig.UPDATE_FINDINGS, "false"));
            AwsClients clients = AwsClients.create(config.maxConcurrency(), config.memberAccess());

            SnapStartPriming priming = Wiring.priming(config, clients);
            List<List<String>> answered = new ArrayList<>();

            String stdout = StdoutCapture.during(() -> answered.add(priming.prime()));

            assertEquals(
                    List.of(
                            "direct",
                            "sqs",
                            "securityhub",
                            "sweep",
                            "ec2-describes",
                            "ec2-dry-run-revoke",
                            "eventbridge-put-events"),
                    answered.get(0),
                    "each family through the handler, read-only describes, a DryRun revoke, an empty PutEvents;"
                            + " no report bucket and UPDATE_FINDINGS off: neither S3 nor Security Hub is called");
            assertEquals("", stdout, "the priming handler's metric lines are made up: dropped, never printed");
            assertTrue(
                    proxy.ec2Actions().containsAll(List.of("DescribeSecurityGroups", "DescribeSecurityGroupRules")),
                    proxy.ec2Actions().toString());
            assertTrue(
                    proxy.ec2Bodies("RevokeSecurityGroupIngress").stream()
                            .allMatch(b -> b.contains("DryRun=true")
                                    && b.contains("GroupId=" + SnapStartPriming.NO_SUCH_GROUP)),
                    "every primed revoke is a dry run on a group that does not exist");
            // The sweep family read the inventory scoped to the made-up group and selected its rules: 3389 (EC2.14)
            // with the icmp rule from outside allowedSources, a pair no other family revokes together.
            assertTrue(
                    proxy.ec2Bodies("DescribeSecurityGroupRules").stream()
                            .anyMatch(b -> b.contains(SnapStartPriming.NO_SUCH_GROUP)),
                    proxy.ec2Bodies("DescribeSecurityGroupRules").toString());
            assertTrue(
                    proxy.ec2Bodies("RevokeSecurityGroupIngress").stream()
                            .anyMatch(b -> b.contains("sgr-00000000000000003") && b.contains("sgr-00000000000000006")),
                    "the sweep's report-only DryRun: " + proxy.ec2Bodies("RevokeSecurityGroupIngress"));
            assertEquals(1, proxy.putEventsCalls());
            assertEquals(List.of(), proxy.findingUpdates(), "UPDATE_FINDINGS=false: the role may not, so none is sent");
            assertEquals(
                    List.of(),
                    proxy.ec2Bodies("RevokeSecurityGroupEgress"),
                    "DEFAULT_GROUP_EGRESS=keep: the role may not revoke egress, so priming does not ask");
        }
        assertEquals(before, ec2.snapshot(web));
        events.assertNone();
    }

    @Test
    void withAReportBucketFindingUpdatesAndARunTableEachIsCalledAndNothingIsWrittenOrTouched() {
        S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(moto.url()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        s3.createBucket(r -> r.bucket("priming-reports"));
        DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(URI.create(moto.url()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        RunTable.create(dynamo, "priming-runs");
        try (FaultProxy proxy = FaultProxy.start(moto)) {
            proxy.routeEc2();
            proxy.routeEventBridge();
            System.setProperty(S3_ENDPOINT, proxy.url());
            proxy.standInForSecurityHub();
            // As Security Hub answers an update that names no finding.
            proxy.stub(FaultProxy.batchUpdateFindings()
                    .withRequestBody(matchingJsonPath("$.FindingIdentifiers[0]", absent()))
                    .willReturn(aResponse()
                            .withStatus(400)
                            .withHeader("x-amzn-ErrorType", "InvalidInputException")
                            .withBody("{\"Message\":\"Invalid parameter 'FindingIdentifiers'\"}")));
            FunctionConfig config = FunctionConfig.read(Map.of(
                    "AWS_REGION",
                    "us-east-1",
                    FunctionConfig.REPORT_BUCKET,
                    "priming-reports",
                    FunctionConfig.AWS_ENDPOINT_URL_S3,
                    proxy.url(),
                    FunctionConfig.UPDATE_FINDINGS,
                    "true",
                    FunctionConfig.RUN_TABLE_NAME,
                    "priming-runs"));
            AwsClients clients = AwsClients.create(config.maxConcurrency(), config.memberAccess());

            List<String> answered = new ArrayList<>();
            StdoutCapture.during(
                    () -> answered.addAll(Wiring.priming(config, clients).prime()));

            assertEquals(
                    SnapStartPriming.STEPS,
                    answered,
                    "every step, S3's and Security Hub's refusals answered, the run table's read of nothing");
            List<LoggedRequest> updates = proxy.findingUpdates();
            assertEquals(1, updates.size(), "one BatchUpdateFindings, and the priming handler's notes sent nowhere");
            assertTrue(
                    updates.get(0).getBodyAsString().contains("\"FindingIdentifiers\":[]"),
                    updates.get(0).getBodyAsString());
            assertTrue(
                    proxy.requests().stream()
                            .filter(r -> "PUT".equals(r.getMethod().value()))
                            .allMatch(r -> "\"sg-revoker-priming\"".equals(r.getHeader("If-Match"))),
                    "priming's put is conditional (If-Match): S3 refuses it without writing");
            List<LoggedRequest> toS3 = proxy.requests().stream()
                    .filter(r -> r.getUrl().startsWith("/priming-reports"))
                    .toList();
            assertEquals(
                    List.of(
                            "PUT /priming-reports/reports/sg-revoker-priming/plan.json",
                            "GET /priming-reports/reports/sg-revoker-priming/plan.json"),
                    toS3.stream()
                            .map(r -> r.getMethod().value() + " " + r.getUrl())
                            .toList(),
                    "a put conditional on an ETag the key cannot have, and a read: both refused (NoSuchKey)");
        } finally {
            System.clearProperty(S3_ENDPOINT);
        }
        assertEquals(0, s3.listObjectsV2(r -> r.bucket("priming-reports")).keyCount(), "priming wrote nothing");
        assertEquals(0, dynamo.scan(r -> r.tableName("priming-runs")).count(), "nor any run item");
        events.assertNone();
    }

    @Test
    void withDefaultGroupEgressRevokeTheEgressRevokeIsPrimedAsADryRunToo() {
        try (FaultProxy proxy = FaultProxy.start(moto)) {
            proxy.routeEc2();
            proxy.routeEventBridge();
            FunctionConfig config =
                    FunctionConfig.read(Map.of("AWS_REGION", "us-east-1", "DEFAULT_GROUP_EGRESS", "revoke"));
            AwsClients clients = AwsClients.create(config.maxConcurrency(), config.memberAccess());

            List<String> answered = new ArrayList<>();
            StdoutCapture.during(
                    () -> answered.addAll(Wiring.priming(config, clients).prime()));

            assertTrue(answered.contains("ec2-dry-run-revoke"), answered.toString());
            List<String> egress = proxy.ec2Bodies("RevokeSecurityGroupEgress");
            assertEquals(1, egress.size(), egress.toString());
            assertTrue(
                    egress.get(0).contains("DryRun=true")
                            && egress.get(0).contains("GroupId=" + SnapStartPriming.NO_SUCH_GROUP),
                    egress.toString());
        }
        events.assertNone();
    }
}
