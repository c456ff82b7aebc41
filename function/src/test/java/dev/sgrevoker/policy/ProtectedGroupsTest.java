package dev.sgrevoker.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        ProtectedGroups none = ProtectedGroups.of(null);
        assertTrue(none.reason(group("sg-0a", Map.of("sg-revoker:protected", "TRUE")))
                .isPresent());
        assertTrue(none.reason(group("sg-0a", Map.of("sg-revoker:protected", "true")))
                .isPresent());
        assertEquals(Optional.empty(), none.reason(group("sg-0a", Map.of("sg-revoker:protected", "yes"))));
        assertEquals(Optional.empty(), none.reason(group("sg-0a", Map.of("Sg-Revoker:Protected", "true"))));
        assertEquals(Optional.empty(), none.reason(group("sg-0a", Map.of())));
    }

    @Test
    void theListIsIdsAndNothingElse() {
        assertEquals(
                Set.of("sg-0123456789abcdef0", "sg-12345678"),
                ProtectedGroups.of(" sg-0123456789abcdef0,,sg-12345678 ").groupIds());
        assertEquals(Set.of(), ProtectedGroups.of("  ").groupIds());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ProtectedGroups.of("sg-0123456789abcdef0,web"));
        assertTrue(e.getMessage().contains("PROTECTED_GROUP_IDS: 'web'"), e.getMessage());
    }
}
