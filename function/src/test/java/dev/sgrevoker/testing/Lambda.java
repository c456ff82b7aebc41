package dev.sgrevoker.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Invokes a stream handler the way the Lambda runtime does: raw JSON bytes in, raw bytes out, a Context. */
public final class Lambda {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Lambda() {}

    public record Invocation(String requestId, JsonNode response, String log) {}

    public static Invocation invoke(RequestStreamHandler handler, String json) {
        return invoke(handler, json, new TestContext());
    }

    public static Invocation invoke(RequestStreamHandler handler, String json, TestContext context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, context);
            return new Invocation(context.getAwsRequestId(), MAPPER.readTree(out.toByteArray()), context.log());
        } catch (IOException e) {
            throw new AssertionError("handler I/O failed", e);
        }
    }

    /** A Context with a fresh request id whose logger keeps what was logged, so a test can read it. */
    public static final class TestContext implements Context {
        private final String requestId = UUID.randomUUID().toString();
        private int remainingMillis = 300_000;
        private final StringBuilder log = new StringBuilder();
        private final LambdaLogger logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                synchronized (log) {
                    log.append(message.endsWith("\n") ? message : message + "\n");
                }
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };

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
            return "/aws/lambda/sg-revoker";
        }

        @Override
        public String getLogStreamName() {
            return "test";
        }

        @Override
        public String getFunctionName() {
            return "sg-revoker";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:123456789012:function:sg-revoker";
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
            return remainingMillis;
        }

        /** A context for an invocation that is nearly out of time. */
        public TestContext withRemainingMillis(int millis) {
            this.remainingMillis = millis;
            return this;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return logger;
        }
    }
}
