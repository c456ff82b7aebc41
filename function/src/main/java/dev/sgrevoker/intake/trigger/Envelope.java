package dev.sgrevoker.intake.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.model.TriggerFamily;
import java.util.List;

/**
 * An event whose family has been recognised, once, by its shape ({@link TriggerShape}): what the rest of intake
 * receives. An SQS batch carries its records; each record's body is recognised on its own when its message is read.
 */
public sealed interface Envelope {
    TriggerFamily family();

    /** One event, to be normalised whole: a direct payload or an EventBridge event. */
    sealed interface Single extends Envelope {}

    /** A direct-invoke payload (a request, a list of them, a sweep), found at {@code at} in the input. */
    record Direct(JsonNode payload, FieldPath at) implements Single {
        @Override
        public TriggerFamily family() {
            return TriggerFamily.DIRECT;
        }
    }

    /** An EventBridge event of an accepted family (its envelope and source already checked), found at {@code at}. */
    record EventBridge(JsonNode event, FieldPath at, TriggerFamily family) implements Single {}

    /** An SQS event of one or more records, each an SQS record; every message is read on its own. */
    record Batch(JsonNode event, List<JsonNode> records) implements Envelope {
        public Batch {
            records = List.copyOf(records);
        }

        @Override
        public TriggerFamily family() {
            return TriggerFamily.SQS_BATCH;
        }
    }
}
