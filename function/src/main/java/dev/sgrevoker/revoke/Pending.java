package dev.sgrevoker.revoke;

import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.AlertLink;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.RuleSource;
import dev.sgrevoker.policy.Exemptions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One requested permission on its way through revocation, owned by the engine. Every change is a transition below;
 * it ends with exactly one outcome, and a second outcome is a bug, so it throws.
 */
final class Pending {
    private final Requested requested;
    private final boolean dryRun;
    private final AccountRegion where;
    private final String groupId;
    private final String groupName;
    private String because;
    /** The checks that selected it (each one's reason and id): what links it to the alert that chose it. */
    private AlertLink link;
    /** A CloudTrail revert in policy mode: revoked only where the rule breaks the revert policy. */
    private boolean revertJudged;

    private Permission permission;
    /** The rule it names or matched is an egress rule (a default group's, for EC2.2). */
    private boolean egress;

    private GroupFacts group;
    /** The matched rules as EC2 described them before the revoke, by id: the before-images. */
    private final Map<String, DescribedRule> matched = new LinkedHashMap<>();

    private Outcome outcome;
    private FailureCode code;
    private String reason;
    private LocalDate exemptUntil;

    Pending(Requested requested, boolean dryRun, AccountRegion where, String groupId, String groupName) {
        this(requested, dryRun, where, groupId, groupName, becauseOf(requested));
    }

    private Pending(
            Requested requested,
            boolean dryRun,
            AccountRegion where,
            String groupId,
            String groupName,
            String because) {
        this.requested = requested;
        this.dryRun = dryRun;
        this.where = where;
        this.groupId = groupId;
        this.groupName = groupName;
        this.because = because;
        this.link = linkOf(requested, because);
        this.permission = requested instanceof Requested.ByPermission p ? p.permission() : null;
    }

    private static AlertLink linkOf(Requested requested, String because) {
        return switch (requested) {
            case Requested.BySelection s -> AlertLink.selectedBy(List.of(s.why()), List.of(s.control()));
            case Requested.ByRuleId r -> r.link();
            case Requested.ByPermission p -> AlertLink.selectedFor(because);
        };
    }

    private static String becauseOf(Requested requested) {
        return switch (requested) {
            case Requested.BySelection s -> s.why();
            case Requested.ByRuleId r -> r.because();
            case Requested.ByPermission p -> null;
        };
    }

    /** One rule an alert's selection chose: pending by its id, already matched to the rule EC2 described. */
    Pending chosen(DescribedRule rule, AlertLink by, String why) {
        Pending p = new Pending(new Requested.ByRuleId(rule.ruleId()), dryRun, where, groupId, groupName, why);
        p.link = by;
        p.group = group;
        p.match(rule);
        return p;
    }

    /** Chosen by a policy (an alert's selection or a sweep): exemption tags apply to it. */
    boolean selectedByPolicy() {
        return because != null;
    }

    String because() {
        return because;
    }

    boolean revertJudged() {
        return revertJudged;
    }

    /** A CloudTrail revert in policy mode: it is revoked only if its rule breaks the revert policy. */
    void judgeAsRevert() {
        revertJudged = true;
    }

    /** The revert policy selected the added rule: the reasons go into the record. */
    void selectedBecause(AlertLink by, String why) {
        link = by;
        because = why;
    }

    Requested requested() {
        return requested;
    }

    boolean dryRun() {
        return dryRun;
    }

    boolean egress() {
        return egress;
    }

    String groupId() {
        return groupId;
    }

    Permission permission() {
        return permission;
    }

    String requestedRuleId() {
        return requested instanceof Requested.ByRuleId r ? r.ruleId() : null;
    }

    /** The rules matched so far, as EC2 described them. */
    List<DescribedRule> matchedRules() {
        return List.copyOf(matched.values());
    }

    List<String> ruleIds() {
        return List.copyOf(matched.keySet());
    }

    /** The matched rules as EC2 described them before the revoke. */
    List<DescribedRule> images() {
        return List.copyOf(matched.values());
    }

    boolean settled() {
        return outcome != null;
    }

    /** Matched to rules and waiting for the revoke (or its confirmation). */
    boolean awaitingRevoke() {
        return !settled() && !matched.isEmpty();
    }

    /** EC2 described the group: its facts go into the record. */
    void described(GroupFacts facts) {
        this.group = facts;
    }

    /** A source group given by name resolved to its id. */
    void resolveSource(RuleSource.GroupReference resolved) {
        permission = permission.withSource(resolved);
    }

    /** A current rule of the group is (part of) what was asked: it will be revoked by id, its image kept. */
    void match(DescribedRule rule) {
        if (requested instanceof Requested.ByRuleId || permission == null) {
            permission = rule.permission();
        }
        egress = rule.egress();
        matched.put(rule.ruleId(), rule);
    }

    /** The rule id named a rule of the group, but not one that may be revoked: reported with what it is. */
    void refuseRule(DescribedRule rule, FailureCode code, String why) {
        permission = rule.permission();
        egress = rule.egress();
        fail(code, why);
    }

    /** The rule id named a rule that may not be touched (a protected group's): skipped, reported with what it is. */
    void skipRule(DescribedRule rule, FailureCode code, String why) {
        permission = rule.permission();
        egress = rule.egress();
        skip(code, why);
    }

    void revoked(String note) {
        settle(Outcome.REVOKED, null, note);
    }

    void dryRunAllowed() {
        settle(
                Outcome.DRY_RUN,
                FailureCode.Ours.DRY_RUN_OPERATION,
                "dry run: EC2 says the revoke would have been allowed");
    }

    void notFound(String why) {
        settle(Outcome.NOT_FOUND, null, why);
    }

    void skip(FailureCode code, String why) {
        settle(Outcome.SKIPPED, code, why);
    }

    /** Selected by a policy, but an exemption tag keeps it (until its last day). */
    void exempt(Exemptions.Status exemption) {
        settle(Outcome.EXEMPT, null, exemption.because());
        exemptUntil = exemption.until();
    }

    /** Not started in this invocation: sent, with the group's other selected rules, as a request of its own. */
    void handedOver(String where) {
        settle(
                Outcome.SKIPPED,
                FailureCode.Ours.HANDED_OVER,
                "not enough time left in this invocation: handed over to " + where
                        + "; that message's result reports what became of the rule");
    }

    void fail(FailureCode code, String why) {
        settle(Outcome.FAILED, code, why);
    }

    /** Fails it unless it already ended: for errors that reach every pending permission of a call. */
    void failIfOpen(FailureCode code, String why) {
        if (!settled()) {
            fail(code, why);
        }
    }

    private void settle(Outcome outcome, FailureCode code, String reason) {
        if (this.outcome != null) {
            throw new IllegalStateException("a permission of " + groupId + " ended twice: " + this.outcome + " ("
                    + this.reason + "), then " + outcome + " (" + reason + ")");
        }
        this.outcome = outcome;
        this.code = code;
        this.reason = reason;
    }

    PermissionOutcome toOutcome() {
        if (outcome == null) {
            throw new IllegalStateException("a requested permission was left without an outcome");
        }
        String ruleId = matched.isEmpty() ? requestedRuleId() : String.join(",", matched.keySet());
        var subject = PermissionOutcome.Subject.inGroup(where, groupId, groupName)
                .describedAs(group)
                .asking(permission, ruleId)
                .selectedFor(link, because)
                .asDryRun(dryRun)
                .asEgress(egress);
        List<DescribedRule> before = new ArrayList<>(matched.values());
        return switch (outcome) {
            case REVOKED -> PermissionOutcome.revoked(subject, before, reason);
            case DRY_RUN -> PermissionOutcome.dryRun(subject, before, reason);
            case NOT_FOUND -> PermissionOutcome.notFound(subject, reason);
            case FAILED -> PermissionOutcome.failed(subject, code, reason);
            case SKIPPED -> PermissionOutcome.skipped(subject, code, reason);
            case EXEMPT -> PermissionOutcome.exempt(subject, reason, exemptUntil);
        };
    }
}
