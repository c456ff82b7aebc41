package dev.sgrevoker.revoke;

import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.policy.BlastRadius;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a sweep cannot start in time: handed over, group by group, as requests of their own. */
final class Leftovers {
    private Leftovers() {}

    private record Part(String groupId, boolean dryRun) {}

    /**
     * Sends each group's pending rule ids (sweep selections) on as a request of its own, same dry-run flag;
     * {@code reserved}: the run admitted them already.
     */
    static void handOver(List<Pending> pending, BlastRadius limit, HandOver handOver, boolean reserved) {
        Map<Part, List<Pending>> parts = new LinkedHashMap<>();
        for (Pending p : pending) {
            if (p.requestedRuleId() == null) {
                // Only rule ids travel in a hand-over: anything else ends here, as any request out of time does.
                p.fail(FailureCode.Ours.TIME_BUDGET_EXHAUSTED, "not started: too little time left in this invocation");
            } else {
                parts.computeIfAbsent(new Part(p.groupId(), p.dryRun()), b -> new ArrayList<>())
                        .add(p);
            }
        }
        List<HandOver.Part> out = new ArrayList<>();
        parts.forEach((part, ps) -> out.add(new HandOver.Part(
                part.groupId(),
                part.dryRun(),
                limit.maxRevocations(),
                ps.stream().map(Pending::requestedRuleId).distinct().toList(),
                reserved)));
        if (out.isEmpty()) {
            return;
        }
        List<HandOver.Sent> sent = handOver.send(out);
        int i = 0;
        for (List<Pending> ps : parts.values()) {
            HandOver.Sent s = sent.get(i++);
            ps.forEach(p -> {
                if (s.ok()) {
                    p.handedOver(s.where());
                } else {
                    p.fail(s.code(), "not started in time, and the hand-over failed: " + s.error());
                }
            });
        }
    }
}
