package dev.sgrevoker.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.exception.InvalidRequestException;
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
        if (payload == null || payload.isNull() || payload.isMissingNode()) {
            throw new InvalidRequestException("(input)", "is empty: expected a revocation request");
        }
        if (payload.isArray()) {
            return list(payload, "");
        }
        if (payload.isObject() && payload.has("requests")) {
            if (payload.size() != 1) {
                throw new InvalidRequestException(
                        "requests", "must stand alone: put GroupId, DryRun and the rest inside each request");
            }
            JsonNode list = payload.get("requests");
            if (!list.isArray()) {
                throw new InvalidRequestException("requests", "must be a list of requests");
            }
            return list(list, "requests");
        }
        RevocationRequest one = single(payload, "");
        return new Parsed(one.form(), List.of(one));
    }

    private static Parsed list(JsonNode array, String path) {
        if (array.isEmpty()) {
            throw new InvalidRequestException(path.isEmpty() ? "(input)" : path, "is an empty list: nothing to revoke");
        }
        List<RevocationRequest> requests = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            requests.add(single(array.get(i), path + "[" + i + "]"));
        }
        return new Parsed(InputForm.REQUEST_LIST, requests);
    }

    public static RevocationRequest single(JsonNode request, String path) {
        if (request == null || !request.isObject()) {
            throw new InvalidRequestException(
                    path.isEmpty() ? "(input)" : path, "must be a JSON object describing a revocation");
        }
        return SimplifiedFlags.uses(request) ? SimplifiedFlags.parse(request, path) : CliInputJson.parse(request, path);
    }
}
