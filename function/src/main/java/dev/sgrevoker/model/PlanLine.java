package dev.sgrevoker.model;

/** One rule of a reviewed plan, as a request to apply it names it: where, which group, which rule, which direction. */
public record PlanLine(String account, String region, String groupId, String ruleId, boolean egress) {
    @Override
    public String toString() {
        return account + "/" + region + "/" + groupId + "/" + ruleId + (egress ? " (egress)" : "");
    }
}
