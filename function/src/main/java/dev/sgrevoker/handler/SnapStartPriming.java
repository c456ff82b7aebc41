package dev.sgrevoker.handler;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.sgrevoker.aws.CallPacer;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.report.JsonText;
import dev.sgrevoker.report.ResultDocument;
import dev.sgrevoker.report.ResultFallback;
import dev.sgrevoker.revoke.Ec2CallFailed;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.revoke.Ec2Gateways;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.RevokedSecurityGroupRule;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Before SnapStart takes its snapshot, runs each trigger family (direct invoke, SQS batch, Security Hub finding,
 * a report-only sweep) through a handler of its own, about a group that does not exist ({@link PrimingEc2}: its
 * rules are made up, the sweep reads nothing beyond it, every revoke reaches EC2 as a DryRun), then reads a few
 * groups and rules (read-only), sends a DryRun revoke and an empty PutEvents that EventBridge refuses: so a
 * restored instance has the intake, the engine's whole path, the SDK's marshalling and unmarshalling loaded and
 * compiled before the first alert. Nothing is changed and no event is published: the priming handler's results go
 * nowhere.
 *
 * <p>After restore (see bench/RESULTS.md, "what the snapshot keeps"): credentials are not primed state (SnapStart
 * functions get container credentials, which the SDK fetches and refreshes by their expiry), the SDK's random
 * values (invocation-id header, retry and refresh jitter) repeat across instances restored from one snapshot but
 * nothing relies on their uniqueness, and a keep-alive connection from before the snapshot fails once and is
 * replaced by a new one (HttpURLConnection or the SDK's retry). What {@link #afterRestore} resets are the EC2 call pacers: the tokens priming spent were spent at snapshot
 * time and timed by a clock that may stand still across the snapshot, so each pacer starts full, as a new instance.
 */
final class SnapStartPriming implements Resource {
    static final String NO_SUCH_GROUP = "sg-00000000000000000";
    private static final int ROUNDS = 3;
    /** A made-up account for the priming handler's own function ARN: its findings name the same one. */
    private static final String ACCOUNT = "000000000000";
    /** org.crac holds a Resource only through a weak reference: this keeps the hook alive until the snapshot. */
    private static final List<SnapStartPriming> REGISTERED = new ArrayList<>();

    private final Ec2Gateway ec2;
    private final EventBridgeClient events;
    private final Map<String, String> environment;

    SnapStartPriming(Ec2Gateway ec2, EventBridgeClient events) {
        this(ec2, events, System.getenv());
    }

    SnapStartPriming(Ec2Gateway ec2, EventBridgeClient events, Map<String, String> environment) {
        this.ec2 = ec2;
        this.events = events;
        this.environment = environment;
    }

    void register() {
        synchronized (REGISTERED) {
            REGISTERED.add(this);
        }
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        CallPacer.restartAll();
    }

    /** Returns how many primed steps ran through: each trigger family, then each service that answered. */
    int prime() {
        int answered = 0;
        // The priming handler's results are made up: none of its log or metric lines (stdout) may reach CloudWatch.
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            for (String family : List.of("direct", "sqs", "securityhub", "sweep")) {
                try {
                    // A few rounds, so the JIT has compiled the hot paths by the snapshot, not only loaded them.
                    for (int round = 0; round < ROUNDS; round++) {
                        new RevokeHandlerForPriming(new PrimingEc2(ec2, NO_SUCH_GROUP), environment, region())
                                .run(event(family));
                    }
                    answered++;
                } catch (Exception e) {
                    skipped(family + " through the handler", e);
                }
            }
        } finally {
            System.setOut(stdout);
        }
        try {
            // Read-only: the default VPC's default group and its rules, as the real path reads and unmarshals them.
            // (A sweep's discovery is primed by the sweep family above, through PrimingEc2's scoped inventory.)
            ec2.groupIdByName("default").ifPresent(group -> ec2.rulesOf(List.of(group)));
            answered++;
        } catch (Exception e) {
            skipped("EC2 describes", e);
        }
        try {
            ec2.revoke(NO_SUCH_GROUP, List.of("sgr-00000000000000000"), true);
            answered++; // DryRunOperation: EC2 checked the right and changed nothing
        } catch (Ec2CallFailed e) {
            if (e.code() == FailureCode.Ours.CLIENT_ERROR) {
                skipped("EC2 dry-run revoke", e);
            } else {
                answered++; // e.g. InvalidGroup.NotFound: marshalled, signed, sent and its error parsed
            }
        }
        // Model classes of answers the priming cannot get without changing something (a revoke that succeeds, an
        // event EventBridge accepts): building them loads their fields and accessors, as unmarshalling them would.
        RevokeSecurityGroupIngressResponse.builder()
                .revokedSecurityGroupRules(RevokedSecurityGroupRule.builder().build())
                .build();
        PutEventsRequestEntry.builder().source("priming").build();
        PutEventsResponse.builder()
                .entries(PutEventsResultEntry.builder().eventId("priming").build())
                .build();
        try {
            events.putEvents(r -> r.entries(List.of()));
            answered++;
        } catch (AwsServiceException refused) {
            answered++; // the service refuses an empty PutEvents; nothing is published
        } catch (Exception e) {
            skipped("EventBridge", e);
        }
        return answered;
    }

    private String event(String family) throws IOException {
        try (InputStream in = SnapStartPriming.class.getResourceAsStream("/priming/" + family + ".json")) {
            return new String(Objects.requireNonNull(in, family).readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@GROUP@", NO_SUCH_GROUP)
                    .replace("@ACCOUNT@", ACCOUNT)
                    .replace("@REGION@", region());
        }
    }

    private String region() {
        return environment.getOrDefault("AWS_REGION", "us-east-1");
    }

    private static void skipped(String step, Exception e) {
        var line = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode()
                .put("kind", "priming-skipped")
                .put("step", step)
                .put("error", e.toString());
        LambdaRuntime.getLogger().log(JsonText.of(line), LogLevel.WARN);
    }

    /** The real handler with a publisher that only renders the result: the priming's results are never sent. */
    private static final class RevokeHandlerForPriming {
        private final RevokeHandler handler;
        private final String arn;

        RevokeHandlerForPriming(PrimingEc2 ec2, Map<String, String> environment, String region) {
            this.handler = new RevokeHandler(
                    Ec2Gateways.ownOnly(ec2, ec2),
                    result -> JsonText.of(ResultDocument.response(result)),
                    ResultFallback.NONE,
                    environment);
            this.arn = "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:sg-revoker-priming";
        }

        void run(String event) throws IOException {
            handler.handleRequest(
                    new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(),
                    new PrimingContext(arn));
        }
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
