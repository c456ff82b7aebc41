package dev.sgrevoker.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The result events that reached EventBridge, made visible: an EventBridge rule (source {@code sg-revoker}) delivers
 * them to an SQS queue, which local-invoke drains after the invocation and shows, one summary per result (every event
 * whole with --verbose).
 */
final class ResultEvents {
    /** A sweep run's roll-up event (run/RollUp): summarised apart from the results. */
    private static final String ROLL_UP = "Security Group Sweep Run Completed";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Entries listed under a result's counts before the rest is left to --verbose. */
    private static final int ENTRIES_SHOWN = 20;

    private ResultEvents() {}

    /**
     * Creates the route on {@code bus} (rule, target, queue) where it is missing, and empties the queue of what earlier
     * runs left there; returns how many events it dropped.
     */
    static int route(DemoEnvironment.ResultEvents routing, String bus) {
        try (SqsClient sqs = SqsClient.create();
                EventBridgeClient events = EventBridgeClient.create()) {
            String url = sqs.createQueue(r -> r.queueName(routing.queueName())).queueUrl();
            String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            try {
                events.describeEventBus(r -> r.name(bus));
            } catch (ResourceNotFoundException e) {
                events.createEventBus(r -> r.name(bus));
            }
            events.putRule(r -> r.name(routing.ruleName())
                    .eventBusName(bus)
                    .eventPattern("{\"source\":[\"" + routing.source() + "\"]}"));
            events.putTargets(r -> r.rule(routing.ruleName())
                    .eventBusName(bus)
                    .targets(Target.builder().id("results-queue").arn(arn).build()));
            return receiveAll(sqs, url).size();
        }
    }

    /** Takes every event from the queue; none if the queue is not there (nothing was routed). */
    static List<JsonNode> drain(DemoEnvironment.ResultEvents routing) throws IOException {
        try (SqsClient sqs = SqsClient.create()) {
            String url;
            try {
                url = sqs.getQueueUrl(r -> r.queueName(routing.queueName())).queueUrl();
            } catch (QueueDoesNotExistException e) {
                return null;
            }
            List<JsonNode> out = new ArrayList<>();
            for (Message m : receiveAll(sqs, url)) out.add(JSON.readTree(m.body()));
            return out;
        }
    }

    private static List<Message> receiveAll(SqsClient sqs, String url) {
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(
                            r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            for (Message m : batch) {
                all.add(m);
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        } while (!batch.isEmpty());
        return all;
    }

    static void write(List<JsonNode> events, Path file) throws IOException {
        ArrayNode array = JSON.createArrayNode();
        events.forEach(array::add);
        JSON.writeValue(file.toFile(), array);
    }

    static void printWhole(List<JsonNode> events, PrintStream out) throws IOException {
        for (JsonNode e : events) out.println(JSON.writeValueAsString(e));
    }

    /**
     * One line per result (its parts joined): trigger, SQS message, counts, a sweep's scan; then each entry that was
     * not revoked, with why (the revoked ones show in the rules that changed).
     */
    static void printSummary(List<JsonNode> events, PrintStream out) {
        Map<String, List<JsonNode>> results = new LinkedHashMap<>();
        List<JsonNode> rollUps = new ArrayList<>();
        for (JsonNode e : events) {
            JsonNode d = e.path("detail");
            if (ROLL_UP.equals(e.path("detail-type").asText())) {
                rollUps.add(d); // a sweep run's roll-up: shown last, in its own words
                continue;
            }
            results.computeIfAbsent(
                            d.path("invocationId").asText() + "/"
                                    + d.path("messageId").asText(),
                            k -> new ArrayList<>())
                    .add(d);
        }
        for (List<JsonNode> parts : results.values()) {
            JsonNode d = parts.get(0);
            StringBuilder line =
                    new StringBuilder("result (").append(d.path("trigger").asText());
            if (d.hasNonNull("messageId"))
                line.append(", SQS message ").append(d.path("messageId").asText());
            // A sweep run's results: the dispatch names its shards, each shard its place in the run.
            if (d.hasNonNull("runId") && d.path("shards").isArray()) {
                line.append(", run ")
                        .append(d.path("runId").asText())
                        .append(" dispatched as ")
                        .append(d.path("shards").size())
                        .append(" shards");
            } else if (d.hasNonNull("runId")) {
                line.append(", run ")
                        .append(d.path("runId").asText())
                        .append(" shard ")
                        .append(d.path("account").asText())
                        .append(' ')
                        .append(d.path("region").asText());
            }
            line.append("):");
            d.path("counts").properties().forEach(c -> {
                if (c.getValue().asInt() != 0)
                    line.append(' ').append(c.getKey()).append(' ').append(c.getValue());
            });
            if (d.hasNonNull("groupsScanned")) {
                line.append("; sweep scanned ")
                        .append(d.path("groupsScanned"))
                        .append(" groups, ")
                        .append(d.path("rulesScanned"))
                        .append(" rules, selected ")
                        .append(d.path("selected"));
                if (d.path("handedOverGroups").asInt() > 0) {
                    int groups = d.path("handedOverGroups").asInt();
                    line.append(", ")
                            .append(groups)
                            .append(groups == 1 ? " group" : " groups")
                            .append(" handed over");
                }
            }
            if (d.has("rejected")) {
                line.append(" rejected: ")
                        .append(d.path("rejected").path("field").asText())
                        .append(": ")
                        .append(cut(d.path("rejected").path("reason").asText()));
            }
            out.println(line);
            List<JsonNode> unrevoked = new ArrayList<>();
            parts.forEach(p -> p.path("unrevoked").forEach(unrevoked::add));
            unrevoked.stream().limit(ENTRIES_SHOWN).forEach(p -> out.println("  " + entry(p)));
            if (unrevoked.size() > ENTRIES_SHOWN) {
                out.println("  ... " + (unrevoked.size() - ENTRIES_SHOWN) + " more (--verbose shows every event)");
            }
            // The words a person is sent (the first part carries the whole result's summary).
            if (d.hasNonNull("summary")) {
                out.println("summary, as a notification carries it (attention: "
                        + d.path("attention").asText("?") + "):");
                d.path("summary").asText().lines().forEach(l -> out.println("  | " + TerminalText.clean(l)));
            }
            d.path("findingUpdates")
                    .forEach(u -> out.println("  finding " + u.path("status").asText() + " "
                            + u.path("workflow").asText("(workflow unchanged)") + " "
                            + u.path("findingId").asText()
                            + (u.hasNonNull("reason")
                                    ? ": " + cut(u.path("reason").asText())
                                    : "")));
        }
        for (JsonNode r : rollUps) {
            out.println("sweep run " + r.path("runId").asText() + " rolled up (complete: "
                    + r.path("complete").asBoolean() + ", totals " + r.path("totals") + "):");
            r.path("summary").asText().lines().forEach(l -> out.println("  " + l));
        }
    }

    private static String entry(JsonNode p) {
        String what = p.hasNonNull("ruleId")
                ? p.path("ruleId").asText()
                : p.path("groupId").asText("-");
        String group = p.hasNonNull("groupName") ? " (" + p.path("groupName").asText() + ")" : "";
        if (!p.hasNonNull("ruleId")) group += permission(p.path("permission"));
        String code = p.hasNonNull("errorCode") ? " " + p.path("errorCode").asText() : "";
        // An item asking again for an earlier item's rule carries that item's outcome: it was acted on once.
        if (p.hasNonNull("repeatOf"))
            code += " (repeats permissions[" + p.path("repeatOf").asInt() + "])";
        // A dry run's reason is always EC2's DryRunOperation; what the reader wants is why the rule was chosen.
        boolean dryRun = p.path("outcome").asText().equals("DRY_RUN") && p.hasNonNull("because");
        String reason = cut(p.path(dryRun ? "because" : "reason").asText(""));
        return String.format(
                "%-9s %s%s%s%s", p.path("outcome").asText(), what, group, code, reason.isEmpty() ? "" : ": " + reason);
    }

    private static String cut(String text) {
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }

    /** " tcp 22 from 0.0.0.0/0", for an entry without a rule id; empty when it names no permission. */
    private static String permission(JsonNode p) {
        if (!p.isObject()) return "";
        String protocol = p.path("IpProtocol").asText();
        String ports = p.has("FromPort") && p.path("FromPort").asInt() != -1
                ? " " + p.path("FromPort").asText()
                        + (p.path("FromPort").equals(p.path("ToPort"))
                                ? ""
                                : "-" + p.path("ToPort").asText())
                : "";
        String source = "";
        for (String[] s : new String[][] {
            {"IpRanges", "CidrIp"},
            {"Ipv6Ranges", "CidrIpv6"},
            {"UserIdGroupPairs", "GroupId"},
            {"PrefixListIds", "PrefixListId"}
        }) {
            if (p.path(s[0]).has(0))
                source = " from " + p.path(s[0]).path(0).path(s[1]).asText();
        }
        return " " + ("-1".equals(protocol) ? "all" : protocol) + ports + source;
    }
}
