package dev.sgrevoker.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.sgrevoker.testing.Ec2Fixture.cidr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sgrevoker.testing.FaultProxy;
import dev.sgrevoker.testing.Lambda;
import dev.sgrevoker.testing.MotoTestBase;
import dev.sgrevoker.testing.ResultAssertions;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Security Hub's administrator account remediates a member account's finding in the member account, through the
 * member role, with real STS and EC2 clients against moto (which keeps each account's groups apart when the assumed
 * role's credentials are used). The same group id shape in our own account is never touched.
 */
class MemberAccountsIT extends MotoTestBase {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MEMBER = "222222222222";
    private static final String ROLE = "sg-revoker-member";
    private static final String EXTERNAL_ID = "ext-0123456789";

    private Ec2Client memberEc2;
    private String memberGroup;
    private String ownGroup;
    private Map<String, String> ownBefore;

    @BeforeEach
    void twoAccounts() {
        memberEc2 = memberEc2();
        memberGroup = memberEc2
                .createSecurityGroup(r -> r.groupName("member-web").description("member web"))
                .groupId();
        memberEc2.authorizeSecurityGroupIngress(r -> r.groupId(memberGroup)
                .ipPermissions(cidr("tcp", 22, 22, "0.0.0.0/0"), cidr("tcp", 443, 443, "0.0.0.0/0")));
        ownGroup = ec2.groupInDefaultVpc("own-web");
        ec2.authorize(ownGroup, cidr("tcp", 22, 22, "0.0.0.0/0"));
        ownBefore = ec2.snapshot(ownGroup);
        assertEquals(
                List.of(),
                ec2.client()
                        .describeSecurityGroups(
                                r -> r.filters(f -> f.name("group-id").values(memberGroup)))
                        .securityGroups(),
                "moto must keep the member's group out of our own account for this test to mean anything");
    }

    private static Map<String, String> env(boolean memberAccess) {
        Map<String, String> env = new HashMap<>(Map.of("ALLOWED_ACCOUNT_IDS", MEMBER));
        if (memberAccess) {
            env.put("MEMBER_ROLE_NAME", ROLE);
            env.put("MEMBER_EXTERNAL_ID", EXTERNAL_ID);
        }
        return env;
    }

    /** An EC2.13 finding that the administrator account (ours) received about a group of the member account. */
    private String finding(String account, String groupId) {
        return """
                {"version":"0","id":"f-1","detail-type":"Security Hub Findings - Imported","source":"aws.securityhub",
                 "account":"123456789012","time":"2026-11-29T03:00:00Z","region":"us-east-1","resources":[],
                 "detail":{"findings":[{"SchemaVersion":"2018-10-08","Id":"finding-%2$s",
                  "ProductArn":"arn:aws:securityhub:us-east-1::product/aws/securityhub",
                  "GeneratorId":"security-control/EC2.13","AwsAccountId":"%1$s","Region":"us-east-1",
                  "Compliance":{"Status":"FAILED","SecurityControlId":"EC2.13"},
                  "Workflow":{"Status":"NEW"},"RecordState":"ACTIVE",
                  "Resources":[{"Type":"AwsEc2SecurityGroup","Region":"us-east-1",
                   "Id":"arn:aws:ec2:us-east-1:%1$s:security-group/%2$s"}]}]}}""".formatted(account, groupId);
    }

    private JsonNode run(Map<String, String> env, String payload) {
        Lambda.Invocation inv =
                Lambda.invoke(RevokeHandler.builder().environment(env).build(), payload);
        ResultAssertions.checkResponse(inv);
        ResultAssertions.checkEvent(events.await(1).get(0), inv.response());
        return inv.response();
    }

    @Test
    void aMemberAccountsFindingIsRemediatedInThatAccountAndTheResultNamesIt() {
        String ssh = ingressRule(memberGroup, 22);
        String https = ingressRule(memberGroup, 443);

        JsonNode r = run(env(true), finding(MEMBER, memberGroup));

        JsonNode entry = ResultAssertions.entries(r).get(0);
        assertEquals(1, ResultAssertions.entries(r).size(), r.toString());
        assertEquals("REVOKED", entry.path("outcome").asText(), r.toString());
        assertEquals(ssh, entry.path("ruleId").asText());
        assertEquals(MEMBER, entry.path("account").asText(), "the result names the member account: " + entry);
        assertEquals(List.of(https), ingressIds(memberGroup), "only the open ssh rule went, in the member account");
        assertEquals(ownBefore, ec2.snapshot(ownGroup), "nothing changed in our own account");
    }

    @Test
    void withoutMemberAccessAMemberFindingFailsNamingWhyAndNothingIsRevoked() {
        List<String> before = ingressIds(memberGroup);

        JsonNode r = run(env(false), finding(MEMBER, memberGroup));

        JsonNode entry = ResultAssertions.entries(r).get(0);
        assertEquals("FAILED", entry.path("outcome").asText(), r.toString());
        assertEquals("MemberAccountNotEnabled", entry.path("errorCode").asText());
        assertEquals(MEMBER, entry.path("account").asText());
        assertEquals(before, ingressIds(memberGroup));
        assertEquals(ownBefore, ec2.snapshot(ownGroup));
    }

    @Test
    void aRoleThatCannotBeAssumedFailsThatAccountOnly() {
        List<String> before = ingressIds(memberGroup);
        String ownSsh = ec2.ingressRuleId(ownGroup, "0.0.0.0/0", 22);
        try (FaultProxy sts = FaultProxy.start(moto)) {
            sts.stub(post(anyUrl())
                    .withRequestBody(matching("(?s)(.*&)?Action=AssumeRole(&.*)?"))
                    .atPriority(1)
                    .willReturn(aResponse()
                            .withStatus(403)
                            .withHeader("Content-Type", "text/xml")
                            .withBody("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
                                    + "<Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform"
                                    + " sts:AssumeRole</Message></Error><RequestId>x</RequestId></ErrorResponse>")));
            System.setProperty("aws.endpointUrlSts", sts.url());
            String both = finding(MEMBER, memberGroup).replace("]}}", "," + ownFinding() + "]}}");
            JsonNode r = run(env(true), both);

            JsonNode own = ResultAssertions.entry(r, ownSsh);
            assertEquals("REVOKED", own.path("outcome").asText(), r.toString());
            JsonNode member = ResultAssertions.entries(r).stream()
                    .filter(e -> MEMBER.equals(e.path("account").asText()))
                    .findFirst()
                    .orElseThrow();
            assertEquals("FAILED", member.path("outcome").asText());
            assertEquals("AssumeRoleFailed", member.path("errorCode").asText());
            assertTrue(
                    member.path("reason").asText().contains("arn:aws:iam::" + MEMBER + ":role/" + ROLE),
                    member.toString());
            assertTrue(member.path("reason").asText().contains("AccessDenied"), member.toString());
        } finally {
            System.clearProperty("aws.endpointUrlSts");
        }
        assertEquals(before, ingressIds(memberGroup));
    }

    @Test
    void oneFindingEventCoveringBothAccountsRevokesEachInItsOwn() {
        String ownSsh = ec2.ingressRuleId(ownGroup, "0.0.0.0/0", 22);
        String memberHttps = ingressRule(memberGroup, 443);
        String both = finding(MEMBER, memberGroup).replace("]}}", "," + ownFinding() + "]}}");

        JsonNode r = run(env(true), both);

        assertEquals(2, r.path("counts").path("REVOKED").asInt(), r.toString());
        assertEquals(
                "123456789012",
                ResultAssertions.entry(r, ownSsh).path("account").asText());
        assertEquals(List.of(memberHttps), ingressIds(memberGroup));
        assertOnlyRemoved(ownGroup, ownBefore, ownSsh);
    }

    private String ownFinding() {
        String own = finding("123456789012", ownGroup);
        return own.substring(own.indexOf("[{\"SchemaVersion") + 1, own.lastIndexOf("]}}"));
    }

    private String ingressRule(String groupId, int port) {
        return memberEc2
                .describeSecurityGroupRules(r -> r.filters(
                        Filter.builder().name("group-id").values(groupId).build()))
                .securityGroupRules()
                .stream()
                .filter(rule -> !rule.isEgress() && rule.fromPort() == port)
                .map(SecurityGroupRule::securityGroupRuleId)
                .findFirst()
                .orElseThrow();
    }

    private List<String> ingressIds(String groupId) {
        return memberEc2
                .describeSecurityGroupRules(r -> r.filters(
                        Filter.builder().name("group-id").values(groupId).build()))
                .securityGroupRules()
                .stream()
                .filter(rule -> !rule.isEgress())
                .map(SecurityGroupRule::securityGroupRuleId)
                .sorted()
                .toList();
    }

    /** EC2 of the member account, as the test seeds it: the member role's session, assumed in moto. */
    private Ec2Client memberEc2() {
        URI endpoint = URI.create(moto.url());
        var http = UrlConnectionHttpClient.create();
        Credentials c;
        try (StsClient sts = StsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build()) {
            c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + MEMBER + ":role/" + ROLE)
                            .roleSessionName("seed")
                            .externalId(EXTERNAL_ID))
                    .credentials();
        }
        return Ec2Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
                .build();
    }
}
