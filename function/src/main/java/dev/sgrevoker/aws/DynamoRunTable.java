package dev.sgrevoker.aws;

import static dev.sgrevoker.aws.RunItems.key;
import static dev.sgrevoker.aws.RunItems.n;
import static dev.sgrevoker.aws.RunItems.part;
import static dev.sgrevoker.aws.RunItems.progress;
import static dev.sgrevoker.aws.RunItems.run;
import static dev.sgrevoker.aws.RunItems.s;

import dev.sgrevoker.model.ShardOfRun;
import dev.sgrevoker.run.RunState;
import dev.sgrevoker.run.RunTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The run table in DynamoDB (the template's RunTable: keys pk and sk, TTL on expiresAt). A run is one partition,
 * {@code pk} = its id: the run's item ({@code sk} = {@code run}: limit, reserved, progress counters, times) and one item
 * per part ({@code sk} = the part's key: its reservation, its end and counts). Only items are read and written (no
 * scans, no deletes), as the role allows. The client is built on first use.
 */
public final class DynamoRunTable implements RunTable {
    private static final String RUN = "run";

    private final String tableName;
    private final Supplier<DynamoDbClient> dynamo;

    public DynamoRunTable(String tableName, Supplier<DynamoDbClient> dynamo) {
        this.tableName = tableName;
        this.dynamo = dynamo;
    }

    @Override
    public void start(RunState.Run run, List<ShardOfRun> shards, Instant expiresAt) {
        String expires = Long.toString(expiresAt.getEpochSecond());
        Map<String, AttributeValue> item = new HashMap<>(key(run.runId(), RUN));
        item.put("limit", n(run.limit()));
        item.put("reserved", n(0));
        item.put("startedAt", s(run.startedAt().toString()));
        item.put("deadline", s(run.deadline().toString()));
        item.put("shards", n(shards.size()));
        item.put("shardsLeft", n(shards.size()));
        item.put("handOversSent", n(0));
        item.put("handOversDone", n(0));
        item.put("expiresAt", AttributeValue.fromN(expires));
        dynamo.get().putItem(r -> r.tableName(tableName).item(item).conditionExpression("attribute_not_exists(pk)"));
        for (ShardOfRun shard : shards) {
            Map<String, AttributeValue> part = new HashMap<>(key(run.runId(), shard.shardPart()));
            part.put("account", s(shard.account()));
            part.put("region", s(shard.region()));
            part.put("handOver", AttributeValue.fromBool(false));
            part.put("expiresAt", AttributeValue.fromN(expires));
            dynamo.get().putItem(r -> r.tableName(tableName).item(part));
        }
    }

    @Override
    public Optional<RunState> read(String runId) {
        RunState.Run run = null;
        List<RunState.Part> parts = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.get()
                    .query(q -> q.tableName(tableName)
                            .consistentRead(true)
                            .keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", s(runId)))
                            .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                if (RUN.equals(item.get("sk").s())) {
                    run = run(runId, item);
                } else {
                    parts.add(part(runId, item));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return run == null ? Optional.empty() : Optional.of(new RunState(run, parts));
    }

    @Override
    public Reservation reserve(String runId, String partKey, int rules) {
        Optional<Reservation> earlier = earlierAnswer(runId, partKey);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Map<String, AttributeValue> runItem = getRun(runId);
        if (runItem == null) {
            return new Reservation(Reservation.Answer.NO_RUN, 0, 0);
        }
        int limit = Integer.parseInt(runItem.get("limit").n());
        // The counter and the part's answer in one transaction: a redelivered shard finds its answer, never reserves
        // twice, and concurrent shards never pass the limit (DynamoDB cannot add in a condition: the room is ours).
        TransactWriteItem counter = TransactWriteItem.builder()
                .update(u -> u.tableName(tableName)
                        .key(key(runId, RUN))
                        .updateExpression("ADD reserved :n")
                        .conditionExpression("attribute_not_exists(cancelledAt) AND reserved <= :room")
                        .expressionAttributeValues(Map.of(":n", n(rules), ":room", n(limit - rules))))
                .build();
        TransactWriteItem answer = TransactWriteItem.builder()
                .update(u -> u.tableName(tableName)
                        .key(key(runId, partKey))
                        .updateExpression("SET reservation = :n, reservationAnswer = :granted, expiresAt = :exp")
                        .conditionExpression("attribute_not_exists(reservationAnswer)")
                        .expressionAttributeValues(Map.of(
                                ":n",
                                n(rules),
                                ":granted",
                                s(Reservation.Answer.GRANTED.name()),
                                ":exp",
                                runItem.get("expiresAt"))))
                .build();
        try {
            dynamo.get().transactWriteItems(t -> t.transactItems(counter, answer));
            return new Reservation(
                    Reservation.Answer.GRANTED,
                    Integer.parseInt(runItem.get("reserved").n()),
                    limit);
        } catch (TransactionCanceledException e) {
            earlier = earlierAnswer(runId, partKey);
            if (earlier.isPresent()) {
                return earlier.get(); // a redelivery raced us
            }
            Map<String, AttributeValue> now = getRun(runId);
            Reservation refused = now.containsKey("cancelledAt")
                    ? new Reservation(
                            Reservation.Answer.CANCELLED,
                            Integer.parseInt(now.get("reserved").n()),
                            limit)
                    : new Reservation(
                            Reservation.Answer.OVER_LIMIT,
                            Integer.parseInt(now.get("reserved").n()),
                            limit);
            // Kept, so a redelivery of this part gets the same answer.
            try {
                dynamo.get()
                        .updateItem(u -> u.tableName(tableName)
                                .key(key(runId, partKey))
                                .updateExpression("SET reservation = :n, reservationAnswer = :a, reservedOthers = :r,"
                                        + " expiresAt = :exp")
                                .conditionExpression("attribute_not_exists(reservationAnswer)")
                                .expressionAttributeValues(Map.of(
                                        ":n", n(rules),
                                        ":a", s(refused.answer().name()),
                                        ":r", n(refused.reserved()),
                                        ":exp", now.get("expiresAt"))));
            } catch (ConditionalCheckFailedException raced) {
                return earlierAnswer(runId, partKey).orElse(refused);
            }
            return refused;
        }
    }

    private Optional<Reservation> earlierAnswer(String runId, String partKey) {
        Map<String, AttributeValue> item = dynamo.get()
                .getItem(g -> g.tableName(tableName).key(key(runId, partKey)).consistentRead(true))
                .item();
        if (item == null || !item.containsKey("reservationAnswer")) {
            return Optional.empty();
        }
        Reservation.Answer answer =
                Reservation.Answer.valueOf(item.get("reservationAnswer").s());
        int others = item.containsKey("reservedOthers")
                ? Integer.parseInt(item.get("reservedOthers").n())
                : 0;
        Map<String, AttributeValue> run = getRun(runId);
        int limit = run == null ? 0 : Integer.parseInt(run.get("limit").n());
        return Optional.of(new Reservation(answer, others, limit));
    }

    private Map<String, AttributeValue> getRun(String runId) {
        Map<String, AttributeValue> item = dynamo.get()
                .getItem(g -> g.tableName(tableName).key(key(runId, RUN)).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? null : item;
    }

    @Override
    public boolean cancel(String runId, Instant at) {
        return stampRun(runId, "SET cancelledAt = if_not_exists(cancelledAt, :at)", "attribute_exists(pk)", at);
    }

    @Override
    public Optional<RunState.Progress> finish(String runId, RunState.Part part) {
        Map<String, AttributeValue> counts = new HashMap<>();
        part.counts().forEach((o, c) -> counts.put(o.name(), n(c)));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":at", s(part.finishedAt().toString()));
        values.put(":counts", AttributeValue.fromM(counts));
        values.put(":handedOver", n(part.handedOver()));
        values.put(":account", s(part.shard().account()));
        values.put(":region", s(part.shard().region()));
        values.put(":handOver", AttributeValue.fromBool(part.handOver()));
        String set = "SET finishedAt = :at, counts = :counts, handedOver = :handedOver, account = :account,"
                + " #region = :region, handOver = :handOver";
        if (part.failure() != null) {
            values.put(":failure", s(part.failure()));
            set += ", failure = :failure";
        }
        String update = set;
        try {
            dynamo.get()
                    .updateItem(u -> u.tableName(tableName)
                            .key(key(runId, part.key()))
                            .updateExpression(update)
                            .conditionExpression("attribute_not_exists(finishedAt)")
                            .expressionAttributeNames(Map.of("#region", "region"))
                            .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty(); // finished before: a redelivery counts nothing twice
        }
        UpdateItemResponse after = dynamo.get()
                .updateItem(u -> u.tableName(tableName)
                        .key(key(runId, RUN))
                        .updateExpression(
                                part.handOver()
                                        ? "ADD handOversDone :one"
                                        : "ADD shardsLeft :minusOne, handOversSent :sent")
                        .expressionAttributeValues(
                                part.handOver()
                                        ? Map.of(":one", n(1))
                                        : Map.of(":minusOne", n(-1), ":sent", n(part.handedOver())))
                        .returnValues(ReturnValue.ALL_NEW));
        return Optional.of(progress(after.attributes()));
    }

    @Override
    public boolean markReported(String runId, Instant at) {
        return stampRun(runId, "SET reportedAt = :at", "attribute_exists(pk) AND attribute_not_exists(reportedAt)", at);
    }

    /** Sets a time ({@code :at}) on the run's item where {@code condition} holds; whether it held. */
    private boolean stampRun(String runId, String update, String condition, Instant at) {
        try {
            dynamo.get()
                    .updateItem(u -> u.tableName(tableName)
                            .key(key(runId, RUN))
                            .updateExpression(update)
                            .conditionExpression(condition)
                            .expressionAttributeValues(Map.of(":at", s(at.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void clearReported(String runId) {
        dynamo.get().updateItem(u -> u.tableName(tableName).key(key(runId, RUN)).updateExpression("REMOVE reportedAt"));
    }
}
