package dev.sgrevoker.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * AWS RAM's ListResources (REST-JSON: POST /listresources), signed by {@link SignedJson}: the SDK's ram module is not
 * served to this project. The endpoint follows the SDK's settings (AWS_ENDPOINT_URL_RAM, aws.endpointUrlRam,
 * AWS_ENDPOINT_URL, …), else ram.REGION.amazonaws.com; one per account and region, on that place's credentials.
 */
final class RamCalls implements SharedGroups.RamResources {
    private final SignedJson api;

    RamCalls(SignedJson api) {
        this.api = api;
    }

    static RamCalls of(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return new RamCalls(SignedJson.of(http, credentials, "AWS RAM", "RAM", "Ram", "ram", region));
    }

    @Override
    public JsonNode listResources(ObjectNode body) {
        return api.post("ListResources", "/listresources", Map.of("Content-Type", "application/json"), body);
    }
}
