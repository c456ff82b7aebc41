package dev.sgrevoker.revoke;

import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.PermissionOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * What the engine did: one outcome per requested or selected permission, in order, and the VPC default groups'
 * egress rules EC2.2 judged but DEFAULT_GROUP_EGRESS=keep left alone (not selected, so no entry: the result counts
 * them, since the control keeps failing while they remain).
 */
public record Revocations(List<PermissionOutcome> outcomes, List<DescribedRule> egressKept) {
    public Revocations {
        outcomes = List.copyOf(outcomes);
        egressKept = List.copyOf(egressKept);
    }

    static Revocations of(List<PermissionOutcome> outcomes) {
        return new Revocations(outcomes, List.of());
    }

    /** This, then {@code more}: two accounts' or regions' revocations as one. */
    Revocations and(Revocations more) {
        List<PermissionOutcome> all = new ArrayList<>(outcomes);
        all.addAll(more.outcomes);
        List<DescribedRule> kept = new ArrayList<>(egressKept);
        kept.addAll(more.egressKept);
        return new Revocations(all, kept);
    }
}
