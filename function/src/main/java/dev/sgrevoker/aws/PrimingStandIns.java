package dev.sgrevoker.aws;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.report.FindingUpdater;
import dev.sgrevoker.report.ResultPublisher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * What the priming handler's results, notes and reports go through: the function's own publisher, finding updater
 * and report bucket, each in front of a stand-in that answers in this process as the service answers success, and
 * sends nothing. So the code after a successful call (the result cut into parts and put, a note's processed findings,
 * an S3 put's answer unmarshalled) is loaded and compiled before the first alert; the real clients are primed by
 * calls the services refuse ({@link PrimingCalls}), since a successful one would change something. EventBridge, S3
 * and (in priming's later rounds) EC2 and RAM are stood in for below the SDK ({@link #ANSWERS}, an HTTP client that
 * never connects), so their marshalling, signing and unmarshalling of a success run as the real ones do.
 */
public final class PrimingStandIns {
    /** Reads a PutEvents body (an ObjectReader is immutable). */
    private static final ObjectReader JSON = JsonMapper.builder().build().reader();

    private PrimingStandIns() {}

    /** The result events, cut into parts and put through {@code answeredHere}, an EventBridge client on {@link #ANSWERS}. */
    public static ResultPublisher publisher(EventBridgeClient answeredHere, String busName) {
        return new EventBridgeResultPublisher(answeredHere, busName, Duration.ZERO);
    }

    /** The notes, written and sent through the updater's own code to a Security Hub here that processes each. */
    public static FindingUpdater findingUpdater() {
        return new SecurityHubFindingUpdater(() -> PrimingStandIns::processed, Duration.ZERO);
    }

    /**
     * An HTTP client that never connects: an EventBridge PutEvents is answered with an event id per entry; EC2 finds
     * nothing for a read and answers a revoke as carried out; RAM lists no share; an S3 PUT is read whole and answered
     * 200 with an ETag; anything else 404.
     */
    static final SdkHttpClient ANSWERS = new SdkHttpClient() {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    return answer(request);
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public void close() {}
    };

    private static HttpExecuteResponse answer(HttpExecuteRequest request) {
        // The body is read as the wire would read it: the chunked signing and checksum run on the way.
        byte[] body = request.contentStreamProvider()
                .map(provider -> {
                    try (InputStream in = provider.newStream()) {
                        return in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .orElse(new byte[0]);
        boolean putEvents = request.httpRequest()
                .firstMatchingHeader("X-Amz-Target")
                .filter(target -> target.endsWith(".PutEvents"))
                .isPresent();
        if (putEvents) {
            return respond(200, "application/x-amz-json-1.1", eventIds(body));
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.startsWith("Action=")) {
            return ec2(text.substring("Action=".length()).split("&", 2)[0]);
        }
        if (request.httpRequest().encodedPath().endsWith("/listresources")) {
            return respond(200, "application/json", "{\"resources\":[]}");
        }
        if (request.httpRequest().method() == SdkHttpMethod.PUT) {
            return respond(200, "application/xml", "");
        }
        return respond(
                404,
                "application/xml",
                "<Error><Code>NoSuchKey</Code><Message>priming: nothing is read</Message></Error>");
    }

    /**
     * EC2's answer about the made-up group: a read finds nothing; a revoke (DryRun or not) is answered as EC2 answers
     * one it carried out, so its success path is primed too (the real EC2's refusals are primed by the first rounds).
     */
    private static HttpExecuteResponse ec2(String action) {
        String body = action.startsWith("Revoke") ? "<return>true</return>" : "";
        return respond(
                200,
                "text/xml",
                "<" + action + "Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>priming"
                        + "</requestId>" + body + "</" + action + "Response>");
    }

    /** EventBridge's answer to a PutEvents it takes whole: an event id per entry. */
    private static String eventIds(byte[] request) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("FailedEntryCount", 0);
        ArrayNode entries = answer.putArray("Entries");
        try {
            JSON.readTree(request)
                    .path("Entries")
                    .forEach(e -> entries.addObject().put("EventId", "priming"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answer.toString();
    }

    private static HttpExecuteResponse respond(int status, String type, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        SdkHttpResponse response = SdkHttpResponse.builder()
                .statusCode(status)
                .putHeader("ETag", "\"sg-revoker-priming\"")
                .putHeader("Content-Type", type)
                .putHeader("Content-Length", String.valueOf(bytes.length))
                .build();
        return HttpExecuteResponse.builder()
                .response(response)
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                .build();
    }

    /** Security Hub's 200 answer: every finding named processed. */
    private static ObjectNode processed(ObjectNode request, Duration timeout) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode processed = answer.putArray("ProcessedFindings");
        request.path("FindingIdentifiers").forEach(processed::add);
        answer.putArray("UnprocessedFindings");
        return answer;
    }
}
