package dev.sgrevoker.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sgrevoker.model.GroupFacts;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProtectedGroupsTest {
    private static GroupFacts group(String id, Map<String, String> tags) {
        return new GroupFacts(id, "g", "vpc-1", "123456789012", tags);
    }

    @Test
    void theTagProtectsWhateverTheCaseOfItsValue() {
        ProtectedGroups none = ProtectedGroups.TAG_ONLY;
        assertTrue(none.reason(group("sg-0a", Map.of("sg-revoker:protected", "TRUE")))
                .isPresent());
        assertTrue(none.reason(group("sg-0a", Map.of("sg-revoker:protected", "true")))
                .isPresent());
        assertEquals(Optional.empty(), none.reason(group("sg-0a", Map.of("sg-revoker:protected", "yes"))));
        assertEquals(Optional.empty(), none.reason(group("sg-0a", Map.of("Sg-Revoker:Protected", "true"))));
        assertEquals(Optional.empty(), none.reason(group("sg-0a", Map.of())));
    }

    @Test
    void aListedGroupIsProtectedAndTheReasonNamesWhereItWasListed() {
        ProtectedGroups listed = new ProtectedGroups(Set.of("sg-0a"), "PROTECTED_GROUP_IDS");
        assertEquals(
                Optional.of("sg-0a is listed in PROTECTED_GROUP_IDS: it is never revoked from"),
                listed.reason(group("sg-0a", Map.of())));
        assertEquals(Optional.empty(), listed.reason(group("sg-0b", Map.of())));
    }
}
