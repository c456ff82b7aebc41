package dev.sgrevoker.intake.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.FieldPath;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountPolicyTest {
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:sg-revoker";

    @Test
    void learnsAccountAndRegionFromTheFunctionArn() {
        AccountPolicy p = AccountPolicy.forFunction(ARN + ":live", Set.of("210987654321", "999999999999"));
        assertEquals("123456789012", p.ownAccount());
        assertEquals("us-east-1", p.ownRegion());
        assertEquals(Set.of("210987654321", "999999999999"), p.allowedAccounts());
    }

    @Test
    void ownAccountAlwaysAllowedOthersOnlyWhenListed() {
        AccountPolicy p = AccountPolicy.forFunction(ARN, Set.of("210987654321"));
        assertTrue(p.allows("123456789012"));
        assertTrue(p.allows("210987654321"));
        assertEquals(false, p.allows("999999999999"));
        assertEquals(false, p.allows(null));
        p.checkEvent("210987654321", FieldPath.of("account"));
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class, () -> p.checkEvent("999999999999", FieldPath.of("account")));
        assertEquals("account", e.field());
        assertTrue(e.reason().contains("ALLOWED_ACCOUNT_IDS"), e.reason());
    }

    @Test
    void itemsElsewhereAreRefusedWithAReason() {
        AccountPolicy p = AccountPolicy.forFunction(ARN, Set.of());
        assertEquals(Optional.empty(), p.refusal("123456789012", "us-east-1"));
        assertEquals(Optional.empty(), p.refusal(null, null));
        assertTrue(p.refusal("999999999999", "us-east-1").orElseThrow().contains("account 999999999999"));
        assertTrue(p.refusal("123456789012", "eu-west-1").orElseThrow().contains("region eu-west-1"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "",
                "arn:aws:lambda:us-east-1:12345:function:f",
                "arn:aws:iam::123456789012:role/x",
                "arn:aws:lambda::123456789012:function:f",
                "sg-revoker"
            })
    void failsClosedWithoutAFunctionArn(String arn) {
        assertThrows(IllegalArgumentException.class, () -> AccountPolicy.forFunction(arn, Set.of()));
    }
}
