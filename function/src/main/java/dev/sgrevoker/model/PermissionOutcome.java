package dev.sgrevoker.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The end of one requested or selected permission. {@code subject} is what was asked (or, for a rule id, the rule
 * it named when EC2 described it); {@code before} holds the rules as EC2 described them just before the revoke
 * (REVOKED and DRY_RUN), from which a restore re-creates them. Built only through the factory of its outcome, so an
 * entry cannot be half-empty: every unrevoked one has a reason. {@code code} is null where nothing gave one (REVOKED,
 * NOT_FOUND, EXEMPT, an intake skip). {@code repeatOf} is set on an item that asked again for what an earlier one
 * asked: the index of that first entry in the result, whose outcome it shares (see {@link RevocationResult}).
 * {@code exposedSeconds}, on a revoked rule whose trigger said when it appeared, is how long it was open until the
 * revoke was confirmed; null elsewhere. {@code exemptUntil}, on an EXEMPT entry only, is the last day its exemption
 * holds ({@link LocalDate#MAX} when the tag has no end).
 */
public record PermissionOutcome(
        Subject subject,
        Outcome outcome,
        FailureCode code,
        String reason,
        List<DescribedRule> before,
        Integer repeatOf,
        Long exposedSeconds,
        LocalDate exemptUntil) {

    /**
     * Which permission of which group: {@code where} is the account and region the engine acted in (null only for an
     * intake skip, which acted nowhere); {@code groupName} as the request named it; {@code group} is EC2's
     * description of the group where it exists; {@code because} names the alert or policy that selected the rule,
     * where one did; {@code dryRun} when only EC2's check was asked; {@code use} what network interfaces have the
     * group, where that was looked up (else null); {@code egress} when the rule is an egress rule (only a VPC default
     * group's, for EC2.2); {@code link} what links it to the alert it came from ({@link AlertLink}). Built by the
     * factories and withers below, never positionally.
     */
    public record Subject(
            AccountRegion where,
            String groupId,
            String groupName,
            GroupFacts group,
            Permission permission,
            String ruleId,
            String because,
            boolean dryRun,
            GroupUse use,
            boolean egress,
            AlertLink link) {

        public Subject {
            link = link == null ? AlertLink.NONE : link;
        }

        /** The reason of each check that selected the rule, as the check gave it. */
        public List<String> checks() {
            return link.checks();
        }

        /** The id of each check that selected the rule (EC2.13, allowedSources …), each once. */
        public List<String> controls() {
            return link.controls();
        }

        /** The item an intake skip is about (a finding's id), or null. */
        public String reference() {
            return link.reference();
        }

        /** A group as a request named it (by id, or by name with the id it resolved to, if it did). */
        public static Subject inGroup(AccountRegion where, String groupId, String groupName) {
            return new Subject(
                    Objects.requireNonNull(where, "where"),
                    groupId,
                    groupName,
                    null,
                    null,
                    null,
                    null,
                    false,
                    null,
                    false,
                    AlertLink.NONE);
        }

        /** Everything the engine was asked of an account at once (a sweep's discovery): no one group. */
        public static Subject wholeAccount(AccountRegion where) {
            return inGroup(where, null, null);
        }

        /** A rule EC2 described, selected by a policy for {@code because}. */
        public static Subject ofRule(AccountRegion where, GroupFacts group, DescribedRule rule, String because) {
            return inGroup(where, group.groupId(), null)
                    .describedAs(group)
                    .asking(rule.permission(), rule.ruleId())
                    .selectedBecause(because)
                    .asEgress(rule.egress());
        }

        /** A group the intake skipped (closed finding, foreign region …): nothing acted, so no place. */
        public static Subject skippedAtIntake(String groupId) {
            return skippedAtIntake(groupId, null);
        }

        /** A group the intake skipped for an item it names ({@code reference}: a finding's id), which links them. */
        public static Subject skippedAtIntake(String groupId, String reference) {
            return new Subject(
                    null, groupId, null, null, null, null, null, false, null, false, AlertLink.about(reference));
        }

        /** The same subject, with EC2's description of its group. */
        public Subject describedAs(GroupFacts facts) {
            return new Subject(
                    where, groupId, groupName, facts, permission, ruleId, because, dryRun, use, egress, link);
        }

        /** The same subject, asking for this permission (and, where known, the rule ids it is). */
        public Subject asking(Permission asked, String ruleIds) {
            return new Subject(where, groupId, groupName, group, asked, ruleIds, because, dryRun, use, egress, link);
        }

        /** Selected for {@code why}, one check's reason (a request's, or a policy's in one line). */
        public Subject selectedBecause(String why) {
            return selectedFor(AlertLink.selectedFor(why), why);
        }

        /**
         * Selected by the checks {@code by} links it to (each one's reason as it gave it, and its id), and {@code why},
         * the entry's because: the checks, then any exemption tag that did not hold.
         */
        public Subject selectedFor(AlertLink by, String why) {
            AlertLink linked = new AlertLink(by.checks(), by.controls(), link.reference());
            return new Subject(where, groupId, groupName, group, permission, ruleId, why, dryRun, use, egress, linked);
        }

        /** The same subject, asked as a dry run (only EC2's check) or for real. */
        public Subject asDryRun(boolean checkOnly) {
            return new Subject(
                    where, groupId, groupName, group, permission, ruleId, because, checkOnly, use, egress, link);
        }

        /** The same subject, as an egress rule (a default group's, for EC2.2) or an ingress one. */
        public Subject asEgress(boolean egressRule) {
            return new Subject(
                    where, groupId, groupName, group, permission, ruleId, because, dryRun, use, egressRule, link);
        }

        /** The same subject, with what uses its group. */
        public Subject usedBy(GroupUse groupUse) {
            return new Subject(
                    where, groupId, groupName, group, permission, ruleId, because, dryRun, groupUse, egress, link);
        }

        /** The same subject, its region named even where it is the function's own ({@code ownRegion}), for the record. */
        public Subject regionNamed(String ownRegion) {
            if (where == null || !(where.region() instanceof Region.Own) || !ownRegion.matches(Region.CODE)) {
                return this;
            }
            AccountRegion named = where.in(new Region.Named(ownRegion));
            return new Subject(
                    named, groupId, groupName, group, permission, ruleId, because, dryRun, use, egress, link);
        }

        /** The account the group is in, where known: a member account asked for, else EC2's owner of the group. */
        public String accountOfGroup() {
            String member = where == null ? null : where.memberAccountId();
            return member != null ? member : group == null ? null : group.ownerId();
        }
    }

    public PermissionOutcome {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(outcome, "outcome");
        before = before == null ? List.of() : List.copyOf(before);
        if (outcome != Outcome.REVOKED && reason == null) {
            throw new IllegalArgumentException(outcome + " needs a reason");
        }
        if ((outcome == Outcome.EXEMPT) != (exemptUntil != null)) {
            throw new IllegalArgumentException("an exempt entry, and only one, says when its exemption ends");
        }
    }

    /** A confirmed revoke; {@code note} says how it came about when that was unusual (e.g. a lost answer). */
    public static PermissionOutcome revoked(Subject subject, List<DescribedRule> before, String note) {
        return new PermissionOutcome(subject, Outcome.REVOKED, null, note, requireImages(before), null, null, null);
    }

    public static PermissionOutcome dryRun(Subject subject, List<DescribedRule> before, String reason) {
        return new PermissionOutcome(
                subject,
                Outcome.DRY_RUN,
                FailureCode.Ours.DRY_RUN_OPERATION,
                reason,
                requireImages(before),
                null,
                null,
                null);
    }

    public static PermissionOutcome notFound(Subject subject, String reason) {
        return new PermissionOutcome(subject, Outcome.NOT_FOUND, null, reason, List.of(), null, null, null);
    }

    public static PermissionOutcome failed(Subject subject, FailureCode code, String reason) {
        return new PermissionOutcome(
                subject, Outcome.FAILED, Objects.requireNonNull(code), reason, List.of(), null, null, null);
    }

    public static PermissionOutcome skipped(Subject subject, FailureCode code, String reason) {
        return new PermissionOutcome(subject, Outcome.SKIPPED, code, reason, List.of(), null, null, null);
    }

    /**
     * A rule a policy selected that an exemption tag keeps until {@code lastDay} ({@link LocalDate#MAX}: no end);
     * nothing was sent to EC2 for it.
     */
    public static PermissionOutcome exempt(Subject subject, String reason, LocalDate lastDay) {
        return new PermissionOutcome(
                subject, Outcome.EXEMPT, null, reason, List.of(), null, null, Objects.requireNonNull(lastDay));
    }

    /** The same outcome, its region named even where it is the function's own: where it acted, in the record. */
    public PermissionOutcome regionNamed(String ownRegion) {
        Subject named = subject.regionNamed(ownRegion);
        return named == subject
                ? this
                : new PermissionOutcome(named, outcome, code, reason, before, repeatOf, exposedSeconds, exemptUntil);
    }

    /** The same outcome, its subject's group now known to be used as {@code use} says. */
    public PermissionOutcome withGroupUse(GroupUse use) {
        return new PermissionOutcome(
                subject.usedBy(use), outcome, code, reason, before, repeatOf, exposedSeconds, exemptUntil);
    }

    /** This item asked again for what the entry at {@code firstIndex} asked: it ends as that one did. */
    PermissionOutcome repeating(PermissionOutcome first, int firstIndex) {
        return new PermissionOutcome(
                subject,
                first.outcome,
                first.code,
                first.reason,
                first.before,
                firstIndex,
                first.exposedSeconds,
                first.exemptUntil);
    }

    /** This revoked rule was open for {@code seconds}, from when its trigger says it appeared to the confirm. */
    public PermissionOutcome exposedFor(long seconds) {
        if (outcome != Outcome.REVOKED || seconds < 0) {
            throw new IllegalArgumentException("only a revoked rule has an exposure, of zero seconds or more");
        }
        return new PermissionOutcome(subject, outcome, code, reason, before, repeatOf, seconds, null);
    }

    private static List<DescribedRule> requireImages(List<DescribedRule> before) {
        if (before == null || before.isEmpty()) {
            throw new IllegalArgumentException("a revoked or dry-run rule needs its before-image");
        }
        return before;
    }

    public String groupId() {
        return subject.groupId();
    }

    public String groupName() {
        return subject.groupName();
    }

    public Permission permission() {
        return subject.permission();
    }

    public String ruleId() {
        return subject.ruleId();
    }

    public String because() {
        return subject.because();
    }

    /** An egress rule's entry: a VPC default group's, taken for EC2.2 (DEFAULT_GROUP_EGRESS=revoke). */
    public boolean egress() {
        return subject.egress();
    }

    public boolean revoked() {
        return outcome == Outcome.REVOKED;
    }

    /** A failure worth another try later (an SQS message is then left for retry); anything else is final. */
    public boolean transientFailure() {
        return outcome == Outcome.FAILED && code != null && code.transientFailure();
    }
}
