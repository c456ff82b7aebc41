package dev.sgrevoker.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.intake.trigger.OrganizationAccounts;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The organization's accounts and their states, for ALLOWED_ACCOUNT_IDS=organization: every account (ListAccounts),
 * or with ORGANIZATION_UNIT_IDS only those under the OUs, nested OUs included (ListAccountsForParent, ListChildren).
 * Kept for {@link #KEPT} so that a busy instance asks Organizations (whose limits are low) rarely; a read that
 * failed stands for {@link #FAILURE_KEPT}, and a stale list is never used in its place (fail closed). Each invocation reads at most once on top of that (OrganizationAccounts.once).
 */
public final class OrganizationAccountList implements OrganizationAccounts {
    /** How long a read stands: an account suspended meanwhile is still acted for until then (the role then fails). */
    static final Duration KEPT = Duration.ofMinutes(5);
    /** How long a failed read stands: Organizations is not asked again by every invocation while it refuses. */
    static final Duration FAILURE_KEPT = Duration.ofSeconds(30);
    /** Nested OUs are walked to at most this many OUs: Organizations allows five levels, and a bound keeps it safe. */
    private static final int MAX_UNITS = 1_000;

    private final Supplier<Calls> calls;
    private final List<String> units;
    private final LongSupplier nanos;
    private Map<String, String> read;
    private long readAt;
    private Unreadable failed;
    private long failedAt;

    /** One Organizations call: its operation name and body, answered as JSON, or Unreadable. */
    interface Calls {
        JsonNode call(String operation, ObjectNode body);
    }

    OrganizationAccountList(Supplier<Calls> calls, List<String> units, LongSupplier nanos) {
        this.calls = calls;
        this.units = List.copyOf(units);
        this.nanos = nanos;
    }

    @Override
    public synchronized Map<String, String> states() {
        long now = nanos.getAsLong();
        if (read == null || now - readAt > KEPT.toNanos()) {
            if (failed != null && now - failedAt <= FAILURE_KEPT.toNanos()) {
                throw new Unreadable(failed.getMessage());
            }
            try {
                read = Map.copyOf(units.isEmpty() ? everyAccount() : underUnits());
                readAt = now;
                failed = null;
            } catch (Unreadable e) {
                failed = e;
                failedAt = now;
                throw e;
            }
        }
        return read;
    }

    private Map<String, String> everyAccount() {
        Map<String, String> out = new LinkedHashMap<>();
        pages("ListAccounts", JsonNodeFactory.instance.objectNode(), "Accounts", a -> put(out, a));
        return out;
    }

    private Map<String, String> underUnits() {
        Map<String, String> out = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>(units);
        Set<String> seen = new HashSet<>(units);
        while (!todo.isEmpty()) {
            String unit = todo.pop();
            ObjectNode parent = JsonNodeFactory.instance.objectNode().put("ParentId", unit);
            pages("ListAccountsForParent", parent, "Accounts", a -> put(out, a));
            ObjectNode children = parent.deepCopy().put("ChildType", "ORGANIZATIONAL_UNIT");
            pages("ListChildren", children, "Children", c -> {
                String id = c.path("Id").asText(null);
                if (id != null && seen.add(id)) {
                    if (seen.size() > MAX_UNITS) {
                        throw new Unreadable("more than " + MAX_UNITS + " OUs under ORGANIZATION_UNIT_IDS");
                    }
                    todo.add(id);
                }
            });
        }
        return out;
    }

    /** An account's state: State (ACTIVE, SUSPENDED, PENDING_CLOSURE), else the older Status, as moto gives it. */
    private static void put(Map<String, String> out, JsonNode account) {
        String id = account.path("Id").asText(null);
        if (id == null) {
            return;
        }
        String state = account.path("State").asText("");
        out.put(id, state.isEmpty() ? account.path("Status").asText("UNKNOWN") : state);
    }

    private void pages(String operation, ObjectNode body, String list, Consumer<JsonNode> each) {
        String token = null;
        do {
            ObjectNode page = body.deepCopy();
            if (token != null) {
                page.put("NextToken", token);
            }
            JsonNode answer = calls.get().call(operation, page);
            answer.path(list).forEach(each);
            token = answer.path("NextToken").asText(null);
        } while (token != null && !token.isEmpty());
    }
}
