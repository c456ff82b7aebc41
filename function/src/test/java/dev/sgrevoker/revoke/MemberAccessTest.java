package dev.sgrevoker.revoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reading MEMBER_ROLE_NAME and MEMBER_EXTERNAL_ID is config.FunctionConfigTest's; these are the record's own rules. */
class MemberAccessTest {
    @Test
    void emptyMeansNoMemberAccountsAndARoleNeedsItsExternalId() {
        assertFalse(MemberAccess.NONE.enabled());
        assertFalse(new MemberAccess(" ", null).enabled());
        assertThrows(IllegalArgumentException.class, () -> new MemberAccess("sg-revoker-member", " "));
        assertThrows(IllegalArgumentException.class, () -> new MemberAccess("role name with spaces", "x"));
    }

    @Test
    void theRoleArnIsTheNamedRoleInTheMemberAccount() {
        MemberAccess access = new MemberAccess("sg-revoker-member", "ext-123");
        assertTrue(access.enabled());
        assertEquals("arn:aws:iam::222222222222:role/sg-revoker-member", access.roleArn("aws", "222222222222"));
        assertEquals("arn:aws-cn:iam::222222222222:role/sg-revoker-member", access.roleArn("aws-cn", "222222222222"));
    }
}
