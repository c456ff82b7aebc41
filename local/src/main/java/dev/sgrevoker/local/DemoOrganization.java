package dev.sgrevoker.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.local.DemoEnvironment.Organization;
import dev.sgrevoker.local.DemoEnvironment.OrganizationAccount;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's organization, made in moto only (DemoSeed refuses any other endpoint): our own account manages it, each
 * account is created in file order, and a closed one is closed (Organizations then calls it SUSPENDED). Organizations'
 * JSON API is called directly: moto reads the account from the credential in the Authorization header and checks no
 * signature, and the SDK's organizations module is not served to this project.
 */
final class DemoOrganization {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoOrganization() {}

    /** Makes the organization; returns it with the account ids moto gave. */
    static Organization create(Organization organization) throws IOException, InterruptedException {
        call("CreateOrganization", JSON.createObjectNode().put("FeatureSet", "ALL"));
        List<OrganizationAccount> made = new ArrayList<>();
        for (OrganizationAccount a : organization.accounts()) {
            String id = call(
                            "CreateAccount",
                            JSON.createObjectNode()
                                    .put("AccountName", a.name())
                                    .put("Email", a.name() + "@example.com"))
                    .path("CreateAccountStatus")
                    .path("AccountId")
                    .asText();
            if (a.isClosed()) {
                call("CloseAccount", JSON.createObjectNode().put("AccountId", id));
            }
            made.add(new OrganizationAccount(a.name(), id, a.closed()));
        }
        return new Organization(made);
    }

    private static JsonNode call(String operation, ObjectNode body) throws IOException, InterruptedException {
        String endpoint = DemoAccounts.localEndpoint();
        String key = System.getenv().getOrDefault("AWS_ACCESS_KEY_ID", "testing");
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.replaceAll("/+$", "") + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSOrganizationsV20161128." + operation)
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=" + key + "/20260101/us-east-1/organizations/aws4_request,"
                                + " SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "Organizations " + operation + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
