package dev.sgrevoker.revoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.Cidr;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.GroupSharing;
import dev.sgrevoker.model.GroupUse;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Protocol;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.report.ResultEntry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupUsersTest {
    private static final String OWNER = "111122223333";
    private static final GroupFacts WEB = new GroupFacts("sg-0000000000000000a", "web", "vpc-1", OWNER, Map.of());
    private static final GroupFacts SHARED = new GroupFacts("sg-0000000000000000b", "shared", "vpc-1", OWNER, Map.of());
    private static final GroupFacts IDLE = new GroupFacts("sg-0000000000000000c", "idle", "vpc-1", OWNER, Map.of());

    private static PermissionOutcome selected(GroupFacts group, String ruleId) {
        var rule = new DescribedRule(
                ruleId,
                group.groupId(),
                false,
                new Permission(
                        Protocol.TCP,
                        new PortRange(22, 22),
                        new RuleSource.Ipv4Range(Cidr.ipv4("0.0.0.0/0", "t")),
                        "ssh & more <b>"),
                Map.of());
        var subject = PermissionOutcome.Subject.ofRule(AccountRegion.OWN, group, rule, "EC2.13")
                .asDryRun(true);
        return PermissionOutcome.dryRun(subject, List.of(rule), "dry run: allowed");
    }

    private static InMemoryEc2 ec2() {
        InMemoryEc2 ec2 = new InMemoryEc2();
        ec2.interfaces.put(
                WEB.groupId(),
                new GroupUse(
                        2,
                        List.of(new GroupUse.InterfaceExample(
                                "eni-1", "network_load_balancer", null, "amazon-elb", "ELB net/shop/1")),
                        Set.of(OWNER)));
        ec2.interfaces.put(SHARED.groupId(), new GroupUse(1, List.of(), Set.of("999988887777")));
        ec2.interfaces.put(IDLE.groupId(), GroupUse.NONE);
        return ec2;
    }

    @Test
    void everySelectedRulesGroupIsLookedUpOnceAndItsEntrySaysWhatUsesIt() {
        InMemoryEc2 ec2 = ec2();
        var asked = PermissionOutcome.notFound(
                PermissionOutcome.Subject.inGroup(AccountRegion.OWN, WEB.groupId(), null), "gone");
        List<PermissionOutcome> out = new GroupUsers(Ec2Gateways.ownOnly(ec2))
                .addTo(List.of(
                        selected(WEB, "sgr-1"),
                        selected(WEB, "sgr-2"),
                        selected(SHARED, "sgr-3"),
                        selected(IDLE, "sgr-4"),
                        asked));

        assertEquals(List.of("interfaces sg-0000000000000000a,sg-0000000000000000b,sg-0000000000000000c"), ec2.calls);
        assertSame(asked, out.get(4), "a rule nobody selected by policy is not looked up");

        ObjectNode web = ResultEntry.of(out.get(0));
        assertEquals(2, web.get("interfacesUsingGroup").asInt());
        assertEquals(
                "network_load_balancer",
                web.at("/interfaceExamples/0/interfaceType").asText());
        assertFalse(web.has("groupShared"));

        ObjectNode shared = ResultEntry.of(out.get(2));
        assertTrue(shared.get("groupShared").asBoolean());
        assertTrue(shared.get("groupSharedReason").asText().contains("999988887777"), shared.toString());

        ObjectNode idle = ResultEntry.of(out.get(3));
        assertEquals(0, idle.get("interfacesUsingGroup").asInt());
        assertTrue(out.get(3).subject().use().unused(OWNER));
    }

    @Test
    void aGroupInARamShareOrWhoseSharingWasNotCheckedIsNeverCalledUnusedAndItsEntrySaysWhy() {
        InMemoryEc2 ec2 = ec2();
        ec2.interfaces.put(
                IDLE.groupId(),
                GroupUse.NONE.withSharing(GroupSharing.checked(List.of("shared through AWS RAM (arn:share/1)"))));
        ec2.interfaces.put(
                WEB.groupId(),
                GroupUse.NONE.withSharing(
                        new GroupSharing(List.of(), "sharing not checked: AWS RAM ListResources answered 404")));
        List<PermissionOutcome> out = new GroupUsers(Ec2Gateways.ownOnly(ec2))
                .addTo(List.of(selected(IDLE, "sgr-4"), selected(WEB, "sgr-1")));

        ObjectNode ram = ResultEntry.of(out.get(0));
        assertFalse(out.get(0).subject().use().unused(OWNER));
        assertTrue(ram.get("groupShared").asBoolean());
        assertTrue(
                ram.get("groupSharedReason").asText().startsWith("shared through AWS RAM (arn:share/1)"),
                ram.toString());
        assertFalse(ram.has("groupSharingUnknown"));

        ObjectNode unknown = ResultEntry.of(out.get(1));
        assertFalse(out.get(1).subject().use().unused(OWNER));
        assertEquals(0, unknown.get("interfacesUsingGroup").asInt());
        assertFalse(unknown.has("groupShared"));
        assertTrue(unknown.get("groupSharingUnknown").asBoolean());
        assertEquals(
                "sharing not checked: AWS RAM ListResources answered 404",
                unknown.get("groupSharingUnknownReason").asText());
        assertEquals(
                Set.of(),
                GroupUsers.unused(
                        Map.of(
                                IDLE.groupId(),
                                out.get(0).subject().use(),
                                WEB.groupId(),
                                out.get(1).subject().use()),
                        Map.of(IDLE.groupId(), OWNER, WEB.groupId(), OWNER)));
    }

    @Test
    void aLookupThatFailsLeavesTheEntriesWithoutAUseRatherThanAWrongOne() {
        InMemoryEc2 ec2 = ec2();
        ec2.failInterfaces = new Ec2CallFailed(InMemoryEc2.UNAUTHORIZED, "not allowed");
        List<PermissionOutcome> out = new GroupUsers(Ec2Gateways.ownOnly(ec2)).addTo(List.of(selected(IDLE, "sgr-4")));
        assertNull(out.get(0).subject().use());
        assertFalse(ResultEntry.of(out.get(0)).has("interfacesUsingGroup"));
    }
}
