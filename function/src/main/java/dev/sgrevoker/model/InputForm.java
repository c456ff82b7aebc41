package dev.sgrevoker.model;

/** Which shape of input a request arrived in, as reported in the result (named there by report.WireStrings). */
public enum InputForm {
    CLI_INPUT_JSON,
    SIMPLIFIED_FLAGS,
    SHORTHAND,
    REQUEST_LIST,
    /** Derived from a CloudTrail record of AuthorizeSecurityGroupIngress: revert what it added. */
    CLOUDTRAIL_AUTHORIZE_INGRESS,
    /** Derived from Security Hub findings: the finding's control decides the selection. */
    SECURITY_HUB_FINDING,
    /** Derived from an AWS Config compliance change: the rule decides the selection. */
    CONFIG_COMPLIANCE_CHANGE,
    /** A policy sweep over the account's rules, or a per-group part of one handed over through the request queue. */
    SWEEP,
    /** A reviewed plan applied: the stored plan's lines, each revoked only if unchanged since. */
    PLAN;
}
