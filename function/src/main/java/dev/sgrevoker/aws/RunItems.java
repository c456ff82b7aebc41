package dev.sgrevoker.aws;

import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.ShardOfRun;
import dev.sgrevoker.run.RunState;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A run's items as the run table holds them ({@link DynamoRunTable}: pk the run's id, sk {@code run} or a part's key),
 * read back into {@link RunState}, and the attribute values they are written with.
 */
final class RunItems {
    private RunItems() {}

    static RunState.Run run(String runId, Map<String, AttributeValue> item) {
        return new RunState.Run(
                runId,
                Integer.parseInt(item.get("limit").n()),
                Integer.parseInt(item.get("reserved").n()),
                Instant.parse(item.get("startedAt").s()),
                Instant.parse(item.get("deadline").s()),
                instant(item, "cancelledAt"),
                instant(item, "reportedAt"),
                progress(item));
    }

    static RunState.Progress progress(Map<String, AttributeValue> item) {
        return new RunState.Progress(
                Integer.parseInt(item.get("shards").n()),
                Integer.parseInt(item.get("shardsLeft").n()),
                Integer.parseInt(item.get("handOversSent").n()),
                Integer.parseInt(item.get("handOversDone").n()));
    }

    static RunState.Part part(String runId, Map<String, AttributeValue> item) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        if (item.containsKey("counts")) {
            item.get("counts").m().forEach((o, v) -> counts.put(Outcome.valueOf(o), Integer.parseInt(v.n())));
        }
        String key = item.get("sk").s();
        // shard#account:region or handover#account:region#group: a part that has only reserved so far says no more.
        String[] pair = key.split("#")[1].split(":");
        return new RunState.Part(
                key,
                new ShardOfRun(runId, pair[0], pair[1]),
                key.startsWith("handover#"),
                instant(item, "finishedAt"),
                counts,
                item.containsKey("failure") ? item.get("failure").s() : null,
                item.containsKey("handedOver")
                        ? Integer.parseInt(item.get("handedOver").n())
                        : 0);
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Instant.parse(item.get(name).s()) : null;
    }

    static Map<String, AttributeValue> key(String runId, String sk) {
        return Map.of("pk", s(runId), "sk", s(sk));
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(int v) {
        return AttributeValue.fromN(Integer.toString(v));
    }
}
