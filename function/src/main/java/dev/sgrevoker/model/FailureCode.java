package dev.sgrevoker.model;

import java.util.Set;

/**
 * Why a permission ended without being revoked, where something gave a reason code: the function's own finding, or
 * an AWS service's answer. Decisions (retry a message, count a limit stop) read the type, never the text; the
 * documented strings are written by report/ alone.
 */
public sealed interface FailureCode permits FailureCode.Ours, FailureCode.Aws {

    /** Whether trying again later may succeed (an SQS message is then left for retry): throttling, 5xx, no time. */
    boolean transientFailure();

    /** What the function itself found or decided. */
    enum Ours implements FailureCode {
        /** Not started: too little of the invocation left to confirm and report. */
        TIME_BUDGET_EXHAUSTED(true),
        /** EC2 accepted the revoke but still describes the rule. */
        STILL_PRESENT(false),
        /** A sweep sent the group on to the request queue for lack of time. */
        HANDED_OVER(false),
        /** More rules would go than the blast-radius limit allows: none does. */
        BLAST_RADIUS_EXCEEDED(false),
        /** The group is tagged protected or listed in PROTECTED_GROUP_IDS. */
        PROTECTED(false),
        /** A rule id named an egress rule. */
        NOT_AN_INGRESS_RULE(false),
        /** A CloudTrail revert in policy mode whose added rule breaks no check. */
        COMPLIES_WITH_POLICY(false),
        /** A member account's group, and no member role is configured. */
        MEMBER_ACCOUNT_NOT_ENABLED(false),
        /** A member account's group, and its role could not be assumed (a refusal, not throttling). */
        ASSUME_ROLE_FAILED(false),
        /** A sweep could neither finish a group nor send it on. */
        HAND_OVER_FAILED(false),
        /** EC2's dry-run check passed: the caller would have been allowed (every DRY_RUN entry's code). */
        DRY_RUN_OPERATION(false),
        /** EC2 answered the revoke with Return=false. */
        RETURN_FALSE(false),
        /** EC2 described a rule without a source. */
        UNREADABLE_RULE(false),
        /** The SDK could not complete the call (network, timeout): nothing says the service refused. */
        CLIENT_ERROR(true),
        /** The thread was interrupted while waiting for EC2's call budget. */
        INTERRUPTED(false),
        /** EC2 does not describe the group (or no group has that name in the default VPC). */
        NO_SUCH_GROUP(false),
        /** A shard of a sweep run selected more than the run has left of its run-wide limit: none of its rules goes. */
        RUN_LIMIT_EXCEEDED(false),
        /** The sweep run was cancelled before this shard or hand-over started revoking. */
        RUN_CANCELLED(false),
        /** A plan's rule that EC2 no longer describes as the plan recorded it: not revoked, what changed is said. */
        DRIFTED(false);

        private final boolean transientFailure;

        Ours(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        @Override
        public boolean transientFailure() {
            return transientFailure;
        }
    }

    /**
     * An AWS service's own error: its code (null when the answer carried only a status) and the HTTP status.
     *
     * @param service the service that answered (EC2, STS), for the record and for whoever reads the reason
     */
    record Aws(String service, String code, int httpStatus) implements FailureCode {
        /** Throttling and the services' "try again" answers, whatever status they came with. */
        private static final Set<String> TRY_AGAIN = Set.of(
                "RequestLimitExceeded",
                "Throttling",
                "ThrottlingException",
                "InternalError",
                "InternalFailure",
                "ServiceUnavailable",
                "Unavailable");

        public Aws {
            code = code == null || code.isBlank() ? null : code;
        }

        public static Aws ec2(String code, int httpStatus) {
            return new Aws("EC2", code, httpStatus);
        }

        @Override
        public boolean transientFailure() {
            return httpStatus >= 500 || (code != null && TRY_AGAIN.contains(code));
        }

        /** Whether the service answered with this code. */
        public boolean is(String serviceCode) {
            return serviceCode.equals(code);
        }
    }
}
