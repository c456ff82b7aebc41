package dev.sgrevoker.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sgrevoker.policy.ProtectedGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** template-member.yaml: only the function's role may assume the member role, and it may only read and revoke. */
class MemberTemplateTest {
    @Test
    void theMemberRoleTrustsOnlyTheFunctionsRoleWithTheExternalId() throws Exception {
        Map<?, ?> role = role();
        List<?> trust = (List<?>) ((Map<?, ?>) role.get("AssumeRolePolicyDocument")).get("Statement");
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
    void theMemberRoleMayOnlyReadGroupsAndRevokeIngressAndNeverOnProtectedGroups() throws Exception {
        List<Map<?, ?>> statements = new ArrayList<>();
        for (Object policy : (List<?>) role().get("Policies")) {
            for (Object s : (List<?>) ((Map<?, ?>) ((Map<?, ?>) policy).get("PolicyDocument")).get("Statement")) {
                statements.add((Map<?, ?>) s);
            }
        }
        Set<String> allowed = new TreeSet<>();
        statements.stream().filter(s -> "Allow".equals(s.get("Effect"))).forEach(s -> {
            Object a = s.get("Action");
            if (a instanceof List<?> list) {
                list.forEach(x -> allowed.add(x.toString()));
            } else {
                allowed.add(a.toString());
            }
        });
        assertEquals(
                Set.of(
                        "ec2:DescribeSecurityGroupRules",
                        "ec2:DescribeSecurityGroups",
                        "ec2:RevokeSecurityGroupIngress"),
                allowed);
        Map<?, ?> deny = statements.stream()
                .filter(s -> "DenyRevokeOnProtectedGroups".equals(s.get("Sid")))
                .findFirst()
                .orElseThrow();
        assertEquals("Deny", deny.get("Effect"));
        assertEquals("ec2:RevokeSecurityGroupIngress", deny.get("Action"));
        assertEquals(
                Map.of("StringEqualsIgnoreCase", Map.of("aws:ResourceTag/" + ProtectedGroups.TAG_KEY, "true")),
                deny.get("Condition"));
    }

    @Test
    void theRoleNameDefaultIsWhatTheFunctionsStackIsToldToAssume() throws Exception {
        Map<String, Object> member = CfnYaml.template("template-member.yaml");
        Map<?, ?> parameters = (Map<?, ?>) member.get("Parameters");
        assertEquals("sg-revoker-member", ((Map<?, ?>) parameters.get("RoleName")).get("Default"));
        assertEquals(Map.of("Ref", "RoleName"), role().get("RoleName"));
    }

    private static Map<?, ?> role() throws Exception {
        Map<String, Object> member = CfnYaml.template("template-member.yaml");
        Map<?, ?> resource = (Map<?, ?>) ((Map<?, ?>) member.get("Resources")).get("MemberRole");
        assertEquals("AWS::IAM::Role", resource.get("Type"));
        return (Map<?, ?>) resource.get("Properties");
    }
}
