package dev.sgrevoker.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Invokes a stream handler the way the Lambda runtime does: raw JSON bytes in, raw bytes out, a {@link LocalContext}. */
public final class Lambda {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Lambda() {}

    public record Invocation(String requestId, JsonNode response, String log) {}

    public static Invocation invoke(RequestStreamHandler handler, String json) {
        return invoke(handler, json, LocalContext.forTest());
    }

    public static Invocation invoke(RequestStreamHandler handler, String json, LocalContext context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, context);
            return new Invocation(context.getAwsRequestId(), MAPPER.readTree(out.toByteArray()), context.log());
        } catch (IOException e) {
            throw new AssertionError("handler I/O failed", e);
        }
    }
}
