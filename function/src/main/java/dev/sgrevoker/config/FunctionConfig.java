package dev.sgrevoker.config;

import dev.sgrevoker.exception.ConfigurationException;
import dev.sgrevoker.intake.trigger.AccountPolicy;
import dev.sgrevoker.intake.trigger.AlertToControl;
import dev.sgrevoker.intake.trigger.OrganizationAccounts;
import dev.sgrevoker.intake.trigger.Reach;
import dev.sgrevoker.intake.trigger.TriggerConfig;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Region;
import dev.sgrevoker.policy.Controls;
import dev.sgrevoker.revoke.MemberAccess;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The function's configuration: every environment variable it reads, with its default, read once when the function
 * starts. A value that cannot be read is a {@link ConfigurationException} naming it, so the start fails rather than
 * the function run on a guess; SWEEP alone is held back and reported where it is needed ({@link SweepSetting}). Only
 * what needs the invoked function's ARN (its own account and region) waits for the first invocation:
 * {@link #triggerConfig}. PolicySettings and RunSettings read their part from the values handed to {@link #read}.
 * docs/security.md, docs/intake-trust.md and docs/sweeps.md describe each setting.
 *
 * @param region AWS_REGION, for the made-up function ARN of SnapStart priming (the SDK reads its own)
 */
public record FunctionConfig(
        Delivery delivery,
        int maxConcurrency,
        MemberAccess memberAccess,
        Optional<String> ownAccountId,
        String region,
        Reach reach,
        Set<String> ignoredPrincipals,
        List<PortRange> authorizedTcp,
        List<PortRange> authorizedUdp,
        TriggerConfig.Trust trust,
        PolicySettings policy,
        Reports reports,
        RunSettings runs) {

    // Where results and handed-over work go (docs/record.md, docs/sweeps.md)
    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";
    public static final String RESULT_FALLBACK_QUEUE_URL = "RESULT_FALLBACK_QUEUE_URL";
    public static final String REQUEST_QUEUE_URL = "REQUEST_QUEUE_URL";
    /** Whether a Security Hub finding acted on gets a note and a workflow (docs/operating.md). */
    public static final String UPDATE_FINDINGS = "UPDATE_FINDINGS";
    // Who may ask (docs/intake-trust.md)
    public static final String ALLOWED_ACCOUNT_IDS = "ALLOWED_ACCOUNT_IDS";
    public static final String IGNORED_PRINCIPAL_ARNS = "IGNORED_PRINCIPAL_ARNS";
    public static final String REQUEST_SOURCES = "REQUEST_SOURCES";
    public static final String QUEUED_ALERTS = "QUEUED_ALERTS";
    public static final String SECURITYHUB_ACTION_TARGETS = "SECURITYHUB_ACTION_TARGETS";
    public static final String CONFIG_RULE_NAMES = "CONFIG_RULE_NAMES";
    public static final String REVERT_SERVICE_CHANGES = "REVERT_SERVICE_CHANGES";
    /** The function's own account where the invoked ARN cannot tell it (sam local invoke); empty in AWS. */
    public static final String ACCOUNT_ID = "ACCOUNT_ID";
    // What is never touched, how much may go, and what sweeps and reverts judge by (docs/security.md, sweeps.md)
    public static final String PROTECTED_GROUP_IDS = "PROTECTED_GROUP_IDS";
    public static final String MAX_REVOCATIONS = "MAX_REVOCATIONS";
    public static final String EXEMPT_TAG_KEY = "EXEMPT_TAG_KEY";
    public static final String CLOUDTRAIL_REVERT_MODE = "CLOUDTRAIL_REVERT_MODE";
    public static final String SWEEP = "SWEEP";
    public static final String AUTHORIZED_TCP_PORTS = "AUTHORIZED_TCP_PORTS";
    public static final String AUTHORIZED_UDP_PORTS = "AUTHORIZED_UDP_PORTS";
    public static final String DEFAULT_GROUP_EGRESS = "DEFAULT_GROUP_EGRESS";
    // Reach and pace (docs/security.md)
    public static final String MAX_CONCURRENCY = "MAX_CONCURRENCY";
    public static final String MEMBER_ROLE_NAME = "MEMBER_ROLE_NAME";
    public static final String MEMBER_EXTERNAL_ID = "MEMBER_EXTERNAL_ID";
    public static final String AWS_REGION = "AWS_REGION";
    // Where it may act besides its own account and region (docs/security.md, organization)
    public static final String ALLOWED_REGIONS = "ALLOWED_REGIONS";
    public static final String ORGANIZATION_UNIT_IDS = "ORGANIZATION_UNIT_IDS";
    public static final String ORGANIZATION_SWEEPS = "ORGANIZATION_SWEEPS";
    // Sweep runs over several accounts or regions (docs/sweeps.md)
    public static final String SHARD_QUEUE_URL = "SHARD_QUEUE_URL";
    public static final String RUN_TABLE_NAME = "RUN_TABLE_NAME";
    public static final String MAX_REVOCATIONS_PER_RUN = "MAX_REVOCATIONS_PER_RUN";
    public static final String RUN_DEADLINE_MINUTES = "RUN_DEADLINE_MINUTES";
    public static final String ORGANIZATION_CONCURRENCY = "ORGANIZATION_CONCURRENCY";
    /** ALLOWED_ACCOUNT_IDS's one word: every ACTIVE account of the organization, read with Organizations. */
    public static final String ORGANIZATION = "organization";
    // Reports and plans (docs/reports.md)
    public static final String REPORT_BUCKET = "REPORT_BUCKET";
    public static final String REPORT_MIN_ENTRIES = "REPORT_MIN_ENTRIES";
    public static final String PLAN_TTL_DAYS = "PLAN_TTL_DAYS";
    /** Lambda's own: the function named in a report's apply command. */
    public static final String AWS_LAMBDA_FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";
    /** The SDK's endpoint settings: set only off AWS (moto, LocalStack), where buckets are addressed by path. */
    public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";

    public static final String AWS_ENDPOINT_URL_S3 = "AWS_ENDPOINT_URL_S3";
    public static final int DEFAULT_REPORT_MIN_ENTRIES = 100;
    public static final int DEFAULT_PLAN_TTL_DAYS = 7;
    /** The template's ceiling on PLAN_TTL_DAYS: a reviewed plan is not meant to keep for a season. */
    public static final int MAX_PLAN_TTL_DAYS = 90;

    public static final String DEFAULT_EVENT_BUS_NAME = "default";
    /** The source our own automation puts revocation requests under. */
    public static final String DEFAULT_REQUEST_SOURCES = "sg-revoker.requests";
    /** The AWS Config managed rules acted on, by their default names. */
    public static final String DEFAULT_CONFIG_RULE_NAMES = String.join(",", AlertToControl.MANAGED_CONFIG_RULES);
    /** Unset: one instance at a time, with the whole of EC2's buckets. */
    public static final int DEFAULT_MAX_CONCURRENCY = 1;

    private static final String DEFAULT_REGION = "us-east-1";

    /**
     * Where results and a sweep's unfinished groups go; a queue that is not configured is empty. {@code
     * updateFindings}: the findings acted on are told what was done (a note and the workflow).
     */
    public record Delivery(
            String eventBusName,
            Optional<String> resultFallbackQueueUrl,
            Optional<String> requestQueueUrl,
            boolean updateFindings) {}

    /**
     * Where reports and plans go and when: {@code bucket} empty writes none; a result with more than
     * {@code minEntries} entries writes a report (every sweep does); a plan may be applied for {@code planTtlDays}.
     *
     * @param functionName the function, for the apply command a report shows (null where unknown)
     * @param pathStyle address the bucket by path: a local endpoint (moto) serves no bucket host names
     */
    public record Reports(
            Optional<String> bucket, int minEntries, int planTtlDays, String functionName, boolean pathStyle) {
        public static final Reports NONE = new Reports(Optional.empty(), DEFAULT_REPORT_MIN_ENTRIES, 7, null, false);
    }

    public FunctionConfig {
        ignoredPrincipals = Set.copyOf(ignoredPrincipals);
        authorizedTcp = List.copyOf(authorizedTcp);
        authorizedUdp = List.copyOf(authorizedUdp);
    }

    /** Lambda's: the process environment. The only place the function reads it. */
    public static FunctionConfig fromEnvironment() {
        return read(System.getenv());
    }

    /** {@code environment} as Lambda would give it (a test's, a local run's). */
    public static FunctionConfig read(Map<String, String> environment) {
        SettingReader env = new SettingReader(environment);
        Delivery delivery = new Delivery(
                env.text(EVENT_BUS_NAME).orElse(DEFAULT_EVENT_BUS_NAME),
                env.text(RESULT_FALLBACK_QUEUE_URL),
                env.text(REQUEST_QUEUE_URL),
                !env.flag(UPDATE_FINDINGS, "false", "true"));
        Optional<String> ownAccount = env.text(ACCOUNT_ID);
        ownAccount.filter(a -> !AccountPolicy.isAccountId(a)).ifPresent(a -> {
            throw new ConfigurationException(ACCOUNT_ID, "'" + a + "' is not a 12-digit account id");
        });
        List<PortRange> tcp = env.ports(AUTHORIZED_TCP_PORTS, Controls.EC2_18_AUTHORIZED_TCP_PORTS);
        List<PortRange> udp = env.ports(AUTHORIZED_UDP_PORTS, List.of());
        TriggerConfig.Trust trust = new TriggerConfig.Trust(
                env.list(REQUEST_SOURCES, DEFAULT_REQUEST_SOURCES),
                env.flag(QUEUED_ALERTS, "trusted", "untrusted"),
                env.list(SECURITYHUB_ACTION_TARGETS, ""),
                env.list(CONFIG_RULE_NAMES, DEFAULT_CONFIG_RULE_NAMES),
                env.flag(REVERT_SERVICE_CHANGES, "true", "false"));
        return new FunctionConfig(
                delivery,
                env.positive(MAX_CONCURRENCY, DEFAULT_MAX_CONCURRENCY, "a positive number"),
                memberAccess(env),
                ownAccount,
                env.text(AWS_REGION).orElse(DEFAULT_REGION),
                reach(env),
                env.list(IGNORED_PRINCIPAL_ARNS, ""),
                tcp,
                udp,
                trust,
                PolicySettings.read(env, tcp, udp),
                reports(env),
                RunSettings.read(env));
    }

    private static Reports reports(SettingReader env) {
        Optional<String> bucket = env.text(REPORT_BUCKET);
        bucket.filter(b -> !b.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")).ifPresent(b -> {
            throw new ConfigurationException(REPORT_BUCKET, "'" + b + "' is not an S3 bucket name");
        });
        String min = env.text(REPORT_MIN_ENTRIES).orElse(String.valueOf(DEFAULT_REPORT_MIN_ENTRIES));
        if (!min.matches("[0-9]{1,9}")) {
            throw new ConfigurationException(REPORT_MIN_ENTRIES, "'" + min + "' is not a whole number of at least 0");
        }
        int minEntries = Integer.parseInt(min);
        int ttl = env.positive(PLAN_TTL_DAYS, DEFAULT_PLAN_TTL_DAYS, "a whole number of days from 1 to 90");
        if (ttl > MAX_PLAN_TTL_DAYS) {
            throw new ConfigurationException(PLAN_TTL_DAYS, ttl + " is more than " + MAX_PLAN_TTL_DAYS + " days");
        }
        boolean local = env.text(AWS_ENDPOINT_URL_S3).isPresent()
                || env.text(AWS_ENDPOINT_URL).isPresent();
        return new Reports(
                bucket, minEntries, ttl, env.text(AWS_LAMBDA_FUNCTION_NAME).orElse(null), local);
    }

    /**
     * Who may ask and what alerts are judged by, for the function invoked as {@code invokedFunctionArn}: its own
     * account and region come from there (or ACCOUNT_ID), which only an invocation's Context brings.
     */
    public TriggerConfig triggerConfig(String invokedFunctionArn) {
        return triggerConfig(invokedFunctionArn, OrganizationAccounts.NONE);
    }

    /** As above, with the organization's accounts read through {@code organization} where ALLOWED_ACCOUNT_IDS says. */
    public TriggerConfig triggerConfig(String invokedFunctionArn, OrganizationAccounts organization) {
        return new TriggerConfig(
                AccountPolicy.forFunction(withOwnAccount(invokedFunctionArn), reach, organization),
                ignoredPrincipals,
                authorizedTcp,
                authorizedUdp,
                trust);
    }

    /** ALLOWED_ACCOUNT_IDS as listed (empty in organization mode). */
    public Set<String> allowedAccounts() {
        return reach.accounts();
    }

    /** Where it may act: ALLOWED_ACCOUNT_IDS (ids, or organization), ORGANIZATION_UNIT_IDS, ALLOWED_REGIONS, … */
    private static Reach reach(SettingReader env) {
        boolean organization =
                env.text(ALLOWED_ACCOUNT_IDS).filter(ORGANIZATION::equals).isPresent();
        Set<String> accounts = organization
                ? Set.of()
                : env.list(ALLOWED_ACCOUNT_IDS, AccountPolicy::isAccountId, "a 12-digit account id");
        Set<String> units =
                env.list(ORGANIZATION_UNIT_IDS, ou -> ou.matches("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}"), "an OU id");
        if (!units.isEmpty() && !organization) {
            throw new ConfigurationException(
                    ORGANIZATION_UNIT_IDS, "narrows " + ALLOWED_ACCOUNT_IDS + "=" + ORGANIZATION + "; set that too");
        }
        List<String> regions = env.orderedList(ALLOWED_REGIONS, r -> r.matches(Region.CODE), "a region code");
        return new Reach(
                accounts,
                organization,
                units.stream().sorted().toList(),
                regions,
                env.flag(ORGANIZATION_SWEEPS, "enforce", "report-only"));
    }

    /** The ARN with its account field replaced by ACCOUNT_ID, when that is set. */
    private String withOwnAccount(String functionArn) {
        if (ownAccountId.isEmpty() || functionArn == null) {
            return functionArn;
        }
        String[] parts = functionArn.split(":", -1);
        if (parts.length < 7) {
            return functionArn; // not an ARN: the account policy refuses it with its own words
        }
        parts[4] = ownAccountId.get();
        return String.join(":", parts);
    }

    private static MemberAccess memberAccess(SettingReader env) {
        String role = env.text(MEMBER_ROLE_NAME).orElse("");
        String externalId = env.text(MEMBER_EXTERNAL_ID).orElse("");
        if (!role.isEmpty() && externalId.isEmpty()) {
            // Without one, any principal the member role trusts could be confused into acting for someone else.
            throw new ConfigurationException(MEMBER_ROLE_NAME, "is set but " + MEMBER_EXTERNAL_ID + " is empty");
        }
        if (!role.matches(MemberAccess.ROLE_NAME)) {
            throw new ConfigurationException(MEMBER_ROLE_NAME, "'" + role + "' is not a role name");
        }
        return new MemberAccess(role, externalId);
    }
}
