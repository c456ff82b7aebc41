package dev.sgrevoker.revoke;

import dev.sgrevoker.policy.ProtectedGroups;
import java.util.Map;

/** What the engine refuses to do whatever a request asks, read once from configuration by the handler. */
public record Guards(ProtectedGroups protectedGroups) {
    /** Only the tag protects: what an engine built without configuration applies. */
    public static final Guards DEFAULT = new Guards(ProtectedGroups.TAG_ONLY);

    public static Guards fromEnvironment(Map<String, String> env) {
        return new Guards(ProtectedGroups.of(env.get(ProtectedGroups.PROTECTED_GROUP_IDS)));
    }
}
