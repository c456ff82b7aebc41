package dev.sgrevoker.model;

/** One thing a request asks to revoke: a rule described by its properties, a rule id, or a selection over the group's rules. */
public sealed interface Requested {
    record ByPermission(Permission permission) implements Requested {}

    /**
     * A security group rule id ({@code sgr-…}); it must be an ingress rule of the request's group. {@code because} is
     * set when a policy (a sweep) selected it: it names why, and exemption tags then apply as for alerts. {@code planned}
     * is the rule as a reviewed plan recorded it: the rule is revoked only if EC2 still describes it so, else SKIPPED
     * Drifted. {@code link} is what links it to the checks that selected it (a sweep's), else {@code because} alone.
     */
    record ByRuleId(String ruleId, String because, AlertLink link, DescribedRule planned) implements Requested {
        public ByRuleId {
            link = link == null ? AlertLink.selectedFor(because) : link;
        }

        public ByRuleId(String ruleId) {
            this(ruleId, null, null, null);
        }

        public ByRuleId(String ruleId, String because) {
            this(ruleId, because, null, null);
        }

        public ByRuleId(String ruleId, String because, DescribedRule planned) {
            this(ruleId, because, null, planned);
        }

        public boolean selectedByPolicy() {
            return because != null;
        }
    }

    /**
     * The group's current ingress rules that {@code selection} chooses, decided after describing the group (alerts name
     * the offence, not the rules). {@code control} is the control the alert is about (EC2.13 …); {@code why} says
     * which alert asked, for the result.
     */
    record BySelection(String control, Selection selection, String why) implements Requested {}
}
