package dev.sgrevoker.handler;

import static dev.sgrevoker.testing.Ec2Fixture.cidr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.aws.OrganizationsSeed;
import dev.sgrevoker.exception.InvalidRequestException;
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
 * One deployment for an organization, against moto's Organizations, STS and EC2 in two regions: a finding from a
 * linked region is remediated in its member account and region; a suspended account, an account outside the
 * organization and a region outside ALLOWED_REGIONS are refused; a sweep of a member stays report-only unless
 * ORGANIZATION_SWEEPS=enforce.
 */
class OrganizationReachIT extends MotoTestBase {
    private static final String ROLE = "sg-revoker-member";
    private static final String EXTERNAL_ID = "ext-0123456789";
    private static final String LINKED = "eu-west-1";

    private OrganizationsSeed organization;
    private String member;
    private String suspended;
    private Ec2Client memberLinked;
    private Ec2Client memberHome;
    private String linkedGroup;
    private String homeGroup;

    @BeforeEach
    void anOrganization() {
        organization = new OrganizationsSeed();
        member = organization.account("member");
        suspended = organization.account("suspended");
        organization.close(suspended);
        memberLinked = ec2Of(member, LINKED);
        memberHome = ec2Of(member, "us-east-1");
        linkedGroup = memberLinked
                .createSecurityGroup(r -> r.groupName("linked-web").description("member web in the linked region"))
                .groupId();
        memberLinked.authorizeSecurityGroupIngress(r -> r.groupId(linkedGroup)
                .ipPermissions(cidr("tcp", 22, 22, "0.0.0.0/0"), cidr("tcp", 443, 443, "0.0.0.0/0")));
        homeGroup = memberHome
                .createSecurityGroup(r -> r.groupName("home-web").description("member web at home"))
                .groupId();
        memberHome.authorizeSecurityGroupIngress(
                r -> r.groupId(homeGroup).ipPermissions(cidr("tcp", 22, 22, "0.0.0.0/0")));
        assertEquals(
                List.of(),
                memberHome
                        .describeSecurityGroups(
                                r -> r.filters(f -> f.name("group-id").values(linkedGroup)))
                        .securityGroups(),
                "moto must keep the member's regions apart for this test to mean anything");
    }

    private static Map<String, String> env(String... more) {
        Map<String, String> env = new HashMap<>(Map.of(
                "ALLOWED_ACCOUNT_IDS", "organization",
                "ALLOWED_REGIONS", LINKED,
                "MEMBER_ROLE_NAME", ROLE,
                "MEMBER_EXTERNAL_ID", EXTERNAL_ID));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    /** An EC2.13 finding aggregated into the home region about a group in {@code region} of {@code account}. */
    private static String finding(String account, String region, String groupId) {
        return """
                {"version":"0","id":"f-1","detail-type":"Security Hub Findings - Imported","source":"aws.securityhub",
                 "account":"123456789012","time":"2026-11-29T03:00:00Z","region":"us-east-1","resources":[],
                 "detail":{"findings":[{"SchemaVersion":"2018-10-08","Id":"finding-%3$s",
                  "ProductArn":"arn:aws:securityhub:%2$s::product/aws/securityhub",
                  "GeneratorId":"security-control/EC2.13","AwsAccountId":"%1$s","Region":"%2$s",
                  "Compliance":{"Status":"FAILED","SecurityControlId":"EC2.13"},
                  "Workflow":{"Status":"NEW"},"RecordState":"ACTIVE",
                  "Resources":[{"Type":"AwsEc2SecurityGroup","Region":"%2$s",
                   "Id":"arn:aws:ec2:%2$s:%1$s:security-group/%3$s"}]}]}}""".formatted(account, region, groupId);
    }

    private JsonNode run(Map<String, String> env, String payload) {
        Lambda.Invocation inv =
                Lambda.invoke(RevokeHandler.builder().environment(env).build(), payload);
        ResultAssertions.checkResponse(inv);
        ResultAssertions.checkEvent(events.await(1).get(0), inv.response());
        return inv.response();
    }

    @Test
    void aFindingFromALinkedRegionIsRemediatedInItsAccountAndRegion() {
        String ssh = ruleOn(memberLinked, linkedGroup, 22);
        String https = ruleOn(memberLinked, linkedGroup, 443);
        List<String> home = ingress(memberHome, homeGroup);

        JsonNode r = run(env(), finding(member, LINKED, linkedGroup));

        JsonNode entry = ResultAssertions.entry(r, ssh);
        assertEquals("REVOKED", entry.path("outcome").asText(), r.toString());
        assertEquals(member, entry.path("account").asText());
        assertEquals(LINKED, entry.path("region").asText(), "the entry names its region: " + entry);
        assertEquals(List.of(https), ingress(memberLinked, linkedGroup));
        assertEquals(home, ingress(memberHome, homeGroup), "nothing changed in the member's home region");
    }

    @Test
    void aSuspendedAccountAnAccountOutsideTheOrganizationAndARegionNotAllowedAreRefused() {
        List<String> before = ingress(memberLinked, linkedGroup);
        String three = finding(suspended, LINKED, linkedGroup)
                .replace(
                        "]}}",
                        "," + findingOnly(finding("999999999999", LINKED, linkedGroup)) + ","
                                + findingOnly(finding(member, "ap-south-1", linkedGroup)) + "]}}");

        JsonNode r = run(env(), three);

        List<JsonNode> entries = ResultAssertions.entries(r);
        assertEquals(3, r.path("counts").path("SKIPPED").asInt(), r.toString());
        assertTrue(
                entries.get(0).path("reason").asText().contains("SUSPENDED"),
                entries.get(0).toString());
        assertTrue(
                entries.get(1).path("reason").asText().contains("not an account of the organization"),
                entries.get(1).toString());
        assertTrue(
                entries.get(2).path("reason").asText().contains("ap-south-1"),
                entries.get(2).toString());
        assertEquals(before, ingress(memberLinked, linkedGroup));
    }

    @Test
    void aMemberSweepStaysReportOnlyUnlessTheDeployerAllowsEnforcing() {
        String ssh = ruleOn(memberLinked, linkedGroup, 22);
        String sweep = "{\"sweep\": {\"controls\": [\"EC2.13\"], \"enforce\": true, \"accounts\": [\"%s\"],"
                + " \"regions\": [\"%s\"]}}";

        JsonNode held = run(env(), sweep.formatted(member, LINKED));

        assertEquals(
                "DRY_RUN", ResultAssertions.entry(held, ssh).path("outcome").asText(), held.toString());
        assertTrue(held.path("dryRun").asBoolean(), held.toString());
        assertTrue(held.path("enforceHeldBack").asText().contains("ORGANIZATION_SWEEPS"), held.toString());
        assertTrue(ingress(memberLinked, linkedGroup).contains(ssh), "nothing revoked");

        JsonNode enforced = run(env("ORGANIZATION_SWEEPS", "enforce"), sweep.formatted(member, LINKED));

        JsonNode entry = ResultAssertions.entry(enforced, ssh);
        assertEquals("REVOKED", entry.path("outcome").asText(), enforced.toString());
        assertEquals(LINKED, entry.path("region").asText());
        assertTrue(!ingress(memberLinked, linkedGroup).contains(ssh));
        assertEquals(1, ingress(memberHome, homeGroup).size(), "the member's home region was not swept");
    }

    @Test
    void aSweepOfAnAccountOutsideTheOrganizationIsRefusedBeforeAnythingIsRead() {
        RevokeHandler handler = RevokeHandler.builder().environment(env()).build();
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> Lambda.invoke(
                        handler, "{\"sweep\": {\"controls\": [\"EC2.13\"], \"accounts\": [\"" + suspended + "\"]}}"));
        assertEquals("sweep.accounts[0]", e.field());
        assertTrue(e.reason().contains("SUSPENDED"), e.reason());
    }

    @Test
    void underOrganizationUnitsOnlyTheirAccountsNestedOnesIncludedAreReached() {
        String root = organization.root();
        String workloads = organization.unit(root, "workloads");
        String production = organization.unit(workloads, "production");
        organization.move(member, root, production);
        String outside = organization.account("outside");
        String ssh = ruleOn(memberLinked, linkedGroup, 22);
        Map<String, String> env = env("ORGANIZATION_UNIT_IDS", workloads);

        JsonNode r = run(
                env,
                finding(member, LINKED, linkedGroup)
                        .replace("]}}", "," + findingOnly(finding(outside, LINKED, linkedGroup)) + "]}}"));

        assertEquals("REVOKED", ResultAssertions.entry(r, ssh).path("outcome").asText(), r.toString());
        JsonNode refused = ResultAssertions.entries(r).stream()
                .filter(e -> e.path("outcome").asText().equals("SKIPPED"))
                .findFirst()
                .orElseThrow();
        assertTrue(refused.path("reason").asText().contains(workloads), refused.toString());
    }

    private static String findingOnly(String event) {
        return event.substring(event.indexOf("[{\"SchemaVersion") + 1, event.lastIndexOf("]}}"));
    }

    private static String ruleOn(Ec2Client ec2, String groupId, int port) {
        return rules(ec2, groupId).stream()
                .filter(rule -> !rule.isEgress() && rule.fromPort() == port)
                .map(SecurityGroupRule::securityGroupRuleId)
                .findFirst()
                .orElseThrow();
    }

    private static List<String> ingress(Ec2Client ec2, String groupId) {
        return rules(ec2, groupId).stream()
                .filter(rule -> !rule.isEgress())
                .map(SecurityGroupRule::securityGroupRuleId)
                .sorted()
                .toList();
    }

    private static List<SecurityGroupRule> rules(Ec2Client ec2, String groupId) {
        return ec2.describeSecurityGroupRules(r -> r.filters(
                        Filter.builder().name("group-id").values(groupId).build()))
                .securityGroupRules();
    }

    /** EC2 of a member account in one region, as the test seeds it: the member role's session, assumed in moto. */
    private Ec2Client ec2Of(String account, String region) {
        URI endpoint = URI.create(moto.url());
        var http = UrlConnectionHttpClient.create();
        Credentials c;
        try (StsClient sts = StsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build()) {
            c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/" + ROLE)
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
