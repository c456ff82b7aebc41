package dev.sgrevoker.deploy;

import static dev.sgrevoker.deploy.Cfn.ifBranches;
import static dev.sgrevoker.deploy.Cfn.props;
import static dev.sgrevoker.deploy.Cfn.statement;
import static dev.sgrevoker.deploy.Cfn.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sgrevoker.policy.ProtectedGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * template-member.yaml: only the function's role may assume the member role, which may only read and revoke, in the
 * function's regions; the forwarding role may only put the two forwarded alert kinds on the administrator's bus.
 */
class MemberTemplateTest {
    private static final String REVOKE = TemplateGuardsTest.REVOKE;
    private static final String REVOKE_EGRESS = TemplateGuardsTest.REVOKE_EGRESS;
    /** The function's region: HomeRegion when given, else the region this (global) stack is deployed in. */
    private static final Map<?, ?> HOME =
            Map.of("Fn::If", List.of("HomeRegionGiven", Map.of("Ref", "HomeRegion"), Map.of("Ref", "AWS::Region")));

    private Map<String, Object> member;

    @BeforeEach
    void read() throws Exception {
        member = CfnYaml.template("template-member.yaml");
    }

    @Test
    void theMemberRoleTrustsOnlyTheFunctionsRoleWithTheExternalId() {
        List<?> trust = (List<?>) ((Map<?, ?>) role().get("AssumeRolePolicyDocument")).get("Statement");
        assertEquals(1, trust.size());
        Map<?, ?> only = (Map<?, ?>) trust.get(0);
        assertEquals("Allow", only.get("Effect"));
        assertEquals("sts:AssumeRole", only.get("Action"));
        assertEquals(
                Map.of(
                        "ArnEquals", Map.of("aws:PrincipalArn", Map.of("Ref", "FunctionRoleArn")),
                        "StringEquals", Map.of("sts:ExternalId", Map.of("Ref", "ExternalId"))),
                only.get("Condition"));
    }

    @Test
    void theMemberRoleMayOnlyReadGroupsAndRevokeAndNeverOnProtectedGroups() {
        Set<String> allowed = new TreeSet<>();
        statements().stream()
                .filter(s -> "Allow".equals(s.get("Effect")))
                .forEach(s -> allowed.addAll(strings(s.get("Action"))));
        assertEquals(
                Set.of(
                        "ec2:DescribeNetworkInterfaces",
                        "ec2:DescribeSecurityGroupVpcAssociations",
                        "ram:ListResources",
                        "ec2:DescribeSecurityGroupRules",
                        "ec2:DescribeSecurityGroups",
                        REVOKE,
                        REVOKE_EGRESS),
                allowed);
        Map<String, Object> deny = statement(statements(), "DenyRevokeOnProtectedGroups");
        assertEquals("Deny", deny.get("Effect"));
        assertEquals(List.of(REVOKE, REVOKE_EGRESS), deny.get("Action"));
        assertEquals(
                Map.of("StringEqualsIgnoreCase", Map.of("aws:ResourceTag/" + ProtectedGroups.TAG_KEY, "true")),
                deny.get("Condition"));
    }

    @Test
    void egressMayBeRevokedOnlyWithDefaultGroupEgressRevoke() {
        for (Object raw : rawStatements()) {
            boolean egress = Cfn.unwrap(List.of(raw)).stream()
                    .anyMatch(s -> "Allow".equals(s.get("Effect"))
                            && strings(s.get("Action")).contains(REVOKE_EGRESS));
            if (egress) {
                assertEquals("RevokeDefaultGroupEgress", ifBranches(raw).get(0));
                assertEquals(Map.of("Ref", "AWS::NoValue"), ifBranches(raw).get(2));
            }
        }
        assertEquals("keep", Cfn.parameter(member, "DefaultGroupEgress").get("Default"));
        List<Map<String, Object>> denies = statements().stream()
                .filter(s -> "Deny".equals(s.get("Effect")))
                .toList();
        assertEquals(3, denies.size(), "protected groups, other accounts, other regions");
        denies.forEach(d -> assertEquals(List.of(REVOKE, REVOKE_EGRESS), d.get("Action"), d::toString));
    }

    @Test
    void theMemberRoleRevokesOnlyInTheFunctionsRegions() {
        Map<String, Object> deny = statement(statements(), "DenyRevokeInOtherRegions");
        Object regions =
                ((Map<?, ?>) ((Map<?, ?>) deny.get("Condition")).get("StringNotEquals")).get("aws:RequestedRegion");
        List<?> branches = ifBranches(regions);
        assertEquals("ActInOtherRegions", branches.get(0));
        assertEquals(List.of(HOME), branches.get(2));
        Map<?, ?> sub = (Map<?, ?>) ((List<?>) ((Map<?, ?>) branches.get(1)).get("Fn::Split")).get(1);
        List<?> subArgs = (List<?>) sub.get("Fn::Sub");
        assertEquals("${Home},${AllowedRegions}", subArgs.get(0));
        assertEquals(Map.of("Home", HOME), subArgs.get(1));
        assertEquals(
                Map.of("StringNotEquals", Map.of("aws:ResourceAccount", Map.of("Ref", "AWS::AccountId"))),
                statement(statements(), "DenyRevokeInOtherAccounts").get("Condition"));
    }

    @Test
    void theForwardingRoleIsOptionalAndMayOnlyPutTheForwardedAlertsOnTheAdministratorsBus() {
        Map<String, Object> resource = Cfn.resource(member, "ForwardingRole");
        assertEquals("MakeForwardingRole", resource.get("Condition"));
        assertEquals("false", Cfn.parameter(member, "ForwardAlerts").get("Default"));
        Map<String, Object> role = props(resource);
        Map<String, Object> trust =
                statement(Cfn.statements(role.get("AssumeRolePolicyDocument")), "ThisAccountsEventBridgeRules");
        assertEquals(Map.of("Service", "events.amazonaws.com"), trust.get("Principal"));
        assertEquals(
                Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))),
                trust.get("Condition"));
        List<Map<String, Object>> allowed = new ArrayList<>();
        for (Object policy : (List<?>) role.get("Policies")) {
            allowed.addAll(Cfn.statements(((Map<?, ?>) policy).get("PolicyDocument")));
        }
        assertEquals(1, allowed.size());
        Map<String, Object> put = allowed.get(0);
        assertEquals("events:PutEvents", put.get("Action"));
        // The administrator's default bus in the function's home region: the account of FunctionRoleArn.
        List<?> bus = (List<?>) ((Map<?, ?>) put.get("Resource")).get("Fn::Sub");
        assertEquals("arn:${AWS::Partition}:events:${Home}:${AdministratorAccount}:event-bus/default", bus.get(0));
        assertEquals(
                Map.of(
                        "Home",
                        HOME,
                        "AdministratorAccount",
                        Map.of(
                                "Fn::Select",
                                List.of(4, Map.of("Fn::Split", List.of(":", Map.of("Ref", "FunctionRoleArn")))))),
                bus.get(1));
        assertEquals(
                Map.of(
                        "StringEquals",
                        Map.of(
                                "events:source", List.of("aws.ec2", "aws.config"),
                                "events:detail-type",
                                        List.of("AWS API Call via CloudTrail", "Config Rules Compliance Change"))),
                put.get("Condition"));
    }

    @Test
    void theRoleNameDefaultIsWhatTheFunctionsStackIsToldToAssume() {
        assertEquals("sg-revoker-member", Cfn.parameter(member, "RoleName").get("Default"));
        assertEquals(Map.of("Ref", "RoleName"), role().get("RoleName"));
    }

    private Map<String, Object> role() {
        Map<String, Object> resource = Cfn.resource(member, "MemberRole");
        assertEquals("AWS::IAM::Role", resource.get("Type"));
        return props(resource);
    }

    private List<Object> rawStatements() {
        List<Object> out = new ArrayList<>();
        for (Object policy : (List<?>) role().get("Policies")) {
            out.addAll((List<?>) ((Map<?, ?>) ((Map<?, ?>) policy).get("PolicyDocument")).get("Statement"));
        }
        return out;
    }

    private List<Map<String, Object>> statements() {
        return Cfn.unwrap(rawStatements());
    }
}
