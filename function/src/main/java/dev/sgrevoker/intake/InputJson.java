package dev.sgrevoker.intake;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Every JSON the function is given is parsed here, bounded and strict: a key given twice is refused (so
 * {@code "DryRun": true, "DryRun": false} cannot revoke), nesting is bounded, and a payload larger than
 * EventBridge and SQS would carry (256 KB) is refused before it is read as a request. Nothing is revoked for any
 * of these.
 */
public final class InputJson {
    /** EventBridge's and SQS's limit for one event or message. */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    /** Lambda's limit for a synchronous invocation: an SQS batch of up to ten messages may be this large. */
    public static final int MAX_BATCH_BYTES = 6 * 1024 * 1024;
    /** Deeper than any AWS event we read (a Security Hub finding is about 8). */
    public static final int MAX_NESTING_DEPTH = 64;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .build())
                    .errorReportConfiguration(ErrorReportConfiguration.builder()
                            .maxErrorTokenLength(Excerpt.MAX)
                            .maxRawContentLength(Excerpt.MAX)
                            .build())
                    .build())
            .build();

    /** Jackson reports a duplicate key only by this message (a JsonParseException like any syntax error). */
    private static final String DUPLICATE = "Duplicate field '";

    private InputJson() {}

    /** The invocation's payload. Only an SQS batch may exceed 256 KB; its bodies are bounded one by one. */
    public static JsonNode read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BATCH_BYTES + 1);
        FieldPath root = FieldPath.root();
        if (bytes.length > MAX_BATCH_BYTES) {
            throw root.invalid("is larger than " + MAX_BATCH_BYTES + " bytes, Lambda's invocation limit");
        }
        JsonNode payload = parse(bytes, root);
        boolean batch = payload != null && payload.isObject() && payload.has("Records");
        if (!batch && bytes.length > MAX_PAYLOAD_BYTES) {
            throw tooLarge(root, bytes.length);
        }
        return payload;
    }

    /** A JSON document carried as text at {@code at} (an SQS message body); errors are named from there. */
    public static JsonNode read(String text, FieldPath at) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PAYLOAD_BYTES) {
            throw tooLarge(at, bytes.length);
        }
        return parse(bytes, at);
    }

    private static JsonNode parse(byte[] bytes, FieldPath at) {
        try {
            return MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            if (e.getProcessor() instanceof JsonParser parser
                    && e.getOriginalMessage().startsWith(DUPLICATE)) {
                throw where(parser.getParsingContext(), at).invalid("is given twice; a key may appear once");
            }
            throw at.invalid("is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading bytes already in memory", e);
        }
    }

    /** The path of the member the parser stopped at, from the document's root at {@code at}. */
    private static FieldPath where(JsonStreamContext context, FieldPath at) {
        if (context == null || context.inRoot()) {
            return at;
        }
        FieldPath parent = where(context.getParent(), at);
        if (context.inArray()) {
            return parent.index(Math.max(0, context.getCurrentIndex()));
        }
        String name = context.getCurrentName();
        return name == null ? parent : parent.child(Excerpt.of(name));
    }

    private static RuntimeException tooLarge(FieldPath at, int bytes) {
        return at.invalid("is " + bytes + " bytes; at most " + MAX_PAYLOAD_BYTES
                + " (256 KB, EventBridge's and SQS's limit) is accepted");
    }
}
