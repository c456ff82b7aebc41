package dev.sgrevoker.report;

import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.TriggerFamily;
import java.time.LocalDate;

/**
 * The documented strings of the result (docs/result.md, docs/revocation.md) for the model's types, in one place: a
 * result, log line or metric names a code, trigger or input form only through here.
 */
public final class WireStrings {
    private WireStrings() {}

    /** An exempt entry's exemptUntil: the last day as an ISO date, or {@code indefinite} for a tag with no end. */
    public static String exemptUntil(LocalDate lastDay) {
        return lastDay.equals(LocalDate.MAX) ? "indefinite" : lastDay.toString();
    }

    /** The entry's errorCode: ours as documented, an AWS service's own as it gave it (HTTPnnn when it gave none). */
    public static String errorCode(FailureCode code) {
        return switch (code) {
            case FailureCode.Aws aws -> aws.code() != null ? aws.code() : "HTTP" + aws.httpStatus();
            case FailureCode.Ours ours ->
                switch (ours) {
                    case TIME_BUDGET_EXHAUSTED -> "TimeBudgetExhausted";
                    case STILL_PRESENT -> "StillPresent";
                    case HANDED_OVER -> "HandedOver";
                    case BLAST_RADIUS_EXCEEDED -> "BlastRadiusExceeded";
                    case PROTECTED -> "Protected";
                    case NOT_AN_INGRESS_RULE -> "NotAnIngressRule";
                    case COMPLIES_WITH_POLICY -> "CompliesWithPolicy";
                    case MEMBER_ACCOUNT_NOT_ENABLED -> "MemberAccountNotEnabled";
                    case ASSUME_ROLE_FAILED -> "AssumeRoleFailed";
                    case HAND_OVER_FAILED -> "HandOverFailed";
                    case DRY_RUN_OPERATION -> "DryRunOperation";
                    case RETURN_FALSE -> "ReturnFalse";
                    case UNREADABLE_RULE -> "UnreadableRule";
                    case CLIENT_ERROR -> "ClientError";
                    case INTERRUPTED -> "Interrupted";
                    // The engine's own finding, in the words EC2 would have used.
                    case NO_SUCH_GROUP -> "InvalidGroup.NotFound";
                    case RUN_LIMIT_EXCEEDED -> "RunLimitExceeded";
                    case RUN_CANCELLED -> "RunCancelled";
                    case DRIFTED -> "Drifted";
                };
        };
    }

    /** The entry's direction: an egress rule is a VPC default group's, taken for EC2.2. */
    public static String direction(boolean egress) {
        return egress ? "egress" : "ingress";
    }

    public static String trigger(TriggerFamily family) {
        return switch (family) {
            case DIRECT -> "direct";
            case SQS_BATCH -> "sqs-batch";
            case EVENTBRIDGE_REQUEST -> "eventbridge-request";
            case SCHEDULED_EVENT -> "scheduled-event";
            case CLOUDTRAIL_AUTHORIZE_INGRESS -> "cloudtrail-authorize-ingress";
            case SECURITY_HUB_FINDINGS -> "securityhub-findings";
            case CONFIG_COMPLIANCE_CHANGE -> "config-compliance-change";
        };
    }

    public static String inputForm(InputForm form) {
        return switch (form) {
            case CLI_INPUT_JSON -> "cli-input-json";
            case SIMPLIFIED_FLAGS -> "simplified-flags";
            case SHORTHAND -> "shorthand";
            case REQUEST_LIST -> "request-list";
            case CLOUDTRAIL_AUTHORIZE_INGRESS -> "cloudtrail-authorize-ingress";
            case SECURITY_HUB_FINDING -> "securityhub-finding";
            case CONFIG_COMPLIANCE_CHANGE -> "config-compliance-change";
            case SWEEP -> "sweep";
            case PLAN -> "plan";
        };
    }
}
