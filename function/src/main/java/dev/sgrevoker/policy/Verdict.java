package dev.sgrevoker.policy;

import dev.sgrevoker.model.AlertLink;
import dev.sgrevoker.model.DescribedRule;
import java.util.ArrayList;
import java.util.List;

/**
 * An ingress rule that breaks at least one check: every check it breaks, and whether an exemption keeps it.
 *
 * @param because the reason of each check the rule breaks, in the policy's order
 * @param controls the id of each check the rule breaks (EC2.13, allowedSources …), in the same order, each once
 * @param exemption the exemption that holds, or why a tag found does not hold
 */
public record Verdict(DescribedRule rule, List<String> because, List<String> controls, Exemptions.Status exemption) {
    public Verdict {
        because = List.copyOf(because);
        controls = List.copyOf(controls);
        if (because.isEmpty()) {
            throw new IllegalArgumentException("a verdict names what the rule breaks");
        }
    }

    public boolean exempt() {
        return exemption.exempt();
    }

    /** What links the rule to the checks that selected it, as values: their reasons and their ids. */
    public AlertLink link() {
        return AlertLink.selectedBy(because, controls);
    }

    /** The entry's {@code because}: every check, then any exemption tag that was found but does not hold. */
    public String becauseText() {
        List<String> parts = new ArrayList<>(because);
        parts.addAll(exemption.ignored());
        return String.join("; ", parts);
    }
}
