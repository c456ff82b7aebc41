package dev.sgrevoker.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.intake.InputJson;
import dev.sgrevoker.intake.trigger.OrganizationAccounts;
import dev.sgrevoker.report.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.endpoint.AwsClientEndpointProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;

/**
 * Organizations' JSON API (ListAccounts, ListAccountsForParent, ListChildren), signed with SigV4 and sent through
 * the function's one HTTP client. The SDK's organizations module cannot be had from this project's registry, and
 * three read-only calls need only the signer and the endpoint rules the SDK already brings. The endpoint follows
 * the SDK's own settings (AWS_ENDPOINT_URL_ORGANIZATIONS, AWS_ENDPOINT_URL, aws.endpointUrl…), else the partition's
 * global one.
 */
final class OrganizationsCalls implements OrganizationAccountList.Calls {
    private static final String TARGET = "AWSOrganizationsV20161128.";
    private static final int ATTEMPTS = 4;

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final URI endpoint;
    private final String signingRegion;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    private OrganizationsCalls(
            SdkHttpClient http, AwsCredentialsProvider credentials, URI endpoint, String signingRegion) {
        this.http = http;
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.signingRegion = signingRegion;
    }

    /** Organizations is global: its one endpoint is in the partition's home region (us-east-1 in aws). */
    static OrganizationsCalls of(SdkHttpClient http, AwsCredentialsProvider credentials, String functionRegion) {
        String home = functionRegion.startsWith("cn-")
                ? "cn-northwest-1"
                : functionRegion.startsWith("us-gov-") ? "us-gov-west-1" : "us-east-1";
        URI endpoint = AwsClientEndpointProvider.builder()
                .serviceEndpointOverrideEnvironmentVariable("AWS_ENDPOINT_URL_ORGANIZATIONS")
                .serviceEndpointOverrideSystemProperty("aws.endpointUrlOrganizations")
                .serviceProfileProperty("organizations")
                .serviceEndpointPrefix("organizations")
                .defaultProtocol("https")
                .region(Region.of(home))
                .build()
                .clientEndpoint();
        return new OrganizationsCalls(http, credentials, endpoint, home);
    }

    @Override
    public JsonNode call(String operation, ObjectNode body) {
        byte[] payload = JsonText.of(body).getBytes(StandardCharsets.UTF_8);
        OrganizationAccounts.Unreadable last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return once(operation, payload);
            } catch (Retry e) {
                last = new OrganizationAccounts.Unreadable(e.getMessage());
                if (attempt < ATTEMPTS) {
                    sleep(200L << attempt);
                }
            }
        }
        throw last;
    }

    private JsonNode once(String operation, byte[] payload) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", TARGET + operation)
                .build();
        SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "organizations")
                .putProperty(AwsV4HttpSigner.REGION_NAME, signingRegion));
        HttpExecuteResponse response;
        JsonNode answer;
        try {
            response = http.prepareRequest(HttpExecuteRequest.builder()
                            .request(signed.request())
                            .contentStreamProvider(signed.payload().orElse(null))
                            .build())
                    .call();
            try (InputStream in = response.responseBody().orElse(null)) {
                answer = in == null ? null : InputJson.read(in);
            }
        } catch (IOException | RuntimeException e) {
            throw new Retry("Organizations " + operation + " could not be called: " + e.getMessage());
        }
        int status = response.httpResponse().statusCode();
        if (status / 100 == 2 && answer != null) {
            return answer;
        }
        String type = answer == null ? "HTTP " + status : answer.path("__type").asText("HTTP " + status);
        String code = type.substring(type.lastIndexOf('#') + 1);
        String said = "Organizations " + operation + " answered " + code
                + (answer == null
                        ? ""
                        : ": "
                                + answer.path("message")
                                        .asText(answer.path("Message").asText("")));
        if (status >= 500 || code.equals("TooManyRequestsException")) {
            throw new Retry(said);
        }
        throw new OrganizationAccounts.Unreadable(said);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrganizationAccounts.Unreadable("interrupted while Organizations was throttling");
        }
    }

    /** Worth another try: throttling, a 5xx, or no answer. */
    private static final class Retry extends RuntimeException {
        Retry(String message) {
            super(message, null, false, false);
        }
    }
}
