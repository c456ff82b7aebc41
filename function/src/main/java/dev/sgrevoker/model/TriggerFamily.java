package dev.sgrevoker.model;

/**
 * The payload families the function accepts. A Schedule rule's Input and an EventBridge Scheduler (ScheduleV2)
 * target's Input arrive as-is, so they are {@link #DIRECT}. The result's names for them are report.WireStrings'.
 */
public enum TriggerFamily {
    /** A revocation request as a direct invoke sends it (also a schedule's Input). */
    DIRECT,
    /** An SQS event: each record's body is one request or one EventBridge event. */
    SQS_BATCH,
    /** Our own EventBridge detail-type; the detail is any direct-invoke form. */
    EVENTBRIDGE_REQUEST,
    /** A Schedule rule with no Input: runs the configured sweep (SWEEP). */
    SCHEDULED_EVENT,
    /** A CloudTrail record of AuthorizeSecurityGroupIngress: revert what the call added. */
    CLOUDTRAIL_AUTHORIZE_INGRESS,
    /** Security Hub findings, imported or sent by a custom action. */
    SECURITY_HUB_FINDINGS,
    /** An AWS Config rule's compliance change. */
    CONFIG_COMPLIANCE_CHANGE;

    /** Our own detail-type: other automation puts events of this type to ask for a revocation. */
    public static final String REQUEST_DETAIL_TYPE = "Security Group Ingress Revocation Request";

    /** Said in every rejection of an unrecognised payload, so the caller learns what would have worked. */
    public static final String ACCEPTED =
            "accepted: a direct revocation request (cli-input-json, shorthand, simplified flags,"
                    + " or a list of them; also a schedule's Input), an SQS event whose records carry such requests or events,"
                    + " or an EventBridge event: '" + REQUEST_DETAIL_TYPE + "' (a source listed in REQUEST_SOURCES),"
                    + " 'Scheduled Event' (aws.events), 'AWS API Call via CloudTrail' for AuthorizeSecurityGroupIngress (aws.ec2),"
                    + " 'Security Hub Findings - Imported' or '- Custom Action' (aws.securityhub),"
                    + " 'Config Rules Compliance Change' (aws.config)";
}
