package dev.sgrevoker.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * An organization in moto, made through the function's own Organizations calls (the SDK's organizations module is
 * not served here): the management account is the test's own, 123456789012. Its endpoint is the SDK's settings'
 * (aws.endpointUrl, which MotoExtension sets).
 */
public final class OrganizationsSeed {
    private final OrganizationsCalls calls = OrganizationsCalls.of(
            UrlConnectionHttpClient.create(),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
            "us-east-1");

    public OrganizationsSeed() {
        calls.call("CreateOrganization", object().put("FeatureSet", "ALL"));
    }

    /** A new member account's id. */
    public String account(String name) {
        JsonNode status = calls.call(
                        "CreateAccount", object().put("AccountName", name).put("Email", name + "@example.com"))
                .path("CreateAccountStatus");
        return status.path("AccountId").asText();
    }

    /** Closes the account: Organizations then calls it SUSPENDED. */
    public void close(String account) {
        calls.call("CloseAccount", object().put("AccountId", account));
    }

    public String root() {
        return calls.call("ListRoots", object()).path("Roots").get(0).path("Id").asText();
    }

    public String unit(String parent, String name) {
        return calls.call(
                        "CreateOrganizationalUnit",
                        object().put("ParentId", parent).put("Name", name))
                .path("OrganizationalUnit")
                .path("Id")
                .asText();
    }

    public void move(String account, String from, String to) {
        calls.call(
                "MoveAccount",
                object().put("AccountId", account).put("SourceParentId", from).put("DestinationParentId", to));
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
