package dev.sgrevoker.policy;

import dev.sgrevoker.model.DescribedRule;
import java.util.ArrayList;
import java.util.List;

/**
 * An ingress rule that breaks at least one check: every check it breaks, and whether an exemption keeps it.
 *
 * @param because the reason of each check the rule breaks, in the policy's order
 * @param exemption the exemption that holds, or why a tag found does not hold
 */
public record Verdict(DescribedRule rule, List<String> because, Exemptions.Status exemption) {
    public Verdict {
        because = List.copyOf(because);
        if (because.isEmpty()) {
            throw new IllegalArgumentException("a verdict names what the rule breaks");
        }
    }

    public boolean exempt() {
        return exemption.exempt();
    }

    /** The entry's {@code because}: every check, then any exemption tag that was found but does not hold. */
    public String becauseText() {
        List<String> parts = new ArrayList<>(because);
        parts.addAll(exemption.ignored());
        return String.join("; ", parts);
    }
}
