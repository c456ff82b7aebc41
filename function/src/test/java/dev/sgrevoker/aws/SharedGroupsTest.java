package dev.sgrevoker.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sgrevoker.model.GroupUse;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Whether a group is shared, over EC2's and RAM's real wire formats (WireMock plays both): VPC associations 200 group
 * ids a call with every page, RAM's listing paged, and a group called unused only when both answered.
 */
class SharedGroupsTest {
    private static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final String OWNER = "111111111111";
    private static final String ASSOCIATIONS = "Action=DescribeSecurityGroupVpcAssociations";
    private WireMockServer aws;
    private SdkEc2Gateway gateway;

    @BeforeEach
    void start() {
        aws = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        aws.start();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));
        var http = UrlConnectionHttpClient.create();
        Ec2Client ec2 = Ec2Client.builder()
                .endpointOverride(URI.create(aws.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(http)
                .build();
        RamCalls ram = new RamCalls(
                new SignedJson(http, credentials, URI.create(aws.baseUrl()), "AWS RAM", "ram", "us-east-1"));
        gateway = new SdkEc2Gateway(ec2, CallPacer.describing(), CallPacer.mutating(), () -> ram);
        // No interface has any group unless a test says so.
        ec2Answer(
                9,
                "Action=DescribeNetworkInterfaces",
                "<DescribeNetworkInterfacesResponse xmlns=\"" + NS
                        + "\"><requestId>r</requestId><networkInterfaceSet/></DescribeNetworkInterfacesResponse>");
    }

    @AfterEach
    void stop() {
        aws.stop();
    }

    private void ec2Answer(int priority, String bodyPart, String xml) {
        aws.stubFor(post(urlEqualTo("/"))
                .atPriority(priority)
                .withRequestBody(containing(bodyPart))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(xml)));
    }

    private void ramAnswer(int priority, String bodyPart, int status, String errorType, String json) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json");
        if (errorType != null) {
            response = response.withHeader("x-amzn-ErrorType", errorType);
        }
        aws.stubFor(post(urlEqualTo("/listresources"))
                .atPriority(priority)
                .withRequestBody(containing(bodyPart))
                .willReturn(response.withBody(json)));
    }

    private static String associations(String items, String next) {
        return "<DescribeSecurityGroupVpcAssociationsResponse xmlns=\"" + NS + "\"><requestId>r</requestId>"
                + "<securityGroupVpcAssociationSet>" + items + "</securityGroupVpcAssociationSet>"
                + (next == null ? "" : "<nextToken>" + next + "</nextToken>")
                + "</DescribeSecurityGroupVpcAssociationsResponse>";
    }

    private static String association(String group, String vpc, String vpcOwner, String state) {
        return "<item><groupId>" + group + "</groupId><vpcId>" + vpc + "</vpcId><vpcOwnerId>" + vpcOwner
                + "</vpcOwnerId><state>" + state + "</state></item>";
    }

    private static String ramResource(String group, String share) {
        return "{\"arn\":\"arn:aws:ec2:us-east-1:" + OWNER + ":security-group/" + group
                + "\",\"type\":\"ec2:SecurityGroup\",\"resourceShareArn\":\"" + share + "\",\"status\":\"AVAILABLE\"}";
    }

    private List<String> bodies(String path, String part) {
        List<String> calls = new ArrayList<>(aws.getAllServeEvents().stream()
                .map(e -> e.getRequest())
                .filter(r -> r.getUrl().equals(path))
                .map(LoggedRequest::getBodyAsString)
                .filter(b -> b.contains(part))
                .toList());
        Collections.reverse(calls);
        return calls;
    }

    private static int filterValues(String body) {
        Matcher m = Pattern.compile("Filter\\.1\\.Value\\.\\d+=").matcher(body);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("sg-%08x".formatted(i));
        }
        return ids;
    }

    @Test
    void aGroupInARamShareOrAssociatedWithAnotherVpcIsSharedAndBothCallsArePagedAndBatched() {
        ec2Answer(5, ASSOCIATIONS, associations("", null));
        ec2Answer(
                3,
                "Filter.1.Value.1=sg-00000000&",
                associations(
                        association("sg-00000001", "vpc-other", "222222222222", "associated")
                                + association("sg-00000003", "vpc-gone", "222222222222", "disassociated"),
                        "assoc-2"));
        ec2Answer(
                1,
                "NextToken=assoc-2",
                associations(association("sg-00000001", "vpc-more", "333333333333", "associating"), null));
        ramAnswer(
                5,
                "\"resourceOwner\":\"SELF\"",
                200,
                null,
                "{\"resources\":["
                        + ramResource("sg-00000002", "arn:aws:ram:us-east-1:" + OWNER + ":resource-share/a")
                        + "],\"nextToken\":\"ram-2\"}");
        ramAnswer(
                1,
                "\"nextToken\":\"ram-2\"",
                200,
                null,
                "{\"resources\":["
                        + ramResource("sg-000000c9", "arn:aws:ram:us-east-1:" + OWNER + ":resource-share/b") + ","
                        + ramResource("sg-not-asked", "arn:aws:ram:us-east-1:" + OWNER + ":resource-share/b") + "]}");

        Map<String, GroupUse> use = gateway.groupUse(ids(250));

        List<String> vpcCalls = bodies("/", ASSOCIATIONS);
        assertEquals(3, vpcCalls.size(), "two chunks of group ids, the first in two pages");
        assertEquals(200, filterValues(vpcCalls.get(0)));
        assertTrue(vpcCalls.get(1).contains("NextToken=assoc-2"));
        assertEquals(50, filterValues(vpcCalls.get(2)));
        vpcCalls.forEach(b -> assertTrue(b.contains("Filter.1.Name=group-id") && b.contains("MaxResults=1000"), b));
        List<String> ramCalls = bodies("/listresources", "");
        assertEquals(2, ramCalls.size(), "one listing for all 250 groups, two pages: " + ramCalls);
        ramCalls.forEach(b -> assertTrue(
                b.contains("\"resourceType\":\"ec2:SecurityGroup\"") && b.contains("\"maxResults\":500"), b));
        assertTrue(aws.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals("/listresources"))
                .allMatch(e -> e.getRequest().getHeader("Authorization").contains("/us-east-1/ram/aws4_request")));

        String vpc = use.get("sg-00000001").sharedBecause(OWNER);
        assertTrue(vpc.startsWith("associated with vpc-other of account 222222222222; associated with vpc-more"), vpc);
        assertFalse(use.get("sg-00000001").unused(OWNER));
        String ram = use.get("sg-00000002").sharedBecause(OWNER);
        assertTrue(
                ram.startsWith("shared through AWS RAM (arn:aws:ram:us-east-1:" + OWNER + ":resource-share/a)"), ram);
        assertFalse(use.get("sg-000000c9").unused(OWNER), "found on RAM's second page");
        assertNull(use.get("sg-00000003").sharedBecause(OWNER), "a disassociated VPC shares nothing");
        assertTrue(
                use.get("sg-00000003").unused(OWNER),
                "both answered, nothing shared, no interface: " + use.get("sg-00000003"));
        assertEquals(250, use.size());
    }

    @Test
    void ramRefusedMeansNoGroupIsCalledUnusedAndTheReasonSaysWhy() {
        ec2Answer(5, ASSOCIATIONS, associations(association("sg-00000001", "vpc-other", "2", "associated"), null));
        ramAnswer(
                5,
                "",
                400,
                "AccessDeniedException:http://internal.amazon.com/coral/",
                "{\"message\":\"not authorized to perform: ram:ListResources\"}");

        Map<String, GroupUse> use = gateway.groupUse(ids(3));

        GroupUse idle = use.get("sg-00000000");
        assertFalse(idle.unused(OWNER));
        assertEquals(
                "sharing not checked: AWS RAM ListResources answered AccessDeniedException: not authorized to"
                        + " perform: ram:ListResources",
                idle.sharingNotChecked(OWNER));
        assertNull(use.get("sg-00000001").sharingNotChecked(OWNER), "shown shared anyway: that is what it says");
        assertTrue(use.get("sg-00000001").sharedBecause(OWNER).contains("vpc-other"));
        assertEquals(1, bodies("/listresources", "").size(), "a refusal is not retried");
    }

    @Test
    void associationsRefusedOrRamMissingAsInMotoMeansNotChecked() {
        aws.stubFor(post(urlEqualTo("/"))
                .atPriority(5)
                .withRequestBody(containing(ASSOCIATIONS))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withBody("<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>no</Message>"
                                + "</Error></Errors><RequestID>r</RequestID></Response>")));
        aws.stubFor(post(urlEqualTo("/listresources"))
                .atPriority(5)
                .willReturn(aResponse().withStatus(404).withBody("<!doctype html><title>404 Not Found</title>")));

        GroupUse idle = gateway.groupUse(ids(1)).get("sg-00000000");

        assertFalse(idle.unused(OWNER));
        String why = idle.sharingNotChecked(OWNER);
        assertTrue(why.startsWith("sharing not checked: DescribeSecurityGroupVpcAssociations failed"), why);
        assertTrue(
                why.contains("UnauthorizedOperation") && why.contains("AWS RAM ListResources answered HTTP 404"), why);
    }

    @Test
    void ramThrottledPastItsRetriesIsNotChecked() {
        ec2Answer(5, ASSOCIATIONS, associations("", null));
        ramAnswer(5, "", 400, "ThrottlingException", "{\"message\":\"Rate exceeded\"}");

        GroupUse idle = gateway.groupUse(ids(1)).get("sg-00000000");

        assertFalse(idle.unused(OWNER));
        assertTrue(idle.sharingNotChecked(OWNER).contains("ThrottlingException"), idle.sharingNotChecked(OWNER));
        assertEquals(4, bodies("/listresources", "").size(), "throttling is tried four times");
    }
}
