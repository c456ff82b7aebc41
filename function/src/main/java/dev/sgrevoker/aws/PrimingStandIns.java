package dev.sgrevoker.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.report.FindingUpdater;
import dev.sgrevoker.report.ResultPublisher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * What the priming handler's results, notes and reports go through: the function's own publisher, finding updater
 * and report bucket, each in front of a stand-in that answers in this process as the service answers success, and
 * sends nothing. So the code after a successful call (the result cut into parts, a note's processed findings, an S3
 * put's answer unmarshalled) is loaded and compiled before the first alert; the real clients are primed by calls
 * the services refuse ({@link PrimingCalls}), since a successful one would change something.
 */
public final class PrimingStandIns {
    private PrimingStandIns() {}

    /** The result events, cut into parts and put, as the function's are, to an EventBridge here that takes each. */
    public static ResultPublisher publisher(String busName) {
        return new EventBridgeResultPublisher(new AcceptingEventBridge(), busName, Duration.ZERO);
    }

    /** The notes, written and sent through the updater's own code to a Security Hub here that processes each. */
    public static FindingUpdater findingUpdater() {
        return new SecurityHubFindingUpdater(() -> PrimingStandIns::processed, Duration.ZERO);
    }

    /** An HTTP client that never connects: a PUT is read whole and answered 200 with an ETag, anything else 404. */
    static final SdkHttpClient S3_ANSWERS = new SdkHttpClient() {
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
        request.contentStreamProvider().ifPresent(body -> {
            try (InputStream in = body.newStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        boolean put = request.httpRequest().method() == SdkHttpMethod.PUT;
        String text = put ? "" : "<Error><Code>NoSuchKey</Code><Message>priming: nothing is read</Message></Error>";
        SdkHttpResponse response = SdkHttpResponse.builder()
                .statusCode(put ? 200 : 404)
                .putHeader("ETag", "\"sg-revoker-priming\"")
                .putHeader("Content-Length", String.valueOf(text.length()))
                .build();
        return HttpExecuteResponse.builder()
                .response(response)
                .responseBody(
                        AbortableInputStream.create(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))))
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

    /** EventBridge's answer to a PutEvents it takes whole: an event id per entry. */
    private static final class AcceptingEventBridge implements EventBridgeClient {
        @Override
        public PutEventsResponse putEvents(PutEventsRequest request) {
            List<PutEventsResultEntry> ids = request.entries().stream()
                    .map(e -> PutEventsResultEntry.builder().eventId("priming").build())
                    .toList();
            return PutEventsResponse.builder().failedEntryCount(0).entries(ids).build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {}
    }
}
