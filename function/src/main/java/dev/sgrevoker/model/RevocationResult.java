package dev.sgrevoker.model;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Everything one invocation did: one outcome per requested permission, in request order. */
public record RevocationResult(String invocationId, InputForm inputForm, boolean dryRun, List<PermissionOutcome> permissions) {
    public RevocationResult {
        permissions = List.copyOf(permissions);
    }

    public Map<Outcome, Integer> counts() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        permissions.forEach(p -> counts.merge(p.outcome(), 1, Integer::sum));
        return counts;
    }
}
