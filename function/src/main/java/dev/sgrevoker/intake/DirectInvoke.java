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
        return new Parsed(one.form(), List.of(one));
    }

    private static Parsed list(JsonNode array, FieldPath path) {
        if (array.isEmpty()) {
            throw path.invalid("is an empty list: nothing to revoke");
        }
        List<RevocationRequest> requests = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            requests.add(single(array.get(i), path.index(i)));
        }
        return new Parsed(InputForm.REQUEST_LIST, requests);
    }

    public static RevocationRequest single(JsonNode request, FieldPath path) {
        if (request == null || !request.isObject()) {
            throw path.invalid("must be a JSON object describing a revocation");
        }
        return SimplifiedFlags.uses(request) ? SimplifiedFlags.parse(request, path) : CliInputJson.parse(request, path);
    }
}
