package dev.sgrevoker.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.InputJson;
import dev.sgrevoker.report.JsonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;

/**
 * BatchUpdateFindings over HTTPS, signed (SigV4) by the SDK's own signer ({@link SignedJson#sign}) and sent by the
 * JDK's HttpClient. Not the
 * SDK's securityhub client: that module is not served to this build, and the url-connection-client every other client
 * uses sends through HttpURLConnection, which refuses PATCH, the method BatchUpdateFindings is. The endpoint comes
 * from the SDK's own settings, as for every other client (AWS_ENDPOINT_URL_SECURITYHUB, aws.endpointUrlSecurityHub,
 * AWS_ENDPOINT_URL, aws.endpointUrl, else securityhub.REGION.amazonaws.com).
 */
final class SignedFindingsApi implements FindingsApi {
    private static final String PATH = "/findings/batchupdate";
    private static final String SIGNING_NAME = "securityhub";
    /** Headers the JDK's client sets itself and refuses from the caller; it sends the same values that were signed. */
    private static final Set<String> SET_BY_CLIENT =
            Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final HttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final URI endpoint;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final Duration timeout;

    private SignedFindingsApi(
            HttpClient http, AwsCredentialsProvider credentials, Region region, URI endpoint, Duration timeout) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    static SignedFindingsApi create(AwsCredentialsProvider credentials, Region region) {
        URI endpoint = SignedJson.endpoint("SECURITYHUB", "SecurityHub", SIGNING_NAME, region);
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(3))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new SignedFindingsApi(http, credentials, region, endpoint, Duration.ofSeconds(10));
    }

    @Override
    public JsonNode batchUpdateFindings(ObjectNode request, Duration timeout) {
        String body = JsonText.of(request);
        SignedRequest signed = sign(body);
        HttpRequest.Builder send = HttpRequest.newBuilder(signed.request().getUri())
                .timeout(timeout.compareTo(this.timeout) < 0 ? timeout : this.timeout)
                .method(SdkHttpMethod.PATCH.name(), HttpRequest.BodyPublishers.ofString(body));
        signed.request().forEachHeader((name, values) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> send.header(name, v));
            }
        });
        HttpResponse<String> answer;
        try {
            answer = http.send(send.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("no answer from Security Hub at " + endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Security Hub", e);
        }
        if (answer.statusCode() != 200) {
            throw new Refused(
                    answer.statusCode(),
                    answer.headers().firstValue("x-amzn-ErrorType").orElse(null),
                    answer.body().length() > 300 ? answer.body().substring(0, 300) + "…" : answer.body());
        }
        return InputJson.read(answer.body(), FieldPath.root());
    }

    /** The PATCH to the endpoint, signed for Security Hub in the function's region. */
    private SignedRequest sign(String body) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.PATCH)
                .uri(endpoint.resolve(PATH))
                .putHeader("Content-Type", "application/json")
                .build();
        return SignedJson.sign(
                signer, credentials, request, ContentStreamProvider.fromUtf8String(body), SIGNING_NAME, region.id());
    }
}
