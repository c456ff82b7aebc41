package dev.sgrevoker.priming;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.report.JsonText;
import dev.sgrevoker.revoke.Ec2CallFailed;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.revoke.RuleInventory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.crac.Core;
import org.crac.Resource;

/**
 * Before SnapStart takes its snapshot, runs each trigger family (direct invoke, SQS batch, Security Hub finding,
 * a sweep, report-only and enforcing by turns) through a handler of its own, about a group that does not exist
 * ({@link PrimingEc2}: its rules are made up, the sweep reads nothing beyond it, every revoke reaches EC2 as a
 * DryRun), twelve rounds: the first three through the real EC2, the rest through the same EC2 code answered in the
 * process (no call, so the JIT compiles what a first invocation runs without more calls in the account); then reads
 * a few groups and rules (read-only), sends a DryRun revoke and an empty PutEvents that EventBridge refuses, and, where
 * configured, a GetObject of a report key that does not exist and a BatchUpdateFindings naming no finding, both
 * refused, and a GetItem of a run item nothing writes: so a restored instance has the intake, the engine's whole path, the SDK's marshalling and unmarshalling
 * and each service's send path loaded and compiled before the first alert. Nothing is changed, written or
 * published: the priming handler's results go nowhere and its metrics are dropped.
 *
 * <p>After restore (see bench/RESULTS.md, "what the snapshot keeps"): credentials are not primed state (SnapStart
 * functions get container credentials, which the SDK fetches and refreshes by their expiry), the SDK's random
 * values (invocation-id header, retry and refresh jitter) repeat across instances restored from one snapshot but
 * nothing relies on their uniqueness, and a keep-alive connection from before the snapshot fails once and is
 * replaced by a new one (HttpURLConnection or the SDK's retry). What {@link #afterRestore} resets are the EC2 call
 * pacers, through their owner: the tokens priming spent were spent at snapshot time and timed by a clock that may
 * stand still across the snapshot, so each pacer starts full, as in a new instance.
 *
 * <p>It is handed what it primes: the function's handler comes as a factory of {@link RequestStreamHandler}s, so
 * this package never depends on the entry point that registers it.
 */
public final class SnapStartPriming implements Resource {
    public static final String NO_SUCH_GROUP = "sg-00000000000000000";
    /** The trigger families run through the handler, each with its event in resources/priming/. */
    public static final List<String> FAMILIES = List.of("direct", "sqs", "securityhub", "sweep");
    /**
     * Every step, in the order it runs: each trigger family, then each service call of its own (the S3 one only with
     * a report bucket, the Security Hub one only with UPDATE_FINDINGS on, the DynamoDB one only with a run table).
     */
    public static final List<String> STEPS = List.of(
            "direct",
            "sqs",
            "securityhub",
            "sweep",
            "ec2-describes",
            "ec2-dry-run-revoke",
            "eventbridge-put-events",
            "s3-report-get",
            "securityhub-batch-update",
            "dynamodb-run-table-get");

    private static final int ROUNDS = 12;
    /** Of those, the rounds whose EC2 calls reach EC2 (each family's, every one a read or a DryRun). */
    private static final int REAL_ROUNDS = 3;
    /** A made-up account for the priming handler's own function ARN: its findings name the same one. */
    private static final String ACCOUNT = "000000000000";

    /**
     * What priming is handed.
     *
     * @param handlers a handler on the given EC2, built as the function's is, whose results go nowhere and whose
     *     metrics are dropped (they are made up: none may reach CloudWatch)
     * @param ec2 the function's own EC2
     * @param inventory what a sweep reads of the function's own account (the same EC2, read page by page)
     * @param answeredEc2 the same EC2 code as {@code ec2}, answered in this process (reads find nothing, a revoke is
     *     answered as carried out, nothing is sent): the rounds after the first three run on it, so they cost no call
     * @param answeredInventory {@code answeredEc2} as a sweep reads it
     * @param eventBridge the EventBridge step: returns once the service answered, throws when it did not
     * @param reports the S3 step, with a report bucket only: a read S3 refuses, through the report writer's client;
     *     returns once S3 answered, throws when it did not
     * @param securityHub the Security Hub step, with UPDATE_FINDINGS on only (else the role may not call it): an
     *     update naming no finding, which Security Hub refuses; returns once it answered, throws when it did not
     * @param runTable the run-table step, with RUN_TABLE_NAME only: a read of a run item nothing writes, through the
     *     run table's client; returns once DynamoDB answered, throws when it did not
     * @param afterRestore what a restore resets (the EC2 pacers, by the clients' owner)
     * @param region the function's region, for the priming handler's made-up ARN
     * @param egress whether the function may revoke a default group's egress rules (DEFAULT_GROUP_EGRESS=revoke):
     *     only then is that call primed too, since without the right EC2 would log a refusal in CloudTrail
     */
    public record Parts(
            Function<PrimingEc2, RequestStreamHandler> handlers,
            Ec2Gateway ec2,
            RuleInventory inventory,
            Ec2Gateway answeredEc2,
            RuleInventory answeredInventory,
            Runnable eventBridge,
            Optional<Runnable> reports,
            Optional<Runnable> securityHub,
            Optional<Runnable> runTable,
            Runnable afterRestore,
            String region,
            boolean egress) {}

    private final Parts parts;

    public SnapStartPriming(Parts parts) {
        this.parts = parts;
    }

    /**
     * Hands this hook to CRaC. org.crac holds a Resource only through a weak reference: whoever registers it keeps it
     * (the handler does) until the snapshot.
     */
    public SnapStartPriming register() {
        Core.getGlobalContext().register(this);
        return this;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
        CompilerQuiet.await(); // the snapshot then holds what the JIT compiled from priming, not a queue of it
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        parts.afterRestore().run();
    }

    /** RevokeSecurityGroupEgress as DryRun on the made-up group: its marshalling and error parsing, nothing changed. */
    private void dryRunEgressRevoke() {
        try {
            parts.ec2().revokeEgress(NO_SUCH_GROUP, List.of("sgr-00000000000000000"), true);
        } catch (Ec2CallFailed e) {
            if (e.code() == FailureCode.Ours.CLIENT_ERROR) {
                skipped("EC2 dry-run egress revoke", e);
            }
        }
    }

    /** The steps that ran through, by name, in {@link #STEPS}' order; a step that did not is logged and left out. */
    public List<String> prime() {
        List<String> answered = new ArrayList<>();
        for (String family : FAMILIES) {
            try {
                // The first rounds through the real EC2 (its HTTP path, its refusals); the rest answered here, so the
                // JIT has compiled what a first invocation runs by the snapshot, without more calls in the account.
                for (int round = 0; round < ROUNDS; round++) {
                    PrimingEc2 ec2 = round < REAL_ROUNDS
                            ? new PrimingEc2(parts.ec2(), parts.inventory(), NO_SUCH_GROUP)
                            : new PrimingEc2(parts.answeredEc2(), parts.answeredInventory(), NO_SUCH_GROUP);
                    run(parts.handlers().apply(ec2), event(family, round));
                }
                answered.add(family);
            } catch (Exception e) {
                skipped(family + " through the handler", e);
            }
        }
        try {
            // Read-only: the default VPC's default group and its rules, as the real path reads and unmarshals them.
            // (A sweep's discovery is primed by the sweep family above, through PrimingEc2's scoped inventory.)
            parts.ec2().groupIdByName("default").ifPresent(group -> parts.ec2().rulesOf(List.of(group)));
            answered.add("ec2-describes");
        } catch (Exception e) {
            skipped("EC2 describes", e);
        }
        try {
            parts.ec2().revoke(NO_SUCH_GROUP, List.of("sgr-00000000000000000"), true);
            if (parts.egress()) {
                dryRunEgressRevoke();
            }
            answered.add("ec2-dry-run-revoke"); // DryRunOperation: EC2 checked the right and changed nothing
        } catch (Ec2CallFailed e) {
            if (e.code() == FailureCode.Ours.CLIENT_ERROR) {
                skipped("EC2 dry-run revoke", e);
            } else {
                answered.add("ec2-dry-run-revoke"); // e.g. InvalidGroup.NotFound: sent, and its error parsed
            }
        } catch (RuntimeException e) {
            skipped("EC2 dry-run revoke", e); // whatever else: logged, never failing the snapshot
        }
        step("eventbridge-put-events", "EventBridge", parts.eventBridge(), answered);
        parts.reports().ifPresent(reports -> step("s3-report-get", "S3 report bucket", reports, answered));
        parts.securityHub()
                .ifPresent(securityHub ->
                        step("securityhub-batch-update", "Security Hub BatchUpdateFindings", securityHub, answered));
        parts.runTable()
                .ifPresent(runTable -> step("dynamodb-run-table-get", "DynamoDB run table", runTable, answered));
        return answered;
    }

    /** A service call of its own: named in {@code answered} when the service answered, logged and left out if not. */
    private static void step(String name, String service, Runnable call, List<String> answered) {
        try {
            call.run();
            answered.add(name);
        } catch (Exception e) {
            skipped(service, e);
        }
    }

    private void run(RequestStreamHandler handler, String event) throws IOException {
        String arn = "arn:aws:lambda:" + parts.region() + ":" + ACCOUNT + ":function:sg-revoker-priming";
        handler.handleRequest(
                new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(),
                new PrimingContext(arn));
    }

    /**
     * Every other round a family's alternate event where it has one: the sweep's enforces and checks only world-open
     * rules, so an enforcing sweep and its narrowed read are primed beside the report-only one.
     */
    private String event(String family, int round) throws IOException {
        String alternate = "/priming/" + family + "-alternate.json";
        String name = round % 2 == 1 && SnapStartPriming.class.getResource(alternate) != null
                ? alternate
                : "/priming/" + family + ".json";
        try (InputStream in = SnapStartPriming.class.getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, family).readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@GROUP@", NO_SUCH_GROUP)
                    .replace("@ACCOUNT@", ACCOUNT)
                    .replace("@REGION@", parts.region());
        }
    }

    private static void skipped(String step, Exception e) {
        var line = JsonNodeFactory.instance
                .objectNode()
                .put("kind", "priming-skipped")
                .put("step", step)
                .put("error", e.toString());
        LambdaRuntime.getLogger().log(JsonText.of(line), LogLevel.WARN);
    }

    /** The Lambda Context of a priming call: no request, a minute to run, logs dropped. */
    private record PrimingContext(String arn) implements Context {
        @Override
        public String getAwsRequestId() {
            return "priming";
        }

        @Override
        public String getLogGroupName() {
            return "priming";
        }

        @Override
        public String getLogStreamName() {
            return "priming";
        }

        @Override
        public String getFunctionName() {
            return "sg-revoker-priming";
        }

        @Override
        public String getFunctionVersion() {
            return "priming";
        }

        @Override
        public String getInvokedFunctionArn() {
            return arn;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 60_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1769;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {}

                @Override
                public void log(byte[] message) {}
            };
        }
    }
}
