package dev.sgrevoker.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON text of a tree, written with jackson-core's generator alone: {@code JsonNode.toString()} and an ObjectMapper
 * would load databind's serializer machinery, about a tenth of a second of a cold start (docs/performance.md).
 * The text is the same as databind writes: compact, members in insertion order.
 */
public final class JsonText {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonText() {}

    public static String of(JsonNode node) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = FACTORY.createGenerator(text)) {
            write(out, node);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string", e);
        }
        return text.toString();
    }

    /** The size EventBridge and SQS count: UTF-8 bytes. */
    public static int utf8Length(JsonNode node) {
        return of(node).getBytes(StandardCharsets.UTF_8).length;
    }

    /** Writes the tree as UTF-8 and closes {@code out}, as a handler's response stream is closed. */
    public static void write(JsonNode node, OutputStream out) throws IOException {
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, node);
        }
    }

    /**
     * Writes an object made of {@code head}'s members, then {@code arrayName} holding {@code items} each written as
     * it is produced (never all in memory), then {@code tail}'s members, as UTF-8; closes {@code out}.
     */
    public static void writeObject(
            OutputStream out, ObjectNode head, String arrayName, Iterator<? extends JsonNode> items, ObjectNode tail)
            throws IOException {
        writeObject(out, null, head, arrayName, items, tail);
    }

    /** As {@link #writeObject(OutputStream, ObjectNode, String, Iterator, ObjectNode)}, as the only member
     * {@code within} of an outer object where it is not null ({@code {"apply": {...}}}). */
    public static void writeObject(
            OutputStream out,
            String within,
            ObjectNode head,
            String arrayName,
            Iterator<? extends JsonNode> items,
            ObjectNode tail)
            throws IOException {
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            if (within != null) {
                generator.writeStartObject();
                generator.writeFieldName(within);
            }
            generator.writeStartObject();
            members(generator, head);
            generator.writeFieldName(arrayName);
            generator.writeStartArray();
            while (items.hasNext()) {
                write(generator, items.next());
            }
            generator.writeEndArray();
            members(generator, tail);
            generator.writeEndObject();
            if (within != null) {
                generator.writeEndObject();
            }
        }
    }

    private static void members(JsonGenerator out, ObjectNode node) throws IOException {
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            out.writeFieldName(member.getKey());
            write(out, member.getValue());
        }
    }

    private static void write(JsonGenerator out, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.writeStartObject();
                for (Map.Entry<String, JsonNode> member : node.properties()) {
                    out.writeFieldName(member.getKey());
                    write(out, member.getValue());
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (JsonNode item : node) {
                    write(out, item);
                }
                out.writeEndArray();
            }
            case STRING -> out.writeString(node.textValue());
            case NUMBER -> number(out, node);
            case BOOLEAN -> out.writeBoolean(node.booleanValue());
            case NULL -> out.writeNull();
            case BINARY -> out.writeBinary(node.binaryValue());
            // Neither is ever built here: a missing node has no text, and a POJO would need databind to write.
            case MISSING, POJO ->
                throw new IllegalArgumentException("no JSON text for a " + node.getNodeType() + " node");
        }
    }

    private static void number(JsonGenerator out, JsonNode node) throws IOException {
        switch (node.numberType()) {
            case INT -> out.writeNumber(node.intValue());
            case LONG -> out.writeNumber(node.longValue());
            case BIG_INTEGER -> out.writeNumber(node.bigIntegerValue());
            case FLOAT -> out.writeNumber(node.floatValue());
            case DOUBLE -> out.writeNumber(node.doubleValue());
            case BIG_DECIMAL -> out.writeNumber(node.decimalValue());
        }
    }
}
