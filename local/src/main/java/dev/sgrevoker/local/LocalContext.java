package dev.sgrevoker.local;

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

/** The Lambda {@link Context} of one local invocation, with the values the Java runtime would give. */
public final class LocalContext implements Context {
    private final String requestId = UUID.randomUUID().toString();
    private final String functionName;
    private final String region;
    private final String accountId;
    private final int memoryLimitMb;
    private final long deadlineNanos;
    private final String logStreamName;
    private final LambdaLogger logger;

    /**
     * @param timeoutMillis the function's configured Timeout; the countdown starts now
     */
    public LocalContext(
            String functionName,
            String region,
            String accountId,
            int memoryLimitMb,
            long timeoutMillis,
            PrintStream log) {
        this.functionName = functionName;
        this.region = region;
        this.accountId = accountId;
        this.memoryLimitMb = memoryLimitMb;
        this.deadlineNanos = System.nanoTime() + timeoutMillis * 1_000_000L;
        this.logStreamName = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
                + "/[$LATEST]" + UUID.randomUUID().toString().replace("-", "");
        this.logger = new StderrLogger(log);
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

    /** Lambda sends handler logs to CloudWatch; locally they go to stderr so stdout stays the response. */
    private record StderrLogger(PrintStream out) implements LambdaLogger {
        @Override
        public void log(String message) {
            out.print(message == null || message.endsWith("\n") ? message : message + "\n");
            out.flush();
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    }
}
