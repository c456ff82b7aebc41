package dev.sgrevoker.intake;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.exception.InvalidRequestException;
import java.util.Objects;

/**
 * Where in the input a value was read: a JSON Pointer into the document being read, and the path errors name
 * ({@code IpPermissions[0].ToPort}, {@code Records[2].body.GroupId}). Paths are only ever extended, so an error's
 * field is composed where the value is read and never edited afterwards.
 */
public final class FieldPath {
    private static final FieldPath ROOT = new FieldPath(JsonPointer.empty(), "");

    private final JsonPointer pointer;
    private final String text;

    private FieldPath(JsonPointer pointer, String text) {
        this.pointer = pointer;
        this.text = text;
    }

    public static FieldPath root() {
        return ROOT;
    }

    /** A path of member names from the root, e.g. {@code of("detail", "eventID")}. */
    public static FieldPath of(String... names) {
        return ROOT.child(names);
    }

    /**
     * A place known only by its text: a configuration variable, or a sweep document read with its own field names.
     * Errors name it; it reads nothing.
     */
    public static FieldPath named(String text) {
        return new FieldPath(JsonPointer.empty(), text);
    }

    public FieldPath child(String... names) {
        FieldPath p = this;
        for (String name : names) {
            p = new FieldPath(p.pointer.appendProperty(name), p.text.isEmpty() ? name : p.text + "." + name);
        }
        return p;
    }

    public FieldPath index(int i) {
        return new FieldPath(pointer.appendIndex(i), text + "[" + i + "]");
    }

    /**
     * The root of a document carried as text in this value (an SQS body, a shorthand string): reads start again at
     * that document's root, while errors keep naming the whole way there.
     */
    public FieldPath nested() {
        return new FieldPath(JsonPointer.empty(), text);
    }

    /** The node this path names in {@code document}; a MissingNode when any step is absent. */
    public JsonNode in(JsonNode document) {
        return document.at(pointer);
    }

    public JsonPointer pointer() {
        return pointer;
    }

    public boolean isRoot() {
        return text.isEmpty();
    }

    /** The error for a bad value here; the message names this path. */
    public InvalidRequestException invalid(String reason) {
        return new InvalidRequestException(toString(), reason);
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "(input)" : text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath other && pointer.equals(other.pointer) && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pointer, text);
    }
}
