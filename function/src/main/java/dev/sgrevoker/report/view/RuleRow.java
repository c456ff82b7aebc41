package dev.sgrevoker.report.view;

import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.report.WireStrings;
import java.util.List;
import java.util.Map;

/**
 * One rule of a result or a plan, as a person reads it: where it is, what it allows, why it was chosen and what became
 * of it. A field the document does not carry is null (a plan line has no outcome; a skipped alert may have no rule).
 *
 * @param source a CIDR, a prefix list id, or {@code ACCOUNT/sg-…} for a referenced group
 * @param ruleTags the rule's own tags, in the document's order; null when the document has no image of the rule
 * @param because every check or alert that chose the rule
 * @param controls the id of each check that chose it (EC2.13, allowedSources …), each once
 * @param exemptUntil an ISO date, or {@code indefinite}, for an EXEMPT rule
 */
public record RuleRow(
        String account,
        String region,
        String vpcId,
        String groupId,
        String groupName,
        String ruleId,
        String direction,
        String protocol,
        Integer fromPort,
        Integer toPort,
        String source,
        String description,
        Map<String, String> ruleTags,
        List<String> because,
        List<String> controls,
        String outcome,
        String errorCode,
        String reason,
        String exemptUntil,
        GroupUse groupUse) {
    // The documented codes this view reads, as report/ writes them.
    private static final String DRY_RUN_OPERATION = WireStrings.errorCode(FailureCode.Ours.DRY_RUN_OPERATION);
    private static final String COMPLIES_WITH_POLICY = WireStrings.errorCode(FailureCode.Ours.COMPLIES_WITH_POLICY);

    public RuleRow {
        because = because == null ? List.of() : List.copyOf(because);
        controls = controls == null ? List.of() : List.copyOf(controls);
        groupUse = groupUse == null ? GroupUse.UNKNOWN : groupUse;
    }

    /** A rule an enforcing run would take away or did: chosen, and neither exempt nor gone nor judged compliant. */
    public boolean offending() {
        if (outcome == null) {
            return true; // a plan line
        }
        return switch (outcome) {
            case "EXEMPT", "NOT_FOUND" -> false;
            case "SKIPPED" -> !COMPLIES_WITH_POLICY.equals(errorCode);
            default -> true;
        };
    }

    /** The error code worth showing beside the outcome: none for a dry run, whose code is always DryRunOperation. */
    public String notableErrorCode() {
        return DRY_RUN_OPERATION.equals(errorCode) ? null : errorCode;
    }

    /** Whether the rule was not done as asked: FAILED, SKIPPED or NOT_FOUND, each with its reason. */
    public boolean notDone() {
        return "FAILED".equals(outcome) || "SKIPPED".equals(outcome) || "NOT_FOUND".equals(outcome);
    }

    /**
     * What the result says uses the rule's group: the network interfaces that have it (a count and up to five
     * examples), and why it is never called unused: shared with other accounts, or its sharing not checked.
     */
    public record GroupUse(
            Integer interfaces, List<InterfaceExample> examples, String sharedReason, String sharingUnknownReason) {
        public static final GroupUse UNKNOWN = new GroupUse(null, List.of(), null, null);

        public GroupUse {
            examples = examples == null ? List.of() : List.copyOf(examples);
        }

        public GroupUse(Integer interfaces, List<InterfaceExample> examples, String sharedReason) {
            this(interfaces, examples, sharedReason, null);
        }

        /** No interface uses it, it is not shared, and that was checked: revoking changes no traffic today. */
        public boolean unused() {
            return interfaces != null && interfaces == 0 && sharedReason == null && sharingUnknownReason == null;
        }

        public boolean shared() {
            return sharedReason != null;
        }

        public boolean known() {
            return interfaces != null || sharedReason != null;
        }
    }

    /** A network interface that has the group: a load balancer, RDS or Lambda shows in type, requester, description. */
    public record InterfaceExample(
            String interfaceId, String interfaceType, String instanceId, String requesterId, String description) {}
}
