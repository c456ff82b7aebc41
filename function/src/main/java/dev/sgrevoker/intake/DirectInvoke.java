package dev.sgrevoker.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.RevocationRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * A direct invocation's payload: one request in the cli-input-json, shorthand or simplified-flags form, or a list of
 * them (a JSON array, or {"requests": [...]} where an object is required, as in an EventBridge detail).
 * Any malformed request rejects the whole payload, so nothing is revoked for it.
 */
public final class DirectInvoke {
    /**
     * Permissions and rule ids in one payload, counted after each IpPermission is expanded to one per source: a
     * bound on the work one message can ask for (EC2 allows 60 rules per group by default, 1000 at most).
     */
    public static final int MAX_ITEMS = 1000;

    private DirectInvoke() {}

    public record Parsed(InputForm form, List<RevocationRequest> requests) {}

    public static Parsed parse(JsonNode payload) {
        return parse(payload, FieldPath.root());
    }

    /** A payload found at {@code where} (an EventBridge detail, an SQS body): errors are named from there. */
    public static Parsed parse(JsonNode payload, FieldPath where) {
        if (payload == null || payload.isNull() || payload.isMissingNode()) {
            throw where.invalid("is empty: expected a revocation request");
        }
        if (payload.isArray()) {
            return list(payload, where);
        }
        if (payload.isObject() && payload.has("requests")) {
            FieldPath requests = where.child("requests");
            if (payload.size() != 1) {
                throw requests.invalid("must stand alone: put GroupId, DryRun and the rest inside each request");
            }
            JsonNode list = payload.get("requests");
            if (!list.isArray()) {
                throw requests.invalid("must be a list of requests");
            }
            return list(list, requests);
        }
        RevocationRequest one = single(payload, where);
        checkSize(one.items().size(), where);
        return new Parsed(one.form(), List.of(one));
    }

    private static Parsed list(JsonNode array, FieldPath path) {
        if (array.isEmpty()) {
            throw path.invalid("is an empty list: nothing to revoke");
        }
        List<RevocationRequest> requests = new ArrayList<>();
        int items = 0;
        for (int i = 0; i < array.size(); i++) {
            RevocationRequest request = single(array.get(i), path.index(i));
            items += request.items().size();
            checkSize(items, path.index(i));
            requests.add(request);
        }
        return new Parsed(InputForm.REQUEST_LIST, requests);
    }

    /** The form a payload is written in, by its shape alone, without reading it as a request. */
    public static InputForm formOf(JsonNode payload) {
        if (payload != null && (payload.isArray() || payload.has("requests"))) {
            return InputForm.REQUEST_LIST;
        }
        if (payload != null && SimplifiedFlags.uses(payload)) {
            return InputForm.SIMPLIFIED_FLAGS;
        }
        return payload != null && CliInputJson.isShorthand(payload) ? InputForm.SHORTHAND : InputForm.CLI_INPUT_JSON;
    }

    private static void checkSize(int items, FieldPath at) {
        if (items > MAX_ITEMS) {
            throw at.invalid("the payload names " + items + " permissions and rule ids (one per source of each"
                    + " IpPermission) by here; at most " + MAX_ITEMS + " are accepted, so send several payloads");
        }
    }

    public static RevocationRequest single(JsonNode request, FieldPath path) {
        if (request == null || !request.isObject()) {
            throw path.invalid("must be a JSON object describing a revocation");
        }
        return SimplifiedFlags.uses(request) ? SimplifiedFlags.parse(request, path) : CliInputJson.parse(request, path);
    }
}
