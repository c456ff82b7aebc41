package dev.sgrevoker.revoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MemberAccessTest {
    @Test
    void emptyMeansNoMemberAccountsAndARoleNeedsItsExternalId() {
        assertFalse(MemberAccess.fromEnvironment(Map.of()).enabled());
        assertFalse(
                MemberAccess.fromEnvironment(Map.of("MEMBER_ROLE_NAME", " ")).enabled());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> MemberAccess.fromEnvironment(Map.of("MEMBER_ROLE_NAME", "sg-revoker-member")));
        assertTrue(e.getMessage().contains("MEMBER_EXTERNAL_ID"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MemberAccess("role name with spaces", "x"));
    }

    @Test
    void theRoleArnIsTheNamedRoleInTheMemberAccount() {
        MemberAccess access = MemberAccess.fromEnvironment(
                Map.of("MEMBER_ROLE_NAME", "sg-revoker-member", "MEMBER_EXTERNAL_ID", "ext-123"));
        assertTrue(access.enabled());
        assertEquals("arn:aws:iam::222222222222:role/sg-revoker-member", access.roleArn("aws", "222222222222"));
        assertEquals("arn:aws-cn:iam::222222222222:role/sg-revoker-member", access.roleArn("aws-cn", "222222222222"));
    }
}
