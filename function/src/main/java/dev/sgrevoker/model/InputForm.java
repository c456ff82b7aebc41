package dev.sgrevoker.model;

/** Which shape of input a request arrived in, as reported in the result. */
public enum InputForm {
    CLI_INPUT_JSON("cli-input-json"),
    SIMPLIFIED_FLAGS("simplified-flags"),
    SHORTHAND("shorthand"),
    REQUEST_LIST("request-list"),
    /** Derived from a CloudTrail record of AuthorizeSecurityGroupIngress: revert what it added. */
    CLOUDTRAIL_AUTHORIZE_INGRESS("cloudtrail-authorize-ingress"),
    /** Derived from Security Hub findings: the finding's control decides the selection. */
    SECURITY_HUB_FINDING("securityhub-finding"),
    /** Derived from an AWS Config compliance change: the rule decides the selection. */
    CONFIG_COMPLIANCE_CHANGE("config-compliance-change"),
    /** A policy sweep over the account's rules, or a per-group part of one handed over through the request queue. */
    SWEEP("sweep");

    private final String wireName;

    InputForm(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
