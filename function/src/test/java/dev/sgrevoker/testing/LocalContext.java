package dev.sgrevoker.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The Lambda {@link Context} of one invocation outside Lambda, with the values the Java runtime would give: the one
 * used by the tests, the local runner (bin/local-invoke, through this module's test jar) and the bench. The Timeout
 * countdown starts when it is built, as Lambda starts it at the invocation. What is logged is kept (tests read it)
 * and, given a stream, also written there (local runs and the bench write to stderr, keeping stdout the response).
 */
public final class LocalContext implements Context {
    private final String requestId = UUID.randomUUID().toString();
    private final String functionName;
    private final String region;
    private final String accountId;
    private final int memoryLimitMb;
    private long deadlineNanos;
    private final String logStreamName;
    private final StringBuilder log = new StringBuilder();
    private final PrintStream echo;
    private final LambdaLogger logger = new LambdaLogger() {
        @Override
        public void log(String message) {
            String line = message == null || message.endsWith("\n") ? message : message + "\n";
            synchronized (log) {
                log.append(line);
            }
            if (echo != null) {
                echo.print(line);
                echo.flush();
            }
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    };

    /**
     * @param timeoutMillis the function's configured Timeout; the countdown starts now
     * @param echo where log lines also go, or null
     */
    public LocalContext(
            String functionName,
            String region,
            String accountId,
            int memoryLimitMb,
            long timeoutMillis,
            PrintStream echo) {
        this.functionName = functionName;
        this.region = region;
        this.accountId = accountId;
        this.memoryLimitMb = memoryLimitMb;
        this.deadlineNanos = System.nanoTime() + timeoutMillis * 1_000_000L;
        this.logStreamName = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
                + "/[$LATEST]" + UUID.randomUUID().toString().replace("-", "");
        this.echo = echo;
    }

    /** A test's context: the function in moto's account and region, five minutes to run, logs kept only. */
    public static LocalContext forTest() {
        return new LocalContext("sg-revoker", "us-east-1", "123456789012", 512, 300_000, null);
    }

    /** A context for an invocation that has only this much time left. */
    public LocalContext withRemainingMillis(int millis) {
        this.deadlineNanos = System.nanoTime() + millis * 1_000_000L;
        return this;
    }

    /** Everything logged so far, one line per log call. */
    public String log() {
        synchronized (log) {
            return log.toString();
        }
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return logStreamName;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
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
    public int getMemoryLimitInMB() {
        return memoryLimitMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:" + partition(region) + ":lambda:" + region + ":" + accountId + ":function:" + functionName;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
        return (int) Math.max(0, left);
    }

    // ARNs outside the commercial partition differ only in this segment.
    static String partition(String region) {
        if (region.startsWith("cn-")) return "aws-cn";
        if (region.startsWith("us-gov-")) return "aws-us-gov";
        return "aws";
    }
}
