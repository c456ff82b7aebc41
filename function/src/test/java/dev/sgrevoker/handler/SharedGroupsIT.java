package dev.sgrevoker.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.sgrevoker.testing.Ec2Fixture.cidr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.testing.FaultProxy;
import dev.sgrevoker.testing.MotoTestBase;
import dev.sgrevoker.testing.ResultAssertions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Shared groups through the real handler against moto, with a stand-in for the two sharing lookups moto lacks
 * (DescribeSecurityGroupVpcAssociations, RAM ListResources): a group in a RAM share or associated with another VPC
 * is shared and never swept as unused; a lookup refused, or moto alone, leaves every idle group "sharing not checked".
 */
class SharedGroupsIT extends MotoTestBase {
    private static final String ACCOUNT = "123456789012";
    private static final String SHARE = "arn:aws:ram:us-east-1:" + ACCOUNT + ":resource-share/demo-share";
    private static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private String vpc;
    private String web;
    private String ramShared;
    private String associated;
    private String idle;
    private final Map<String, Map<String, String>> before = new java.util.HashMap<>();
    private final Map<String, String> ssh = new java.util.HashMap<>();
    private FaultProxy proxy;

    @BeforeEach
    void seed() {
        vpc = ec2.newVpc();
        web = ec2.group("web", vpc);
        ramShared = ec2.group("ram-shared", vpc);
        associated = ec2.group("associated", vpc);
        idle = ec2.group("idle", vpc);
        for (String g : List.of(web, ramShared, associated, idle)) {
            ec2.authorize(g, cidr("tcp", 22, 22, "0.0.0.0/0"));
            before.put(g, ec2.snapshot(g));
            ssh.put(g, ec2.ingressRuleId(g, "0.0.0.0/0", 22));
        }
        String subnet = ec2.client()
                .createSubnet(r -> r.vpcId(vpc).cidrBlock("10.20.1.0/24"))
                .subnet()
                .subnetId();
        ec2.client().createNetworkInterface(r -> r.subnetId(subnet).groups(web));
    }

    @AfterEach
    void stopProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private FaultProxy standIn(String ramAnswer, int ramStatus, String ramError) {
        proxy = FaultProxy.start(moto);
        proxy.routeEc2();
        proxy.routeRam();
        proxy.stub(FaultProxy.ec2("DescribeSecurityGroupVpcAssociations")
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody("<DescribeSecurityGroupVpcAssociationsResponse xmlns=\"" + NS + "\">"
                                + "<requestId>r</requestId><securityGroupVpcAssociationSet><item><groupId>"
                                + associated + "</groupId><vpcId>vpc-0other</vpcId><vpcOwnerId>222222222222"
                                + "</vpcOwnerId><state>associated</state></item></securityGroupVpcAssociationSet>"
                                + "</DescribeSecurityGroupVpcAssociationsResponse>")));
        var ram = aResponse().withStatus(ramStatus).withHeader("Content-Type", "application/json");
        if (ramError != null) {
            ram = ram.withHeader("x-amzn-ErrorType", ramError);
        }
        proxy.stub(FaultProxy.listResources().atPriority(1).willReturn(ram.withBody(ramAnswer)));
        return proxy;
    }

    private static String ramShares(String groupId) {
        return "{\"resources\":[{\"arn\":\"arn:aws:ec2:us-east-1:" + ACCOUNT + ":security-group/" + groupId
                + "\",\"type\":\"ec2:SecurityGroup\",\"resourceShareArn\":\"" + SHARE
                + "\",\"status\":\"AVAILABLE\"}]}";
    }

    private String sweep(String scope, boolean enforce) {
        return "{\"sweep\": {\"controls\": [\"EC2.13\"], \"scope\": {\"vpcIds\": [\"" + vpc + "\"]" + scope
                + "}, \"enforce\": " + enforce + "}}";
    }

    private JsonNode entryOf(JsonNode r, String groupId) {
        return ResultAssertions.entry(r, ssh.get(groupId));
    }

    private static List<String> revoked(JsonNode r) {
        List<String> groups = new ArrayList<>();
        r.path("permissions").forEach(e -> {
            if ("REVOKED".equals(e.path("outcome").asText())) {
                groups.add(e.path("groupId").asText());
            }
        });
        return groups;
    }

    private void assertUnchanged(String... groups) {
        for (String g : groups) {
            assertOnlyRemoved(g, before.get(g));
        }
    }

    @Test
    void aGroupInARamShareOrAssociatedWithAnotherVpcIsSharedAndAnInUseFalseSweepTakesOnlyTheIdleOne() {
        standIn(ramShares(ramShared), 200, null);

        JsonNode report = run(sweep("", false));
        JsonNode ram = entryOf(report, ramShared);
        assertTrue(ram.path("groupShared").asBoolean(), ram.toString());
        assertTrue(
                ram.path("groupSharedReason").asText().startsWith("shared through AWS RAM (" + SHARE + ")"),
                ram.toString());
        JsonNode vpcs = entryOf(report, associated);
        assertTrue(vpcs.path("groupShared").asBoolean(), vpcs.toString());
        assertTrue(
                vpcs.path("groupSharedReason")
                        .asText()
                        .startsWith("associated with vpc-0other of account 222222222222"),
                vpcs.toString());
        JsonNode unused = entryOf(report, idle);
        assertEquals(0, unused.path("interfacesUsingGroup").asInt(), unused.toString());
        assertFalse(unused.has("groupShared") || unused.has("groupSharingUnknown"), unused.toString());
        assertEquals(1, entryOf(report, web).path("interfacesUsingGroup").asInt());
        // Both lookups asked once for all the sweep's groups, RAM signed for RAM.
        List<String> asked = proxy.ec2Bodies("DescribeSecurityGroupVpcAssociations");
        assertEquals(1, asked.size(), asked.toString());
        assertEquals(
                List.of(web, ramShared, associated, idle).stream().sorted().toList(),
                FaultProxy.formList(asked.get(0), "Filter.1.Value").stream()
                        .sorted()
                        .toList());
        assertEquals(1, proxy.ramCalls().size());
        String ramBody = proxy.ramCalls().get(0).getBodyAsString();
        assertTrue(
                ramBody.contains("\"resourceOwner\":\"SELF\"") && ramBody.contains("\"ec2:SecurityGroup\""), ramBody);
        assertTrue(proxy.ramCalls().get(0).getHeader("Authorization").contains("/us-east-1/ram/aws4_request"));
        assertUnchanged(web, ramShared, associated, idle);

        JsonNode enforced = run(sweep(", \"inUse\": false", true));
        assertEquals(List.of(idle), revoked(enforced), enforced.toString());
        assertOnlyRemoved(idle, before.get(idle), ssh.get(idle));
        assertUnchanged(web, ramShared, associated);
    }

    @Test
    void aRefusedRamLookupMeansNoGroupIsUnusedAndTheEntrySaysWhy() {
        standIn("{\"message\":\"User is not authorized to perform: ram:ListResources\"}", 400, "AccessDeniedException");

        JsonNode report = run(sweep("", false));
        JsonNode unknown = entryOf(report, idle);
        assertFalse(unknown.has("groupShared"), unknown.toString());
        assertTrue(unknown.path("groupSharingUnknown").asBoolean(), unknown.toString());
        assertEquals(
                "sharing not checked: AWS RAM ListResources answered AccessDeniedException: User is not authorized to"
                        + " perform: ram:ListResources",
                unknown.path("groupSharingUnknownReason").asText());
        assertTrue(entryOf(report, associated).path("groupShared").asBoolean(), "the other lookup still tells");

        JsonNode enforced = run(sweep(", \"inUse\": false", true));
        assertEquals(List.of(), revoked(enforced), enforced.toString());
        assertUnchanged(web, ramShared, associated, idle);
    }

    @Test
    void againstMotoAloneNeitherLookupAnswersSoNothingIsCalledUnused() {
        JsonNode report = run(sweep("", false));
        String why = entryOf(report, idle).path("groupSharingUnknownReason").asText();
        assertTrue(why.startsWith("sharing not checked: DescribeSecurityGroupVpcAssociations failed"), why);
        assertTrue(why.contains("AWS RAM ListResources answered HTTP 404"), why);

        JsonNode enforced = run(sweep(", \"inUse\": false", true));
        assertEquals(List.of(), revoked(enforced), enforced.toString());
        assertUnchanged(web, ramShared, associated, idle);
    }
}
