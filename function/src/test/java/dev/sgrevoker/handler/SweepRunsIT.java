package dev.sgrevoker.handler;

import static dev.sgrevoker.testing.Ec2Fixture.cidr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.aws.OrganizationsSeed;
import dev.sgrevoker.config.FunctionConfig;
import dev.sgrevoker.testing.Lambda;
import dev.sgrevoker.testing.MotoTestBase;
import dev.sgrevoker.testing.RunTable;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A sweep run end to end against moto (Organizations, STS, EC2 in two regions, SQS with a FIFO shard queue,
 * DynamoDB): the dispatch, each shard drained from the shard queue as Lambda's event source would, in its own
 * account and region, the run-wide limit across shards, and the roll-up event. moto does not refuse AssumeRole (it
 * checks neither the role nor the external id), so a member role that cannot be assumed is SweepRunFlowTest's.
 */
class SweepRunsIT extends MotoTestBase {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ROLE = "sg-revoker-member";
    private static final String EXTERNAL_ID = "ext-0123456789";
    private static final String LINKED = "eu-west-1";

    private String member;
    private final Map<String, Ec2Client> places = new HashMap<>();
    private final Map<String, String> groups = new HashMap<>();
    private SqsClient sqs;
    private String shardQueue;
    private String requestQueue;

    @BeforeEach
    void anOrganizationWithGroupsInTwoRegionsAndTheRunsQueuesAndTable() {
        OrganizationsSeed organization = new OrganizationsSeed();
        member = organization.account("member");
        var http = UrlConnectionHttpClient.create();
        var testing = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        URI endpoint = URI.create(moto.url());
        for (String region : List.of("us-east-1", LINKED)) {
            places.put(
                    "123456789012:" + region,
                    Ec2Client.builder()
                            .endpointOverride(endpoint)
                            .region(Region.of(region))
                            .httpClient(http)
                            .credentialsProvider(testing)
                            .build());
            places.put(member + ":" + region, memberEc2(region));
        }
        places.forEach((place, client) -> {
            String group = client.createSecurityGroup(r -> r.groupName("web").description("web " + place))
                    .groupId();
            client.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(cidr("tcp", 22, 22, "0.0.0.0/0")));
            groups.put(place, group);
        });
        sqs = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .httpClient(http)
                .credentialsProvider(testing)
                .build();
        shardQueue = sqs.createQueue(r -> r.queueName("shards.fifo")
                        .attributes(Map.of(
                                QueueAttributeName.FIFO_QUEUE, "true",
                                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false")))
                .queueUrl();
        requestQueue = sqs.createQueue(r -> r.queueName("requests")).queueUrl();
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .httpClient(http)
                .credentialsProvider(testing)
                .build()) {
            RunTable.create(dynamo, "runs");
        }
    }

    @AfterEach
    void closeClients() {
        places.values().forEach(Ec2Client::close);
        sqs.close();
    }

    private Map<String, String> env(String... more) {
        Map<String, String> env = new HashMap<>(Map.of(
                "ALLOWED_ACCOUNT_IDS", "organization",
                "ALLOWED_REGIONS", LINKED,
                "MEMBER_ROLE_NAME", ROLE,
                "MEMBER_EXTERNAL_ID", EXTERNAL_ID,
                "SHARD_QUEUE_URL", shardQueue,
                "RUN_TABLE_NAME", "runs",
                "REQUEST_QUEUE_URL", requestQueue));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    /** Every shard, drained one at a time as the shard queue's event source (batch size 1) would hand it over. */
    private List<JsonNode> drainShards(Map<String, String> env) throws Exception {
        List<JsonNode> responses = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(shardQueue)
                            .maxNumberOfMessages(1)
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages();
            if (messages.isEmpty()) {
                return responses;
            }
            Message m = messages.get(0);
            ArrayNode records = MAPPER.createArrayNode();
            ObjectNode record = records.addObject()
                    .put("messageId", m.messageId())
                    .put("receiptHandle", m.receiptHandle())
                    .put("body", m.body())
                    .put("eventSource", "aws:sqs")
                    .put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:shards.fifo")
                    .put("awsRegion", "us-east-1");
            ObjectNode attributes = record.putObject("attributes");
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            JsonNode response = Lambda.invoke(
                            RevokeHandler.builder().environment(env).build(),
                            MAPPER.createObjectNode().set("Records", records).toString())
                    .response();
            assertEquals("[]", response.get("batchItemFailures").toString(), response.toString());
            assertEquals(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID), groupOf(m.body()));
            sqs.deleteMessage(r -> r.queueUrl(shardQueue).receiptHandle(m.receiptHandle()));
            responses.add(response);
        }
        throw new AssertionError("the shard queue did not empty");
    }

    private static String groupOf(String body) throws Exception {
        JsonNode shard = MAPPER.readTree(body).get("sweepShard");
        return shard.get("account").asText() + ":" + shard.get("region").asText();
    }

    private JsonNode byDetailType(List<JsonNode> events, String detailType) {
        return events.stream()
                .filter(e -> e.get("detail-type").asText().equals(detailType))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + detailType + " among " + events))
                .get("detail");
    }

    @Test
    void anOrganizationWideReportOnlySweepIsDispatchedSweptPerAccountRegionAndRolledUp() throws Exception {
        S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(moto.url()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build();
        s3.createBucket(r -> r.bucket("run-reports"));
        Map<String, String> env =
                env(FunctionConfig.REPORT_BUCKET, "run-reports", FunctionConfig.AWS_ENDPOINT_URL_S3, moto.url());
        JsonNode dispatched = Lambda.invoke(
                        RevokeHandler.builder().environment(env).build(),
                        "{\"sweep\": {\"controls\": [\"EC2.13\"], \"accounts\": \"allowed\", \"regions\": \"allowed\"}}")
                .response();
        String runId = dispatched.get("runId").asText();
        assertEquals(4, dispatched.get("shards").size(), dispatched.toString());
        events.await(1);
        assertEquals(
                "1",
                sqs.getQueueAttributes(r -> r.queueUrl(requestQueue)
                                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                        .attributes()
                        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED),
                "the run's deadline waits on the request queue, delayed");

        drainShards(env);

        List<JsonNode> after = events.await(5);
        JsonNode rollUp = byDetailType(after, "Security Group Sweep Run Completed");
        assertEquals(runId, rollUp.get("runId").asText());
        assertTrue(rollUp.get("complete").asBoolean(), rollUp.toString());
        assertEquals(4, rollUp.get("totals").get("DRY_RUN").asInt(), rollUp.toString());
        assertEquals(4, rollUp.get("shards").size());
        for (JsonNode e : after) {
            JsonNode d = e.get("detail");
            if (e.get("detail-type").asText().equals("Security Group Ingress Revocation Result")) {
                assertEquals(runId, d.get("runId").asText());
                String place = d.get("account").asText() + ":" + d.get("region").asText();
                assertEquals(1, d.get("counts").get("DRY_RUN").asInt(), place + " " + d);
            }
        }
        places.forEach((place, client) ->
                assertEquals(1, ingress(client, groups.get(place)).size(), place));

        // The run's own report, in moto's S3: the keys the roll-up names, one header, every shard's row and page.
        String prefix = "reports/" + runId + "/";
        JsonNode report = rollUp.get("report");
        assertEquals("run-reports", report.get("bucket").asText(), rollUp.toString());
        assertEquals(
                List.of(prefix + "rules.csv", prefix + "index.html"),
                MAPPER.convertValue(report.get("keys"), List.class));
        assertTrue(rollUp.get("summary").asText().contains("s3://run-reports/" + prefix + "index.html"));
        List<String> csv = s3.getObjectAsBytes(r -> r.bucket("run-reports").key(prefix + "rules.csv"))
                .asUtf8String()
                .lines()
                .toList();
        assertTrue(csv.get(0).startsWith("account,region,"), csv.toString());
        assertEquals(5, csv.size(), "one header and each shard's one rule: " + csv);
        String index = s3.getObjectAsBytes(r -> r.bucket("run-reports").key(prefix + "index.html"))
                .asUtf8String();
        for (String place : places.keySet()) {
            String folder = place.replace(':', '/') + "/";
            assertTrue(index.contains("<a href=\"" + folder + "report.html\">report</a>"), folder + " " + index);
            s3.headObject(r -> r.bucket("run-reports").key(prefix + folder + "report.html"));
        }
        s3.close();
    }

    @Test
    void anEnforcingRunStopsAtItsRunWideLimitAcrossShards() throws Exception {
        Map<String, String> env = env("ORGANIZATION_SWEEPS", "enforce");
        Lambda.invoke(
                RevokeHandler.builder().environment(env).build(),
                "{\"sweep\": {\"controls\": [\"EC2.13\"], \"accounts\": \"allowed\", \"regions\": \"allowed\","
                        + " \"enforce\": true, \"maxRevocationsPerRun\": 2}}");
        events.await(1);

        drainShards(env);

        JsonNode rollUp = byDetailType(events.await(5), "Security Group Sweep Run Completed");
        assertEquals(2, rollUp.get("totals").get("REVOKED").asInt(), rollUp.toString());
        assertEquals(2, rollUp.get("totals").get("SKIPPED").asInt(), rollUp.toString());
        assertEquals(2, rollUp.get("reserved").asInt());
        long left = places.entrySet().stream()
                .filter(p -> !ingress(p.getValue(), groups.get(p.getKey())).isEmpty())
                .count();
        assertEquals(2, left, "two of the four account-regions keep their rule: the run's limit held");
    }

    private static List<String> ingress(Ec2Client ec2, String groupId) {
        return ec2
                .describeSecurityGroupRules(r -> r.filters(
                        Filter.builder().name("group-id").values(groupId).build()))
                .securityGroupRules()
                .stream()
                .filter(rule -> !rule.isEgress())
                .map(SecurityGroupRule::securityGroupRuleId)
                .toList();
    }

    private Ec2Client memberEc2(String region) {
        URI endpoint = URI.create(moto.url());
        var http = UrlConnectionHttpClient.create();
        Credentials c;
        try (StsClient sts = StsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build()) {
            c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + member + ":role/" + ROLE)
                            .roleSessionName("seed")
                            .externalId(EXTERNAL_ID))
                    .credentials();
        }
        return Ec2Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
                .build();
    }
}
