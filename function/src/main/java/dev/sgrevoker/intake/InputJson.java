package dev.sgrevoker.intake;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Every JSON the function is given is parsed here, bounded and strict: a key given twice is refused (so
 * {@code "DryRun": true, "DryRun": false} cannot revoke), so is anything but whitespace after the one JSON value (so
 * {@code {…"DryRun": true} {"DryRun": false}} is not acted on as its first half), nesting is bounded, and a payload
 * larger than EventBridge and SQS would carry (256 KB) is refused before it is read as a request. Nothing is
 * revoked for any of these.
 */
public final class InputJson {
    /** EventBridge's and SQS's limit for one event or message. */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    /** Lambda's limit for a synchronous invocation: an SQS batch of up to ten messages may be this large. */
    public static final int MAX_BATCH_BYTES = 6 * 1024 * 1024;
    /** Deeper than any AWS event we read (a Security Hub finding is about 8). */
    public static final int MAX_NESTING_DEPTH = 64;

    /** jackson-core's parser builds the tree: an ObjectMapper costs about 0.1 s of a cold start (report.JsonText). */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .build())
            .errorReportConfiguration(ErrorReportConfiguration.builder()
                    .maxErrorTokenLength(Excerpt.MAX)
                    .maxRawContentLength(Excerpt.MAX)
                    .build())
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

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

    /** A document the function stored itself (a plan), read back whole up to {@code maxBytes}; errors name {@code at}. */
    public static JsonNode read(InputStream in, int maxBytes, FieldPath at) throws IOException {
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw at.invalid("is larger than " + maxBytes + " bytes");
        }
        return parse(bytes, at);
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
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return MissingNode.getInstance(); // as databind's readTree: no content is a missing node
            }
            JsonNode value = tree(parser, first, at);
            refuseTrailing(bytes, (int) parser.currentLocation().getByteOffset(), at);
            return value;
        } catch (JsonProcessingException e) {
            throw at.invalid("is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading bytes already in memory", e);
        }
    }

    /**
     * One JSON value is the whole document: whatever follows it but JSON whitespace would be a second value, or
     * garbage, that a reader stopping at the first one silently ignores.
     */
    private static void refuseTrailing(byte[] bytes, int end, FieldPath at) {
        int next = end;
        while (next < bytes.length && isJsonWhitespace(bytes[next])) {
            next++;
        }
        if (next < bytes.length) {
            String rest =
                    new String(bytes, next, Math.min(bytes.length - next, 4 * Excerpt.MAX), StandardCharsets.UTF_8);
            throw at.invalid("has more after its JSON value, at byte " + next + ": '" + Excerpt.of(rest)
                    + "'; one JSON value is accepted, followed by nothing but whitespace");
        }
    }

    private static boolean isJsonWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /**
     * The value starting at {@code token}, with the node types databind's readTree gives; a key its object already
     * has is refused, named from {@code at}, before its value is read.
     */
    private static JsonNode tree(JsonParser parser, JsonToken token, FieldPath at) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    if (object.has(name)) {
                        throw where(parser.getParsingContext(), at).invalid("is given twice; a key may appear once");
                    }
                    object.set(name, tree(parser, parser.nextToken(), at));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    array.add(tree(parser, item, at));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT ->
                switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new JsonParseException(parser, "unexpected " + token);
        };
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
