package dev.sgrevoker.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/** Security Hub's BatchUpdateFindings as the function calls it: the request's JSON in, a 200 answer's JSON out. */
interface FindingsApi {
    /**
     * Throws {@link Refused} for any answer but 200, and the SDK's or JDK's exceptions when none came within
     * {@code timeout}.
     */
    JsonNode batchUpdateFindings(ObjectNode request, Duration timeout);

    /** Security Hub answered, and not with 200: its status, error type and message. */
    final class Refused extends RuntimeException {
        Refused(int status, String errorType, String message) {
            super("HTTP " + status + (errorType == null ? "" : " " + errorType) + ": " + message);
        }
    }
}
