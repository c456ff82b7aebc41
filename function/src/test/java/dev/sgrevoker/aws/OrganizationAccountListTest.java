package dev.sgrevoker.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.intake.trigger.OrganizationAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Every page, nested OUs, State before Status, a read kept briefly, a failure kept less, never a stale list. */
class OrganizationAccountListTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A made-up Organizations: the root's accounts in two pages; ou-a holds one account and ou-b, which holds one. */
    private final List<String> asked = new ArrayList<>();

    private boolean refusing;

    private JsonNode answer(String operation, ObjectNode body) {
        asked.add(operation + " " + body.path("ParentId").asText("")
                + body.path("NextToken").asText(""));
        if (refusing) {
            throw new OrganizationAccounts.Unreadable("AccessDeniedException");
        }
        String json = switch (operation + " " + body.path("ParentId").asText("")
                + body.path("NextToken").asText("")) {
            case "ListAccounts " ->
                "{\"Accounts\": [{\"Id\": \"111111111111\", \"State\": \"ACTIVE\", \"Status\": \"ACTIVE\"},"
                        + " {\"Id\": \"222222222222\", \"State\": \"SUSPENDED\", \"Status\": \"SUSPENDED\"}],"
                        + " \"NextToken\": \"p2\"}";
            case "ListAccounts p2" ->
                "{\"Accounts\": [{\"Id\": \"333333333333\", \"Status\": \"ACTIVE\"},"
                        + " {\"Id\": \"444444444444\", \"State\": \"PENDING_CLOSURE\", \"Status\": \"ACTIVE\"}]}";
            case "ListAccountsForParent ou-a" -> "{\"Accounts\": [{\"Id\": \"111111111111\", \"Status\": \"ACTIVE\"}]}";
            case "ListChildren ou-a" -> "{\"Children\": [{\"Id\": \"ou-b\", \"Type\": \"ORGANIZATIONAL_UNIT\"}]}";
            case "ListAccountsForParent ou-b" ->
                "{\"Accounts\": [{\"Id\": \"333333333333\", \"Status\": \"SUSPENDED\"}]}";
            case "ListChildren ou-b" -> "{\"Children\": []}";
            default -> throw new AssertionError("unexpected call " + operation + " " + body);
        };
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private final AtomicLong now = new AtomicLong();

    private OrganizationAccountList list(List<String> units) {
        return new OrganizationAccountList(() -> this::answer, units, now::get);
    }

    @Test
    void everyAccountOfEveryPageWithItsStateOrElseItsStatus() {
        assertEquals(
                Map.of(
                        "111111111111", "ACTIVE",
                        "222222222222", "SUSPENDED",
                        "333333333333", "ACTIVE",
                        "444444444444", "PENDING_CLOSURE"),
                list(List.of()).states());
        assertEquals(List.of("ListAccounts ", "ListAccounts p2"), asked);
    }

    @Test
    void underOrganizationUnitsNestedOnesIncluded() {
        assertEquals(
                Map.of("111111111111", "ACTIVE", "333333333333", "SUSPENDED"),
                list(List.of("ou-a")).states());
    }

    @Test
    void aReadIsKeptBrieflyAndAnUnreadableOneNotAtAll() {
        OrganizationAccountList accounts = list(List.of());
        accounts.states();
        now.addAndGet(OrganizationAccountList.KEPT.toNanos() - 1);
        accounts.states();
        assertEquals(2, asked.size(), "kept: no second read");
        now.addAndGet(2);
        refusing = true;
        assertThrows(OrganizationAccounts.Unreadable.class, accounts::states);
        refusing = false;
        assertThrows(OrganizationAccounts.Unreadable.class, accounts::states, "a failure stands a while");
        assertEquals(3, asked.size(), "not asked again meanwhile");
        now.addAndGet(OrganizationAccountList.FAILURE_KEPT.toNanos() + 1);
        accounts.states();
        assertEquals(5, asked.size(), "read again after it expired, and again once the failure's time is past");
    }
}
