package dev.sgrevoker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sgrevoker.exception.ConfigurationException;
import dev.sgrevoker.intake.trigger.AccountPolicy;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.policy.BlastRadius;
import dev.sgrevoker.policy.Controls;
import dev.sgrevoker.policy.DefaultGroupEgress;
import dev.sgrevoker.policy.Exemptions;
import dev.sgrevoker.policy.RevertMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every setting read once, with its default, and every value that cannot be read refused naming the setting. */
class FunctionConfigTest {
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:sg-revoker";

    private static FunctionConfig read(String... nameValue) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            env.put(nameValue[i], nameValue[i + 1]);
        }
        return FunctionConfig.read(env);
    }

    private static ConfigurationException refused(String... nameValue) {
        return assertThrows(ConfigurationException.class, () -> read(nameValue));
    }

    @Test
    void nothingSetIsEveryDefault() {
        FunctionConfig c = read();
        assertEquals("default", c.delivery().eventBusName());
        assertEquals(Optional.empty(), c.delivery().resultFallbackQueueUrl());
        assertEquals(Optional.empty(), c.delivery().requestQueueUrl());
        assertEquals(1, c.maxConcurrency());
        assertFalse(c.memberAccess().enabled());
        assertEquals(Controls.EC2_18_AUTHORIZED_TCP_PORTS, c.authorizedTcp(), "Security Hub's EC2.18 default");
        assertEquals(List.of(), c.authorizedUdp());
        assertEquals(Set.of("sg-revoker.requests"), c.trust().requestSources());
        assertFalse(c.trust().queuedAlertsTrusted());
        assertFalse(c.trust().revertServiceChanges());
        assertEquals(
                Set.of(
                        "restricted-ssh",
                        "restricted-common-ports",
                        "vpc-sg-open-only-to-authorized-ports",
                        "vpc-default-security-group-closed"),
                c.trust().configRuleNames());
        var guardrails = c.policy().guardrails();
        assertEquals(50, guardrails.limit().maxRevocations());
        assertEquals("MAX_REVOCATIONS (default)", guardrails.limit().source());
        assertEquals(Exemptions.DEFAULT_TAG_KEY, guardrails.exemptions().tagKey());
        assertEquals(RevertMode.POLICY, guardrails.revertMode());
        assertEquals(DefaultGroupEgress.KEEP, guardrails.defaultGroupEgress());
        assertEquals(Set.of(), guardrails.protectedGroups().groupIds());
        assertInstanceOf(SweepSetting.Unset.class, c.policy().sweep());
        assertEquals("us-east-1", c.region());
    }

    @Test
    void setButEmptyListsMeanNoneAndBlankValuesMeanTheDefault() {
        FunctionConfig c = read(
                "AUTHORIZED_TCP_PORTS", "",
                "REQUEST_SOURCES", "",
                "EVENT_BUS_NAME", " ",
                "MAX_REVOCATIONS", " ",
                "EXEMPT_TAG_KEY", " ");
        assertEquals(List.of(), c.authorizedTcp());
        assertEquals(Set.of(), c.trust().requestSources());
        assertEquals("default", c.delivery().eventBusName());
        assertEquals(50, c.policy().guardrails().limit().maxRevocations());
        assertEquals(
                Exemptions.DEFAULT_TAG_KEY, c.policy().guardrails().exemptions().tagKey());
        assertEquals(
                List.of(new PortRange(22, 22), new PortRange(1024, 1030)),
                read("AUTHORIZED_UDP_PORTS", " 22, 1024-1030,").authorizedUdp());
    }

    @Test
    void whereItMayActBesidesItsOwnAccountAndRegion() {
        var none = FunctionConfig.read(java.util.Map.of()).reach();
        assertEquals(false, none.organization());
        assertEquals(List.of(), none.regions());
        assertEquals(false, none.enforceAcrossAccounts(), "report-only across accounts unless the deployer says");
        var org = FunctionConfig.read(java.util.Map.of(
                        "ALLOWED_ACCOUNT_IDS", "organization",
                        "ORGANIZATION_UNIT_IDS", "ou-ab12-cdef3456,ou-ab12-aaaa1111",
                        "ALLOWED_REGIONS", "us-west-2, eu-west-1",
                        "ORGANIZATION_SWEEPS", "enforce"))
                .reach();
        assertEquals(true, org.organization());
        assertEquals(List.of("ou-ab12-aaaa1111", "ou-ab12-cdef3456"), org.organizationUnits());
        assertEquals(List.of("us-west-2", "eu-west-1"), org.regions(), "in the order given");
        assertEquals(true, org.enforceAcrossAccounts());
    }

    @Test
    void defaultGroupEgressIsKeptUnlessSetToRevoke() {
        assertEquals(
                DefaultGroupEgress.REVOKE,
                read("DEFAULT_GROUP_EGRESS", "revoke").policy().guardrails().defaultGroupEgress());
        assertEquals(
                DefaultGroupEgress.KEEP,
                read("DEFAULT_GROUP_EGRESS", "keep").policy().guardrails().defaultGroupEgress());
        assertEquals(
                DefaultGroupEgress.KEEP,
                read("DEFAULT_GROUP_EGRESS", " ").policy().guardrails().defaultGroupEgress());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "MAX_CONCURRENCY|0|MAX_CONCURRENCY: '0' is not a positive number",
                "MAX_CONCURRENCY|two|MAX_CONCURRENCY: 'two' is not a positive number",
                "MAX_REVOCATIONS|lots|MAX_REVOCATIONS: 'lots' is not a whole number of at least 1",
                "CLOUDTRAIL_REVERT_MODE|some|CLOUDTRAIL_REVERT_MODE: 'some' is not policy or all",
                "PROTECTED_GROUP_IDS|sg-0123456789abcdef0,web|PROTECTED_GROUP_IDS: 'web' is not a security group id",
                "ALLOWED_ACCOUNT_IDS|123,*|ALLOWED_ACCOUNT_IDS: '*' is not a 12-digit account id",
                "ACCOUNT_ID|12345|ACCOUNT_ID: '12345' is not a 12-digit account id",
                "ALLOWED_REGIONS|eu-west-1,Mars|ALLOWED_REGIONS: 'Mars' is not a region code",
                "ORGANIZATION_SWEEPS|yes|ORGANIZATION_SWEEPS: 'yes' is neither 'enforce' nor 'report-only'; leave it unset for 'report-only'",
                "ORGANIZATION_UNIT_IDS|ou-ab12-cdef3456|ORGANIZATION_UNIT_IDS: narrows ALLOWED_ACCOUNT_IDS=organization; set that too",
                "AUTHORIZED_TCP_PORTS|http|AUTHORIZED_TCP_PORTS: 'http' is not a port or a port range like 1024-1030",
                "AUTHORIZED_UDP_PORTS|443-80|AUTHORIZED_UDP_PORTS: '443-80' is not a port range within 0-65535",
                "QUEUED_ALERTS|false|QUEUED_ALERTS: 'false' is neither 'trusted' nor 'untrusted'; leave it unset for"
                        + " 'untrusted'",
                "REVERT_SERVICE_CHANGES|untrusted|REVERT_SERVICE_CHANGES: 'untrusted' is neither 'true' nor 'false';"
                        + " leave it unset for 'false'",
                "MEMBER_ROLE_NAME|sg-revoker-member|MEMBER_ROLE_NAME: is set but MEMBER_EXTERNAL_ID is empty",
                "DEFAULT_GROUP_EGRESS|Revoke|DEFAULT_GROUP_EGRESS: 'Revoke' is neither 'revoke' nor 'keep'; leave it unset"
                        + " for 'keep'"
            })
    void aValueThatCannotBeReadFailsTheStartNamingTheSetting(String name, String value, String message) {
        assertEquals(message, refused(name, value).getMessage());
    }

    @Test
    void aMemberRoleIsARoleNameWithItsExternalId() {
        assertEquals(
                "MEMBER_ROLE_NAME: 'role name' is not a role name",
                refused("MEMBER_ROLE_NAME", "role name", "MEMBER_EXTERNAL_ID", "x")
                        .getMessage());
        assertFalse(read("MEMBER_ROLE_NAME", " ").memberAccess().enabled());
        var access = read("MEMBER_ROLE_NAME", "sg-revoker-member", "MEMBER_EXTERNAL_ID", "ext-123")
                .memberAccess();
        assertTrue(access.enabled());
        assertEquals("ext-123", access.externalId());
    }

    @Test
    void listsAreTrimmedAndEmptyItemsDropped() {
        FunctionConfig c = read(
                "ALLOWED_ACCOUNT_IDS", " 210987654321 ,,999999999999",
                "PROTECTED_GROUP_IDS", " sg-0123456789abcdef0,,sg-12345678 ");
        assertEquals(Set.of("210987654321", "999999999999"), c.allowedAccounts());
        assertEquals(
                Set.of("sg-0123456789abcdef0", "sg-12345678"),
                c.policy().guardrails().protectedGroups().groupIds());
        assertEquals(
                "PROTECTED_GROUP_IDS", c.policy().guardrails().protectedGroups().listedIn());
    }

    @Test
    void onlyTheOwnAccountAndRegionWaitForTheInvokedArn() {
        FunctionConfig c = read("ALLOWED_ACCOUNT_IDS", "210987654321");
        AccountPolicy accounts = c.triggerConfig(ARN + ":live").accounts();
        assertEquals("123456789012", accounts.ownAccount());
        assertEquals("us-east-1", accounts.ownRegion());
        assertEquals(Set.of("210987654321"), accounts.allowedAccounts());
        assertEquals(
                "012345678912",
                read("ACCOUNT_ID", " 012345678912 ")
                        .triggerConfig(ARN)
                        .accounts()
                        .ownAccount(),
                "ACCOUNT_ID stands in for an ARN that cannot tell (sam local invoke)");
        assertThrows(IllegalArgumentException.class, () -> c.triggerConfig("sg-revoker"));
    }

    @Test
    void theCeilingIsTheDeployersLimitOrTheConfiguredSweepsIfHigher() {
        assertEquals(50, read().policy().ceiling().maxRevocations());
        assertEquals(2, read("MAX_REVOCATIONS", "2").policy().ceiling().maxRevocations());
        String sweep = "{\"controls\": [\"EC2.13\"], \"maxRevocations\": 300}";
        assertEquals(
                300,
                read("MAX_REVOCATIONS", "2", "SWEEP", sweep).policy().ceiling().maxRevocations());
    }

    @Test
    void aRequestedLimitAboveTheCeilingIsHeldToItAndTheRefusalSaysWhichLimitHeld() {
        BlastRadius ceiling = read().policy().ceiling();
        BlastRadius held = ceiling.askedFor(1000, "the sweep's maxRevocations");
        assertEquals(50, held.maxRevocations());
        assertEquals(
                "51 rules were selected, more than the limit of 50 (MAX_REVOCATIONS (default), the deployer's limit,"
                        + " held: the sweep's maxRevocations asked for 1000): none is revoked; narrow the selection or"
                        + " raise the limit",
                held.refusal(51).orElseThrow());
        BlastRadius lowered = ceiling.askedFor(2, "the sweep's maxRevocations");
        assertEquals(new BlastRadius(2, "the sweep's maxRevocations"), lowered);
        String sweep = "{\"controls\": [\"EC2.13\"], \"maxRevocations\": 300}";
        assertTrue(read("SWEEP", sweep)
                .policy()
                .ceiling()
                .askedFor(1000, "the sweep's maxRevocations")
                .refusal(301)
                .orElseThrow()
                .contains("limit of 300 (SWEEP's maxRevocations, the deployer's limit, held:"));
    }

    @Test
    void theConfiguredSweepIsHeldBackAndRefusedWhereItIsNeededNamingTheField() {
        ConfigurationException unset =
                assertThrows(ConfigurationException.class, () -> read().policy().scheduledSweep());
        assertEquals("SWEEP", unset.setting());
        assertTrue(unset.reason().contains("is not set"), unset.reason());
        read().policy().checkRevertPolicy(); // no SWEEP: CloudTrail judges by the controls

        PolicySettings bad = read("SWEEP", "{\"controls\": [\"EC2.99\"]}").policy();
        assertInstanceOf(SweepSetting.Unreadable.class, bad.sweep());
        assertEquals(
                "SWEEP.controls[0]",
                assertThrows(ConfigurationException.class, bad::scheduledSweep).setting());
        assertThrows(ConfigurationException.class, bad::checkRevertPolicy);
        assertEquals(
                "SWEEP",
                assertThrows(
                                ConfigurationException.class,
                                () -> read("SWEEP", "{\"controls\": [\"EC2.13\"]} {}")
                                        .policy()
                                        .scheduledSweep())
                        .setting(),
                "strict like every input: nothing after the document");

        PolicySettings all = read(
                        "SWEEP", "{", "CLOUDTRAIL_REVERT_MODE", "all", "MAX_REVOCATIONS", "7", "EXEMPT_TAG_KEY", "k")
                .policy();
        all.checkRevertPolicy(); // mode all does not judge
        assertEquals(RevertMode.ALL, all.guardrails().revertMode());
        assertEquals(7, all.guardrails().limit().maxRevocations());
        assertEquals("MAX_REVOCATIONS", all.guardrails().limit().source());
        assertEquals("k", all.guardrails().exemptions().tagKey());
    }
}
