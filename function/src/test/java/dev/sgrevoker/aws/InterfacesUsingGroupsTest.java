package dev.sgrevoker.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sgrevoker.model.GroupSharing;
import dev.sgrevoker.model.GroupUse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * What uses a group, over EC2's real paging and filter limits (WireMock plays EC2): at most 200 group ids a call,
 * every page followed, an interface counted once per group it has, five examples kept, owners seen.
 */
class InterfacesUsingGroupsTest {
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

    private static String ni(String id, String owner, String type, String instance, String... groups) {
        StringBuilder g = new StringBuilder();
        for (String group : groups) {
            g.append("<item><groupId>").append(group).append("</groupId><groupName>n</groupName></item>");
        }
        return "<item><networkInterfaceId>" + id + "</networkInterfaceId><ownerId>" + owner + "</ownerId>"
                + "<interfaceType>" + type + "</interfaceType><description>desc &lt;b&gt; " + id + "</description>"
                + (instance == null ? "" : "<attachment><instanceId>" + instance + "</instanceId></attachment>")
                + "<groupSet>" + g + "</groupSet></item>";
    }

    private static String page(String items, String next) {
        return "<DescribeNetworkInterfacesResponse xmlns=\"" + NS + "\"><requestId>r</requestId>"
                + "<networkInterfaceSet>" + items + "</networkInterfaceSet>"
                + (next == null ? "" : "<nextToken>" + next + "</nextToken>") + "</DescribeNetworkInterfacesResponse>";
    }

    private void answer(int priority, String bodyPart, String xml) {
        ec2.stubFor(post(anyUrl())
                .atPriority(priority)
                .withRequestBody(containing(bodyPart))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(xml)));
    }

    /** The calls in the order they were made (WireMock lists the latest first). */
    private List<String> calls() {
        List<String> calls = new ArrayList<>(ec2.getAllServeEvents().stream()
                .map(e -> e.getRequest())
                .map(LoggedRequest::getBodyAsString)
                .filter(b -> b.contains("Action=DescribeNetworkInterfaces"))
                .toList());
        java.util.Collections.reverse(calls);
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

    @Test
    void twoHundredGroupIdsACallAndEveryPageFollowed() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            ids.add("sg-%08x".formatted(i));
        }
        // The first call's first page names a next token; its second page and the second call end.
        answer(
                5,
                "Action=DescribeNetworkInterfaces",
                page(
                        ni("eni-1", "111111111111", "interface", "i-1", "sg-00000000", "sg-00000001")
                                + ni("eni-2", "111111111111", "network_load_balancer", null, "sg-00000000"),
                        "page-2"));
        answer(
                1,
                "NextToken=page-2",
                page(ni("eni-3", "222222222222", "interface", "i-3", "sg-00000000", "sg-00000000"), null));
        answer(1, "sg-000000c8", page(ni("eni-4", "111111111111", "lambda", null, "sg-000000f9"), null));

        Map<String, GroupUse> use = gateway.groupUse(ids);

        List<String> calls = calls();
        assertEquals(3, calls.size(), "two filter chunks, the first in two pages");
        assertEquals(200, filterValues(calls.get(0)));
        assertTrue(calls.get(1).contains("NextToken=page-2"), calls.get(1));
        assertEquals(50, filterValues(calls.get(2)));
        calls.forEach(b -> assertTrue(b.contains("Filter.1.Name=group-id") && b.contains("MaxResults=1000"), b));

        assertEquals(250, use.size(), "every group asked is answered, an unused one with 0");
        GroupUse first = use.get("sg-00000000");
        assertEquals(3, first.interfaces(), "eni-3 names the group twice and counts once");
        assertEquals(Set.of("111111111111", "222222222222"), first.interfaceOwners());
        assertEquals("network_load_balancer", first.examples().get(1).interfaceType());
        assertEquals("i-1", first.examples().get(0).instanceId());
        assertNull(first.examples().get(1).instanceId());
        assertEquals("desc <b> eni-2", first.examples().get(1).description());
        assertEquals(1, use.get("sg-00000001").interfaces());
        assertEquals(1, use.get("sg-000000f9").interfaces());
        assertEquals(0, use.get("sg-00000002").interfaces());
        assertFalse(use.get("sg-00000002").unused("111111111111"), "no RAM here: its sharing is not checked");
        assertTrue(use.get("sg-00000002").sharingNotChecked("111111111111").startsWith("sharing not checked: "));
        assertTrue(use.get("sg-00000002").withSharing(GroupSharing.NOT_SHARED).unused("111111111111"));
        assertFalse(use.get("sg-00000001").unused("111111111111"));
    }

    @Test
    void atMostFiveExamplesAndAnotherAccountsInterfaceMakesTheGroupShared() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            items.append(ni("eni-" + i, "111111111111", "interface", "i-" + i, "sg-0000000a"));
        }
        answer(5, "Action=DescribeNetworkInterfaces", page(items.toString(), null));
        GroupUse used = gateway.groupUse(List.of("sg-0000000a")).get("sg-0000000a");
        assertEquals(7, used.interfaces());
        assertEquals(5, used.examples().size());
        assertNull(used.sharedBecause("111111111111"), "its own account's interfaces only");
        assertTrue(used.sharedBecause("999999999999").contains("111111111111"));
        GroupUse noneSeenHere = new GroupUse(0, List.of(), Set.of());
        assertFalse(noneSeenHere.unused("111111111111"), "interfaces alone never make a group unused");
        assertTrue(noneSeenHere.withSharing(GroupSharing.NOT_SHARED).unused("111111111111"));
    }
}
