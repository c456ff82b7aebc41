package dev.sgrevoker.local;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * EC2 in our own account and in the demo's member accounts, reached as the function reaches them: through the member
 * role, assumed at the endpoint (moto keeps the accounts apart by the credentials). Endpoint, region and our own
 * credentials come from the environment.
 */
final class DemoAccounts implements AutoCloseable {
    /** The external id the demo's member role is assumed with (events/env/*.json give the function the same). */
    static final String DEMO_EXTERNAL_ID = "sg-revoker-demo";

    private final Ec2Client own = Ec2Client.create();
    private final Map<String, Ec2Client> members = new HashMap<>();

    /**
     * EC2 at a place: {@code null} is our own in the demo's region; else {@code ACCOUNT}, {@code ACCOUNT@REGION} or
     * {@code @REGION} (our own account in another region).
     */
    Ec2Client ec2(String place) {
        if (place == null) {
            return own;
        }
        int at = place.indexOf('@');
        String account = at < 0 ? place : place.substring(0, at);
        String region = at < 0 ? null : place.substring(at + 1);
        if (account.isEmpty()) {
            return members.computeIfAbsent(
                    place, p -> Ec2Client.builder().region(Region.of(region)).build());
        }
        return members.computeIfAbsent(place, p -> {
            try (StsClient sts = StsClient.create()) {
                Credentials c = sts.assumeRole(
                                r -> r.roleArn("arn:aws:iam::" + account + ":role/" + DemoEnvironment.MEMBER_ROLE)
                                        .roleSessionName("sg-revoker-demo")
                                        .externalId(DEMO_EXTERNAL_ID))
                        .credentials();
                var builder = Ec2Client.builder();
                if (region != null) {
                    builder.region(Region.of(region));
                }
                return builder.credentialsProvider(StaticCredentialsProvider.create(
                                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
                        .build();
            }
        });
    }

    /**
     * The endpoint every call goes to, if it is one we may create things in: set, and not one of AWS's own hosts.
     * The demo's queues and result routing are made only there, never in a real account.
     */
    static String localEndpoint() {
        return localEndpoint(System.getenv("AWS_ENDPOINT_URL"));
    }

    static String localEndpoint(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return null;
        }
        String host = URI.create(endpoint.strip()).getHost();
        if (host == null) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        boolean aws =
                host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn") || host.endsWith(".api.aws");
        return aws ? null : endpoint.strip();
    }

    @Override
    public void close() {
        own.close();
        members.values().forEach(Ec2Client::close);
    }
}
