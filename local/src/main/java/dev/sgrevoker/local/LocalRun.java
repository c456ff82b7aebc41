package dev.sgrevoker.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What bin/local-invoke does around an invocation, at the endpoint of the environment (AWS_ENDPOINT_URL): before it,
 * seed the demo (a fresh moto only), route the result events to a queue, create the queues the function's environment
 * names, and note every group's ingress rules; after it, show what changed and the results that reached EventBridge.
 * Notes go to stderr; stdout carries only {@code NAME=URL} lines for the queues made, for the script to read.
 */
public final class LocalRun {
    private static final String FIFO = "fifo:";
    private static final String TABLE = "table:";

    private static final String USAGE = """
            usage: LocalRun before [--seed] [--verbose] [--event-bus NAME]
                                   [--queue|--fifo-queue|--table VARIABLE=LOGICAL_ID]...
                                   [--bucket NAME] [--snapshot FILE] [ENV_JSON]
                   LocalRun after --snapshot FILE [--verbose] [--events-out FILE] [ENV_JSON]
            before: --seed creates the demo environment (a fresh moto only) and checks its ids; the result events on
              the bus (default: default) are routed to the demo's queue, emptied of earlier runs' events; each --queue
              is created as sg-revoker-LOGICAL_ID and printed as VARIABLE=URL (--fifo-queue: a FIFO queue,
              sg-revoker-LOGICAL_ID.fifo; --table: a run table, printed as VARIABLE=NAME); --bucket (REPORT_BUCKET) is
              made where it is missing; --snapshot notes every group's rules.
            after: the ingress rules that changed since the snapshot and a summary of each result event (--verbose:
              every group's rules and every event whole), then each report's page and plan, with a local copy; --events-out writes the events to FILE as a JSON array.
            Creates nothing unless AWS_ENDPOINT_URL names a local endpoint (not an AWS host).
            ENV_JSON defaults to events/demo-environment.json.""";

    private LocalRun() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !Set.of("before", "after").contains(args[0])) usage(args.length == 0 ? null : args[0]);
        boolean seed = false, verbose = false;
        String bus = "default";
        Path snapshot = null, eventsOut = null, file = Path.of("events/demo-environment.json");
        Map<String, String> queues = new LinkedHashMap<>();
        String bucket = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            boolean hasValue = i + 1 < args.length;
            switch (a) {
                case "--seed" -> seed = true;
                case "--verbose" -> verbose = true;
                case "--event-bus" -> bus = hasValue ? args[++i] : usage(a);
                case "--bucket" -> bucket = hasValue ? args[++i] : usage(a);
                case "--snapshot" -> snapshot = hasValue ? Path.of(args[++i]) : usage(a);
                case "--events-out" -> eventsOut = hasValue ? Path.of(args[++i]) : usage(a);
                case "--queue", "--fifo-queue", "--table" -> {
                    String q = hasValue ? args[++i] : usage(a);
                    if (!q.contains("=")) usage(a + " " + q);
                    // A FIFO queue's name ends in .fifo; a table is kept apart by its prefix.
                    String kind = a.equals("--fifo-queue") ? FIFO : a.equals("--table") ? TABLE : "";
                    queues.put(q.substring(0, q.indexOf('=')), kind + q.substring(q.indexOf('=') + 1));
                }
                default -> file = a.startsWith("-") ? usage(a) : Path.of(a);
            }
        }
        DemoEnvironment env = DemoEnvironment.read(file);
        int status = args[0].equals("before")
                ? before(env, file, seed, verbose, bus, queues, bucket, snapshot)
                : after(env, Objects.requireNonNull(snapshot, "after needs --snapshot"), verbose, eventsOut);
        System.exit(status);
    }

    private static int before(
            DemoEnvironment env,
            Path file,
            boolean seed,
            boolean verbose,
            String bus,
            Map<String, String> queues,
            String bucket,
            Path snapshot)
            throws Exception {
        PrintStream log = System.err;
        String endpoint = DemoAccounts.localEndpoint();
        if (seed) {
            if (endpoint == null) return refuse("seeding needs AWS_ENDPOINT_URL to name a local moto");
            DemoEnvironment actual = new DemoSeed().create(env);
            List<String> differences = DemoSeed.differences(env, actual);
            if (!differences.isEmpty()) {
                log.println("moto did not hand out the ids recorded in " + file + " (another moto version?):");
                differences.forEach(d -> log.println("  " + d));
                return 3;
            }
            log.printf(
                    "seeded the demo environment of %s: %d groups, %d ingress rules, ids as recorded%n",
                    shown(file),
                    env.securityGroups().size(),
                    env.securityGroups().stream()
                            .mapToInt(g -> g.ingress().size())
                            .sum());
        }
        if (endpoint == null) {
            log.println("not a local endpoint: creating nothing there; the queues the function's environment names"
                    + " stay unset and its result events are not shown");
        } else {
            int stale = ResultEvents.route(env.resultEvents(), bus);
            if (stale > 0) {
                log.println("dropped " + stale + " result event(s) that earlier runs left in queue "
                        + env.resultEvents().queueName());
            }
            try (SqsClient sqs = SqsClient.create()) {
                for (var q : queues.entrySet()) {
                    String made = q.getValue().startsWith(TABLE)
                            ? RunTableStandIn.create(
                                    "sg-revoker-" + q.getValue().substring(TABLE.length()))
                            : q.getValue().startsWith(FIFO)
                                    ? sqs.createQueue(r -> r.queueName("sg-revoker-"
                                                            + q.getValue().substring(FIFO.length()) + ".fifo")
                                                    .attributes(Map.of(
                                                            QueueAttributeName.FIFO_QUEUE, "true",
                                                            QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false")))
                                            .queueUrl()
                                    : sqs.createQueue(r -> r.queueName("sg-revoker-" + q.getValue()))
                                            .queueUrl();
                    System.out.println(q.getKey() + "=" + made);
                    if (verbose) log.println(q.getKey() + ": local stand-in for " + q.getValue() + ": " + made);
                }
            }
            if (bucket != null) {
                DemoUsage.ensureBucket(bucket, log);
            }
        }
        if (snapshot != null) {
            try (DemoAccounts accounts = new DemoAccounts()) {
                RuleSnapshot before = RuleSnapshot.take(accounts, memberAccounts(env), log);
                before.write(snapshot);
                // Every VPC has a group named default: the demo's own names tell whether it is there.
                if (!seed
                        && env.securityGroups().stream()
                                .filter(g -> !g.name().equals("default"))
                                .noneMatch(g -> before.hasGroupNamed(g.name()))) {
                    log.println("none of the demo's groups is at this endpoint (bin/local-invoke --start-demo starts"
                            + " a moto that holds them); the samples in events/ name their ids");
                }
                if (verbose) {
                    log.println("ingress rules before:");
                    before.print(log);
                }
            }
        }
        return 0;
    }

    private static int after(DemoEnvironment env, Path snapshot, boolean verbose, Path eventsOut) throws Exception {
        PrintStream log = System.err;
        try (DemoAccounts accounts = new DemoAccounts()) {
            RuleSnapshot before = RuleSnapshot.read(snapshot);
            RuleSnapshot now = RuleSnapshot.take(accounts, memberAccounts(env), log);
            if (verbose) {
                log.println("ingress rules after:");
                now.print(log);
            }
            List<String> changes = now.changesSince(before);
            if (changes.isEmpty()) {
                log.println("no ingress rule changed (" + now.ruleCount() + " rules in "
                        + now.groups().size() + " groups)");
            } else {
                log.println("ingress rules that changed (- gone, + new):");
                changes.forEach(line -> log.println("  " + line));
            }
            List<String> egress = now.egressChangesSince(before);
            if (!egress.isEmpty()) {
                log.println("egress rules that changed (- gone, + new):");
                egress.forEach(line -> log.println("  " + line));
            }
        }
        List<JsonNode> events = DemoAccounts.localEndpoint() == null ? null : ResultEvents.drain(env.resultEvents());
        if (events == null) {
            log.println(
                    "result events: not shown (no queue " + env.resultEvents().queueName() + " at this endpoint)");
            return 0;
        }
        if (eventsOut != null) ResultEvents.write(events, eventsOut);
        if (events.isEmpty()) {
            log.println("no result event reached EventBridge");
        } else if (verbose) {
            log.println("result events delivered to queue " + env.resultEvents().queueName() + ":");
            ResultEvents.printWhole(events, log);
        } else {
            ResultEvents.printSummary(events, log);
        }
        DemoUsage.fetchReports(events, log);
        return 0;
    }

    /** The member accounts the demo puts groups in: the view shows them too. */
    private static Set<String> memberAccounts(DemoEnvironment env) {
        Set<String> out = new LinkedHashSet<>();
        env.securityGroups().stream()
                .map(DemoEnvironment.Group::place)
                .filter(Objects::nonNull)
                .forEach(out::add);
        return out;
    }

    /** A path as the user would type it: relative to the working directory when under it. */
    private static Path shown(Path file) {
        Path here = Path.of("").toAbsolutePath();
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(here) ? here.relativize(abs) : file;
    }

    private static int refuse(String why) {
        System.err.println("LocalRun: " + why);
        return 2;
    }

    private static <T> T usage(String problem) {
        if (problem != null) System.err.println("LocalRun: unexpected " + problem);
        System.err.println(USAGE);
        System.exit(2);
        return null;
    }
}
