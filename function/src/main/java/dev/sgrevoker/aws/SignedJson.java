package dev.sgrevoker.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.intake.InputJson;
import dev.sgrevoker.report.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.endpoint.AwsClientEndpointProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;

/**
 * A JSON POST to an AWS service whose SDK module this project cannot have (Organizations, RAM): signed with the SDK's
 * SigV4 signer, sent through the function's one HTTP client, retried on throttling, a 5xx or no answer. The endpoint
 * follows the SDK's own settings for that service (AWS_ENDPOINT_URL_X, aws.endpointUrlX, AWS_ENDPOINT_URL, …).
 */
final class SignedJson {
    private static final int ATTEMPTS = 4;

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final URI endpoint;
    private final String service;
    private final String signingName;
    private final String signingRegion;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * {@code service} names it in messages; {@code envSuffix} is the SDK settings' service id ("ORGANIZATIONS",
     * "RAM"), {@code prefix} the endpoint prefix and signing name.
     */
    static SignedJson of(
            SdkHttpClient http,
            AwsCredentialsProvider credentials,
            String service,
            String envSuffix,
            String systemSuffix,
            String prefix,
            Region region) {
        return new SignedJson(
                http, credentials, endpoint(envSuffix, systemSuffix, prefix, region), service, prefix, region.id());
    }

    /**
     * A service's endpoint from the SDK's own settings (AWS_ENDPOINT_URL_{envSuffix}, aws.endpointUrl{systemSuffix},
     * AWS_ENDPOINT_URL, aws.endpointUrl, the profile), else https://{prefix}.{region}.amazonaws.com.
     */
    static URI endpoint(String envSuffix, String systemSuffix, String prefix, Region region) {
        return AwsClientEndpointProvider.builder()
                .serviceEndpointOverrideEnvironmentVariable("AWS_ENDPOINT_URL_" + envSuffix)
                .serviceEndpointOverrideSystemProperty("aws.endpointUrl" + systemSuffix)
                .serviceProfileProperty(prefix)
                .serviceEndpointPrefix(prefix)
                .defaultProtocol("https")
                .region(region)
                .build()
                .clientEndpoint();
    }

    /** One request signed (SigV4) for {@code signingName} in {@code region}: every hand-signed call goes through here. */
    static SignedRequest sign(
            AwsV4HttpSigner signer,
            AwsCredentialsProvider credentials,
            SdkHttpRequest request,
            ContentStreamProvider payload,
            String signingName,
            String region) {
        return signer.sign(r -> r.identity(credentials.resolveCredentials())
                .request(request)
                .payload(payload)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    }

    SignedJson(
            SdkHttpClient http,
            AwsCredentialsProvider credentials,
            URI endpoint,
            String service,
            String signingName,
            String signingRegion) {
        this.http = http;
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.service = service;
        this.signingName = signingName;
        this.signingRegion = signingRegion;
    }

    URI endpoint() {
        return endpoint;
    }

    /**
     * POSTs {@code body} to {@code path} with these headers; the answer's JSON. Throws {@link Refused} when the service
     * refused it, or when it kept throttling, failing or not answering past the attempts.
     */
    JsonNode post(String operation, String path, Map<String, String> headers, ObjectNode body) {
        byte[] payload = JsonText.of(body).getBytes(StandardCharsets.UTF_8);
        Refused last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return once(operation, path, headers, payload);
            } catch (Retry e) {
                last = new Refused(e.code, e.getMessage());
                if (attempt < ATTEMPTS) {
                    sleep(200L << attempt);
                }
            }
        }
        throw last;
    }

    private JsonNode once(String operation, String path, Map<String, String> headers, byte[] payload) {
        SdkHttpFullRequest.Builder request =
                SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(endpoint.resolve(path));
        headers.forEach(request::putHeader);
        SignedRequest signed = sign(
                signer,
                credentials,
                request.build(),
                ContentStreamProvider.fromByteArray(payload),
                signingName,
                signingRegion);
        HttpExecuteResponse response;
        JsonNode answer;
        try {
            response = http.prepareRequest(HttpExecuteRequest.builder()
                            .request(signed.request())
                            .contentStreamProvider(signed.payload().orElse(null))
                            .build())
                    .call();
            try (InputStream in = response.responseBody().orElse(null)) {
                answer = in == null ? null : readOrNull(in);
            }
        } catch (IOException | RuntimeException e) {
            throw new Retry("NoAnswer", service + " " + operation + " could not be called: " + e.getMessage());
        }
        int status = response.httpResponse().statusCode();
        if (status / 100 == 2 && answer != null) {
            return answer;
        }
        // JSON 1.1 says the error in __type; REST-JSON in the x-amzn-ErrorType header.
        String type = response.httpResponse()
                .firstMatchingHeader("x-amzn-ErrorType")
                .orElse(
                        answer == null
                                ? "HTTP " + status
                                : answer.path("__type").asText("HTTP " + status));
        String code = type.substring(type.lastIndexOf('#') + 1).split(":", 2)[0];
        String message = answer == null
                ? ""
                : answer.path("message").asText(answer.path("Message").asText(""));
        String said = service + " " + operation + " answered " + code + (message.isEmpty() ? "" : ": " + message);
        if (status >= 500 || code.contains("Throttl") || code.equals("TooManyRequestsException")) {
            throw new Retry(code, said);
        }
        throw new Refused(code, said);
    }

    /** An error page (moto's 404 is HTML) is no JSON: the status then says what happened. */
    private static JsonNode readOrNull(InputStream in) {
        try {
            return InputJson.read(in);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("Interrupted", "interrupted while " + service + " was throttling");
        }
    }

    /** The service refused the call, or never answered it well within the attempts; the message says which. */
    static final class Refused extends RuntimeException {
        private final String code;

        Refused(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    /** Worth another try: throttling, a 5xx, or no answer. */
    private static final class Retry extends RuntimeException {
        private final String code;

        Retry(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
