package dev.sgrevoker.report.bucket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.report.JsonText;
import dev.sgrevoker.report.ResultEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * A dry run's plan ({@code plan.json}): {@code {"apply": {planId, createdAt, expiresAt, rules: [...]}}}, one line per
 * rule an enforcing run would revoke, each with its before-image as EC2 described it: what a reviewer trims and sends
 * back. Written line by line, never whole in memory.
 */
public final class PlanDocument {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PlanDocument() {}

    /** What the plan says of itself; {@code account} and {@code region} fill a line whose entry names neither. */
    public record Header(String planId, Instant createdAt, Instant expiresAt, String account, String region) {}

    /** Writes the plan as UTF-8 and closes {@code out}: a line for each rule of the result's DRY_RUN entries. */
    public static void write(RevocationResult result, Header h, OutputStream out) throws IOException {
        ObjectNode head = JSON.objectNode()
                .put("planId", h.planId())
                .put("createdAt", h.createdAt().toString())
                .put("expiresAt", h.expiresAt().toString());
        JsonText.writeObject(out, "apply", head, "rules", lines(result, h).iterator(), JSON.objectNode());
    }

    /** Every before-image of every distinct DRY_RUN entry, as a plan line. */
    static Stream<JsonNode> lines(RevocationResult result, Header h) {
        return result.distinct().stream()
                .filter(p -> p.outcome() == Outcome.DRY_RUN)
                .flatMap(p -> p.before().stream().map(rule -> line(p, rule, h)));
    }

    static ObjectNode line(PermissionOutcome p, DescribedRule rule, Header h) {
        String account = p.subject().accountOfGroup();
        ObjectNode o = JSON.objectNode()
                .put("account", account != null ? account : h.account())
                .put(
                        "region",
                        p.subject().where() == null
                                ? h.region()
                                : p.subject().where().region().name(h.region()))
                .put("groupId", rule.groupId())
                .put("ruleId", rule.ruleId())
                .put("direction", rule.egress() ? "egress" : "ingress");
        o.set("permission", ResultEntry.ipPermission(rule.permission()));
        return o;
    }
}
