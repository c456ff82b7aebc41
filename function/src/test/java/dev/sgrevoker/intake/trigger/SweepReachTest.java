package dev.sgrevoker.intake.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sgrevoker.config.FunctionConfig;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.Region;
import dev.sgrevoker.policy.SweepOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A sweep's accounts and regions: parsed, judged against the deployer's settings before anything is read, turned
 * into (account, region) pairs; across accounts report-only unless ORGANIZATION_SWEEPS=enforce.
 */
class SweepReachTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String OWN = "123456789012";
    private static final String MEMBER = "210987654321";
    private static final String OTHER = "109876543210";
    private static final String ARN = "arn:aws:lambda:us-east-1:" + OWN + ":function:sg-revoker";
    private static final Map<String, String> LISTED =
            Map.of("ALLOWED_ACCOUNT_IDS", MEMBER + "," + OTHER, "ALLOWED_REGIONS", "eu-west-1,us-west-2");

    private static SweepOrder.Run order(String sweep, Map<String, String> env) throws Exception {
        return order(sweep, FunctionConfig.read(env).triggerConfig(ARN));
    }

    private static SweepOrder.Run order(String sweep, TriggerConfig config) throws Exception {
        TriggerResult r = Triggers.normalise(MAPPER.readTree("{\"sweep\": " + sweep + "}"), config);
        return assertInstanceOf(SweepOrder.Run.class, r.sweep());
    }

    private static AccountRegion at(String account, String region) {
        AccountRegion a = account.equals(OWN) ? AccountRegion.OWN : AccountRegion.member(account);
        return region.equals("us-east-1") ? a : a.in(new Region.Named(region));
    }

    @Test
    void unsaidIsTheOwnAccountInTheOwnRegionAsBefore() throws Exception {
        SweepOrder.Run run = order("{\"controls\": [\"EC2.13\"], \"enforce\": true}", LISTED);
        assertEquals(List.of(AccountRegion.OWN), run.pairs());
        assertEquals(false, run.dispatched());
        assertEquals(true, run.sweep().enforce());
        assertNull(run.enforceHeldBack());
    }

    @Test
    void listedAccountsAndRegionsArePairedAccountsFirst() throws Exception {
        SweepOrder.Run run = order(
                "{\"controls\": [\"EC2.13\"], \"accounts\": [\"" + MEMBER + "\", \"" + OWN + "\"],"
                        + " \"regions\": [\"us-east-1\", \"eu-west-1\"]}",
                LISTED);
        assertEquals(
                List.of(at(MEMBER, "us-east-1"), at(MEMBER, "eu-west-1"), at(OWN, "us-east-1"), at(OWN, "eu-west-1")),
                run.pairs());
        assertTrue(run.dispatched());
    }

    @Test
    void allowedIsTheOwnThenEveryAllowedOne() throws Exception {
        SweepOrder.Run run =
                order("{\"controls\": [\"EC2.13\"], \"accounts\": \"allowed\", \"regions\": \"allowed\"}", LISTED);
        assertEquals(9, run.pairs().size(), "three accounts in three regions");
        assertEquals(at(OWN, "us-east-1"), run.pairs().get(0));
        assertEquals(at(OWN, "eu-west-1"), run.pairs().get(1));
        assertEquals(at(OWN, "us-west-2"), run.pairs().get(2));
        assertEquals(at(OTHER, "us-east-1"), run.pairs().get(3), "then the allowed accounts in id order");
        SweepOrder.Run none = order("{\"controls\": [\"EC2.13\"], \"accounts\": \"allowed\"}", Map.of());
        assertEquals(List.of(AccountRegion.OWN), none.pairs(), "nothing allowed besides the own account");
    }

    @Test
    void aMemberAccountInOneRegionIsOnePairSweptInPlace() throws Exception {
        SweepOrder.Run run = order(
                "{\"controls\": [\"EC2.13\"], \"accounts\": [\"" + MEMBER + "\"], \"regions\": [\"us-west-2\"]}",
                LISTED);
        assertEquals(List.of(at(MEMBER, "us-west-2")), run.pairs());
        assertEquals(false, run.dispatched());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "an account outside ALLOWED_ACCOUNT_IDS | \"accounts\": [\"210987654321\", \"999999999999\"] | sweep.accounts[1] | ALLOWED_ACCOUNT_IDS",
                "a region outside ALLOWED_REGIONS | \"regions\": [\"ap-south-1\"] | sweep.regions[0] | ALLOWED_REGIONS",
                "not an account id | \"accounts\": [\"12345\"] | sweep.accounts[0] | 12-digit",
                "not a region | \"regions\": [\"mars-1\"] | sweep.regions[0] | region code",
                "an account twice | \"accounts\": [\"210987654321\", \"210987654321\"] | sweep.accounts[1] | listed twice",
                "an empty list | \"regions\": [] | sweep.regions | names none",
                "another word | \"accounts\": \"all\" | sweep.accounts | \"allowed\""
            })
    void aPlaceOutsideTheDeployersSettingsIsRefusedNamingTheField(
            String name, String reach, String field, String reason) {
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class, () -> order("{\"controls\": [\"EC2.13\"], " + reach + "}", LISTED));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.reason().contains(reason), e.getMessage());
    }

    @Test
    void acrossAccountsEnforceIsHeldToReportOnlyUnlessTheDeployerAllowsIt() throws Exception {
        String sweep = "{\"controls\": [\"EC2.13\"], \"enforce\": true, \"accounts\": [\"" + MEMBER + "\"]}";
        SweepOrder.Run held = order(sweep, LISTED);
        assertEquals(false, held.sweep().enforce(), "report-only, whatever the request says");
        assertTrue(held.enforceHeldBack().contains("ORGANIZATION_SWEEPS"), held.enforceHeldBack());
        Map<String, String> enforcing = new java.util.HashMap<>(LISTED);
        enforcing.put("ORGANIZATION_SWEEPS", "enforce");
        SweepOrder.Run allowed = order(sweep, enforcing);
        assertEquals(true, allowed.sweep().enforce());
        assertNull(allowed.enforceHeldBack());
        SweepOrder.Run ownElsewhere =
                order("{\"controls\": [\"EC2.13\"], \"enforce\": true, \"regions\": \"allowed\"}", LISTED);
        assertEquals(true, ownElsewhere.sweep().enforce(), "the own account's other regions are not other accounts");
    }

    @Test
    void inOrganizationModeOnlyActiveAccountsOfTheOrganizationAreReachedReadOncePerInvocation() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        OrganizationAccounts organization = () -> {
            reads.incrementAndGet();
            return Map.of(MEMBER, "ACTIVE", OTHER, "SUSPENDED", OWN, "ACTIVE");
        };
        TriggerConfig config = FunctionConfig.read(Map.of("ALLOWED_ACCOUNT_IDS", "organization"))
                .triggerConfig(ARN, organization)
                .forOneInvocation();
        SweepOrder.Run run = order("{\"controls\": [\"EC2.13\"], \"accounts\": \"allowed\"}", config);
        assertEquals(List.of(AccountRegion.OWN, at(MEMBER, "us-east-1")), run.pairs());
        InvalidRequestException suspended = assertThrows(
                InvalidRequestException.class,
                () -> order("{\"controls\": [\"EC2.13\"], \"accounts\": [\"" + OTHER + "\"]}", config));
        assertEquals("sweep.accounts[0]", suspended.field());
        assertTrue(suspended.reason().contains("SUSPENDED"), suspended.reason());
        InvalidRequestException outside = assertThrows(
                InvalidRequestException.class,
                () -> order("{\"controls\": [\"EC2.13\"], \"accounts\": [\"999999999999\"]}", config));
        assertTrue(outside.reason().contains("not an account of the organization"), outside.reason());
        assertEquals(1, reads.get(), "one read for the invocation");
    }

    @Test
    void anOrganizationThatCannotBeReadRefusesEveryMemberButNotTheOwnAccount() throws Exception {
        OrganizationAccounts unreadable = () -> {
            throw new OrganizationAccounts.Unreadable("AccessDeniedException");
        };
        AccountPolicy accounts = AccountPolicy.forFunction(
                ARN, new Reach(java.util.Set.of(), true, List.of(), List.of(), false), unreadable);
        assertTrue(accounts.allows(OWN));
        assertTrue(accounts.refusal(MEMBER, null).orElseThrow().contains("AccessDeniedException"));
    }

    @Test
    void aFailedReadIsNotRepeatedWithinOneInvocation() {
        AtomicInteger reads = new AtomicInteger();
        OrganizationAccounts throttled = () -> {
            reads.incrementAndGet();
            throw new OrganizationAccounts.Unreadable("TooManyRequestsException");
        };
        AccountPolicy accounts = AccountPolicy.forFunction(
                        ARN, new Reach(java.util.Set.of(), true, List.of(), List.of(), false), throttled)
                .oncePerInvocation();
        for (int i = 0; i < 100; i++) {
            assertTrue(accounts.refusal(MEMBER, null).isPresent());
        }
        assertEquals(1, reads.get(), "one read for the invocation, failed or not");
    }
}
