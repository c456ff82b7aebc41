package dev.sgrevoker.report.view;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads results and plans in every form the function writes them, streaming: a response or {@code result.json}
 * ({@code permissions}), a result event's {@code detail} ({@code unrevoked}, {@code revoked}), a whole EventBridge
 * event, a fallback queue's message ({@code Body}, or {@code Messages} as {@code aws sqs receive-message} prints
 * them), a result log line ({@code "kind": "result"}), a plan ({@code apply.rules}), or a JSON array of any of these
 * (the parts of one result, or {@code bin/local-invoke --events-out}). Entries are parsed one at a time with
 * jackson-core's parser (no ObjectMapper, as in {@link dev.sgrevoker.report.JsonText}), so a 100,000-rule
 * {@code result.json} is never held whole. The first walk reads every document's header and skips its entries; each
 * later walk streams the entries.
 */
public final class ResultDocuments {
    /** An input that can be opened more than once. */
    @FunctionalInterface
    public interface Input {
        InputStream open() throws IOException;
    }

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> RESULT_ENTRIES = Set.of("permissions", "unrevoked", "revoked");

    private ResultDocuments() {}

    public static ReportSource read(Path file) {
        return read(() -> Files.newInputStream(file), file.toString());
    }

    /** A document already in memory (a test's, or a queue message's parsed body). */
    public static ReportSource read(JsonNode tree) {
        return readParsers(tree::traverse, "the document");
    }

    /** Reads the headers now; throws {@link IllegalArgumentException} when the input holds no result or plan. */
    public static ReportSource read(Input input, String name) {
        return readParsers(() -> FACTORY.createParser(input.open()), name);
    }

    private interface Parsers {
        JsonParser open() throws IOException;
    }

    private static ReportSource readParsers(Parsers input, String name) {
        List<ReportHeader> headers = new ArrayList<>();
        new Walk(input, headers, null).run();
        List<ReportHeader> documents = headers.stream().filter(h -> h != null).toList();
        if (documents.isEmpty()) {
            throw new IllegalArgumentException(name + " holds no sg-revoker result or plan (a response, result.json,"
                    + " a result event or its detail, a fallback message, a result log line, or a plan)");
        }
        ReportHeader merged = ReportHeader.merged(documents);
        return new ReportSource() {
            @Override
            public ReportHeader header() {
                return merged;
            }

            @Override
            public void forEachEntry(Consumer<List<RuleRow>> entry) {
                new Walk(input, headers, entry).run();
            }
        };
    }

    /**
     * One walk over the input. Every object gets an index in the order it opens, the same in every walk; the first
     * walk ({@code rows} null) records each object's header (null for an object that is no document), later walks
     * stream the entries with the header of the document they belong to.
     */
    private static final class Walk {
        private final Parsers input;
        private final List<ReportHeader> headers;
        private final Consumer<List<RuleRow>> rows;
        private int objects;

        Walk(Parsers input, List<ReportHeader> headers, Consumer<List<RuleRow>> rows) {
            this.input = input;
            this.headers = headers;
            this.rows = rows;
        }

        void run() {
            // The parser closes the stream it was given (AUTO_CLOSE_SOURCE).
            try (JsonParser p = input.open()) {
                if (p.nextToken() != null) {
                    value(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading the result: " + e.getMessage(), e);
            }
        }

        private boolean headerWalk() {
            return rows == null;
        }

        private void value(JsonParser p) throws IOException {
            switch (p.currentToken()) {
                case START_ARRAY -> {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        value(p);
                    }
                }
                case START_OBJECT -> object(p);
                default -> p.skipChildren();
            }
        }

        /** An object: a document, an envelope around one (detail, result, Body, Messages), or neither. */
        private int object(JsonParser p) throws IOException {
            int index = objects++;
            if (headerWalk()) {
                headers.add(null);
            }
            ObjectNode fields = JSON.objectNode();
            boolean document = false;
            int nested = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken token = p.nextToken();
                if (RESULT_ENTRIES.contains(name) && token == JsonToken.START_ARRAY) {
                    document = true;
                    entries(p, index, false);
                } else if (name.equals("apply") && token == JsonToken.START_OBJECT) {
                    document = true;
                    fields.set("apply", apply(p, index));
                } else if ((name.equals("detail") || name.equals("result")) && token == JsonToken.START_OBJECT) {
                    nested = object(p);
                } else if ((name.equals("Body") || name.equals("body")) && token == JsonToken.VALUE_STRING) {
                    nested = body(p.getText());
                } else if ((name.equals("Messages") || name.equals("Records")) && token == JsonToken.START_ARRAY) {
                    value(p);
                } else if (name.equals("restore") || name.equals("restoreEgress") || !headerWalk()) {
                    p.skipChildren();
                } else {
                    fields.set(name, tree(p));
                }
            }
            if (headerWalk()) {
                document |= fields.has("counts") && fields.has("invocationId");
                if (document) {
                    headers.set(index, ReportHeader.of(fields));
                } else if (nested >= 0 && headers.get(nested) != null) {
                    // An EventBridge event's account and region are those of the result it carries.
                    headers.set(
                            nested,
                            headers.get(nested)
                                    .placedIn(
                                            ReportHeader.text(fields, "account"), ReportHeader.text(fields, "region")));
                }
            }
            return index;
        }

        private ObjectNode apply(JsonParser p, int index) throws IOException {
            ObjectNode fields = JSON.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken token = p.nextToken();
                if (name.equals("rules") && token == JsonToken.START_ARRAY) {
                    entries(p, index, true);
                } else if (headerWalk()) {
                    fields.set(name, tree(p));
                } else {
                    p.skipChildren();
                }
            }
            return fields;
        }

        private void entries(JsonParser p, int index, boolean planLines) throws IOException {
            if (headerWalk()) {
                p.skipChildren();
                return;
            }
            ReportHeader header = headers.get(index);
            while (p.nextToken() != JsonToken.END_ARRAY) {
                JsonNode entry = tree(p);
                if (entry.isObject()) {
                    rows.accept(planLines ? List.of(EntryRows.ofPlanLine(entry, header)) : EntryRows.of(entry, header));
                }
            }
        }

        /** A queue message's body: the result event's detail as JSON text (at most 256 KB, so read whole). */
        private int body(String text) throws IOException {
            JsonNode doc;
            try (JsonParser p = FACTORY.createParser(text)) {
                doc = p.nextToken() == JsonToken.START_OBJECT ? tree(p) : null;
            } catch (JsonParseException e) {
                return -1; // a body that is not JSON is no result: left out like any other foreign value
            }
            if (doc == null) {
                return -1;
            }
            try (JsonParser p = doc.traverse()) {
                p.nextToken();
                return object(p);
            }
        }
    }

    /** The value at the parser as a tree, built from its tokens. */
    static JsonNode tree(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode o = JSON.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, tree(p));
                }
                yield o;
            }
            case START_ARRAY -> {
                ArrayNode a = JSON.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(tree(p));
                }
                yield a;
            }
            case VALUE_STRING -> JSON.textNode(p.getText());
            case VALUE_NUMBER_INT ->
                switch (p.getNumberType()) {
                    case INT -> JSON.numberNode(p.getIntValue());
                    case LONG -> JSON.numberNode(p.getLongValue());
                    default -> JSON.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT -> JSON.numberNode(p.getDecimalValue());
            case VALUE_TRUE -> JSON.booleanNode(true);
            case VALUE_FALSE -> JSON.booleanNode(false);
            case VALUE_NULL -> JSON.nullNode();
            default -> throw new IOException("unexpected " + p.currentToken() + " in a result");
        };
    }
}
