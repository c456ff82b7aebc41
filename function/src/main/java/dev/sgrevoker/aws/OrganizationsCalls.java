package dev.sgrevoker.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.intake.trigger.OrganizationAccounts;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Organizations' JSON API (ListAccounts, ListAccountsForParent, ListChildren), signed with SigV4 and sent through
 * the function's one HTTP client ({@link SignedJson}). The SDK's organizations module cannot be had from this
 * project's registry, and three read-only calls need only the signer and the endpoint rules the SDK already brings.
 * The endpoint follows the SDK's own settings (AWS_ENDPOINT_URL_ORGANIZATIONS, AWS_ENDPOINT_URL,
 * aws.endpointUrl…), else the partition's global one.
 */
final class OrganizationsCalls implements OrganizationAccountList.Calls {
    private static final String TARGET = "AWSOrganizationsV20161128.";

    private final SignedJson api;

    private OrganizationsCalls(SignedJson api) {
        this.api = api;
    }

    /** Organizations is global: its one endpoint is in the partition's home region (us-east-1 in aws). */
    static OrganizationsCalls of(SdkHttpClient http, AwsCredentialsProvider credentials, String functionRegion) {
        String home = functionRegion.startsWith("cn-")
                ? "cn-northwest-1"
                : functionRegion.startsWith("us-gov-") ? "us-gov-west-1" : "us-east-1";
        return new OrganizationsCalls(SignedJson.of(
                http,
                credentials,
                "Organizations",
                "ORGANIZATIONS",
                "Organizations",
                "organizations",
                Region.of(home)));
    }

    @Override
    public JsonNode call(String operation, ObjectNode body) {
        try {
            return api.post(
                    operation,
                    "/",
                    Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", TARGET + operation),
                    body);
        } catch (SignedJson.Refused e) {
            throw new OrganizationAccounts.Unreadable(e.getMessage());
        }
    }
}
