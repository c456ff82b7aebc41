package dev.sgrevoker.revoke;

import dev.sgrevoker.model.DescribedRule;
import java.util.List;

/**
 * Told what is about to go, just before each revoke call, so the before-images are written down even if the
 * invocation dies before its result exists. The engine only calls it; where it writes is the caller's choice.
 */
@FunctionalInterface
public interface WriteAhead {
    WriteAhead NONE = (groupId, dryRun, rules) -> {};

    void aboutToRevoke(String groupId, boolean dryRun, List<DescribedRule> rules);
}
