package dev.sgrevoker.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.policy.Sweep;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Discovery over EC2's real paging (moto answers DescribeSecurityGroupRules in one page whatever MaxResults says, so
 * WireMock plays EC2 here): pages of 1,000 followed by NextToken, handed over one page at a time; scope filters
 * sent to DescribeSecurityGroups.
 */
class SdkEc2GatewayPagingTest {
    private static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private WireMockServer ec2;
    private SdkEc2Gateway gateway;

    @BeforeEach
    void start() {
        ec2 = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        ec2.start();
        gateway = new SdkEc2Gateway(
                Ec2Client.builder()
                        .endpointOverride(URI.create(ec2.baseUrl()))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build(),
                CallPacer.mutating());
    }

    @AfterEach
    void stop() {
        ec2.stop();
    }

    private static String rule(String id, String group, int port) {
        return "<item><securityGroupRuleId>" + id + "</securityGroupRuleId><groupId>" + group
                + "</groupId><groupOwnerId>123456789012</groupOwnerId><isEgress>false</isEgress>"
                + "<ipProtocol>tcp</ipProtocol><fromPort>" + port + "</fromPort><toPort>" + port
                + "</toPort><cidrIpv4>0.0.0.0/0</cidrIpv4><tagSet/></item>";
    }

    private static String rulesPage(String items, String next) {
        return "<DescribeSecurityGroupRulesResponse xmlns=\"" + NS + "\"><requestId>r</requestId>"
                + "<securityGroupRuleSet>" + items + "</securityGroupRuleSet>"
                + (next == null ? "" : "<nextToken>" + next + "</nextToken>") + "</DescribeSecurityGroupRulesResponse>";
    }

    private void answer(String action, String bodyPart, String xml) {
        ec2.stubFor(post(anyUrl())
                .withRequestBody(matching("(?s)(.*&)?Action=" + action + "(&.*)?"))
                .withRequestBody(containing(bodyPart))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(xml)));
    }

    private List<String> bodies(String action) {
        return ec2.getAllServeEvents().stream()
                .map(e -> e.getRequest())
                .map(LoggedRequest::getBodyAsString)
                .filter(b -> b.contains("Action=" + action))
                .toList();
    }

    @Test
    void rulesArriveOnePageAtATimeUntilEc2StopsGivingANextToken() {
        answer(
                "DescribeSecurityGroupRules",
                "MaxResults=1000",
                rulesPage(rule("sgr-00000001", "sg-0000000a", 22) + rule("sgr-00000002", "sg-0000000a", 23), "page-2"));
        ec2.stubFor(post(anyUrl())
                .atPriority(1)
                .withRequestBody(containing("NextToken=page-2"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(rulesPage(rule("sgr-00000003", "sg-0000000b", 3389), null))));
        List<List<String>> pages = new ArrayList<>();
        List<Map<String, String>> owners = new ArrayList<>();
        gateway.forEachRulePage(null, page -> {
            pages.add(page.rules().stream().map(DescribedRule::ruleId).toList());
            owners.add(page.groupOwners());
        });
        assertEquals(List.of(List.of("sgr-00000001", "sgr-00000002"), List.of("sgr-00000003")), pages);
        assertEquals(List.of(Map.of("sg-0000000a", "123456789012"), Map.of("sg-0000000b", "123456789012")), owners);
        List<String> calls = bodies("DescribeSecurityGroupRules");
        assertEquals(2, calls.size());
        calls.forEach(b -> assertTrue(b.contains("MaxResults=1000"), b));
        assertTrue(calls.stream().noneMatch(b -> b.contains("Filter")), "the whole account: no filter " + calls);
    }

    @Test
    void aScopeIsFilteredByEc2AndItsGroupsRulesByGroupId() {
        answer(
                "DescribeSecurityGroups",
                "Filter",
                "<DescribeSecurityGroupsResponse xmlns=\"" + NS + "\"><requestId>r</requestId><securityGroupInfo>"
                        + "<item><ownerId>123456789012</ownerId><groupId>sg-0000000a</groupId><groupName>web</groupName>"
                        + "<groupDescription>d</groupDescription><vpcId>vpc-0000000a</vpcId><ipPermissions/>"
                        + "<ipPermissionsEgress/><tagSet><item><key>team</key><value>web</value></item></tagSet>"
                        + "</item></securityGroupInfo></DescribeSecurityGroupsResponse>");
        answer("DescribeSecurityGroupRules", "group-id", rulesPage(rule("sgr-00000001", "sg-0000000a", 22), null));
        Map<String, GroupFacts> groups =
                gateway.groupsIn(new Sweep.Scope(List.of("vpc-0000000a"), List.of(), Map.of("team", "web")));
        assertEquals(Map.of("team", "web"), groups.get("sg-0000000a").tags());
        String describe = bodies("DescribeSecurityGroups").get(0);
        assertTrue(
                describe.contains("Filter.1.Name=vpc-id") && describe.contains("Filter.2.Name=tag%3Ateam"), describe);
        List<DescribedRule> rules = new ArrayList<>();
        gateway.forEachRulePage(groups.keySet(), p -> rules.addAll(p.rules()));
        assertEquals(1, rules.size());
        String byGroup = bodies("DescribeSecurityGroupRules").get(0);
        assertTrue(byGroup.contains("Filter.1.Name=group-id") && byGroup.contains("sg-0000000a"), byGroup);
    }

    private static String group(String id, int sources) {
        StringBuilder ranges = new StringBuilder();
        for (int i = 0; i < sources; i++) {
            ranges.append("<item><cidrIp>10.0.").append(i).append(".0/24</cidrIp></item>");
        }
        return "<item><ownerId>123456789012</ownerId><groupId>" + id + "</groupId><groupName>" + id + "</groupName>"
                + "<vpcId>vpc-0000000a</vpcId><ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort>"
                + "<toPort>22</toPort><ipRanges>" + ranges + "</ipRanges></item></ipPermissions><ipPermissionsEgress/>"
                + "<tagSet/></item>";
    }

    private static String groupsPage(String items, String next) {
        return "<DescribeSecurityGroupsResponse xmlns=\"" + NS + "\"><requestId>r</requestId><securityGroupInfo>"
                + items
                + "</securityGroupInfo>" + (next == null ? "" : "<nextToken>" + next + "</nextToken>")
                + "</DescribeSecurityGroupsResponse>";
    }

    @Test
    void groupPagesStartSmallAndShrinkWhenGroupsCarryManyRules() {
        answer(
                "DescribeSecurityGroups",
                "MaxResults=10",
                groupsPage(group("sg-0000000a", 2500) + group("sg-0000000b", 2500), "g-2"));
        ec2.stubFor(post(anyUrl())
                .atPriority(1)
                .withRequestBody(containing("NextToken=g-2"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(groupsPage(group("sg-0000000c", 1), null))));

        Map<String, GroupFacts> groups = gateway.groupsIn(Sweep.Scope.EVERYTHING);

        assertEquals(List.of("sg-0000000a", "sg-0000000b", "sg-0000000c"), List.copyOf(groups.keySet()));
        List<String> calls = bodies("DescribeSecurityGroups");
        assertEquals(2, calls.size());
        // 2 groups carried 5,000 rules: the next page asks for EC2's fewest, 5 groups.
        String second = calls.stream()
                .filter(b -> b.contains("NextToken=g-2"))
                .findFirst()
                .orElseThrow();
        assertTrue(second.contains("MaxResults=5"), second);
    }

    @Test
    void groupPageSizesGrowAtMostTwofoldAndStayNearFiveThousandRules() {
        assertEquals(20, GroupPages.nextGroupPageSize(10, 0, 0), "an empty page: twice as many");
        assertEquals(1000, GroupPages.nextGroupPageSize(500, 500, 500), "one rule a group: twice as many");
        assertEquals(1000, GroupPages.nextGroupPageSize(1000, 1000, 1000), "EC2's largest MaxResults");
        assertEquals(200, GroupPages.nextGroupPageSize(400, 400, 10_000), "25 rules a group: 5,000 / 25");
        assertEquals(5, GroupPages.nextGroupPageSize(10, 10, 100_000), "EC2's smallest MaxResults");
    }

    @Test
    void theDefaultGroupsAreAskedForByNameWithinTheScope() {
        answer("DescribeSecurityGroups", "Filter", groupsPage("", null));
        gateway.defaultGroupsIn(new Sweep.Scope(List.of("vpc-0000000a"), List.of(), Map.of()));
        String describe = bodies("DescribeSecurityGroups").get(0);
        assertTrue(
                describe.contains("Filter.1.Name=group-name")
                        && describe.contains("Filter.1.Value.1=default")
                        && describe.contains("Filter.2.Name=vpc-id"),
                describe);
    }

    @Test
    void theGroupsOpenToTheWorldAreAskedForByIngressSourceAndAFilterEc2RefusesReadsEveryRule() {
        answer("DescribeSecurityGroups", "ip-permission.ipv6-cidr", groupsPage("", null));
        answer("DescribeSecurityGroups", "ip-permission.cidr", groupsPage(group("sg-0000000a", 3), null));
        Optional<Map<String, GroupFacts>> open = gateway.groupsOpenToWorldIn(Sweep.Scope.EVERYTHING);
        assertEquals(List.of("sg-0000000a"), List.copyOf(open.orElseThrow().keySet()));
        List<String> calls = bodies("DescribeSecurityGroups");
        assertEquals(2, calls.size(), calls.toString());
        assertTrue(
                calls.stream()
                        .anyMatch(b -> b.contains("Filter.1.Name=ip-permission.ipv6-cidr")
                                && b.contains("Filter.1.Value.1=%3A%3A%2F0")),
                calls.toString());
        assertTrue(
                calls.stream()
                        .anyMatch(b -> b.contains("Filter.1.Name=ip-permission.cidr")
                                && b.contains("Filter.1.Value.1=0.0.0.0%2F0")),
                calls.toString());

        ec2.resetAll();
        ec2.stubFor(post(anyUrl())
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "text/xml")
                        .withBody("<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>The filter"
                                + " 'ip-permission.ipv6-cidr' is invalid</Message></Error></Errors>"
                                + "<RequestID>r</RequestID></Response>")));
        assertTrue(gateway.groupsOpenToWorldIn(Sweep.Scope.EVERYTHING).isEmpty(), "the sweep then reads every rule");
    }
}
