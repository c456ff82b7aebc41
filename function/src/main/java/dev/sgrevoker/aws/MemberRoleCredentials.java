package dev.sgrevoker.aws;

import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.revoke.AccountUnreachable;
import dev.sgrevoker.revoke.MemberAccess;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** Credentials of the member role in one account, from STS; the only class that touches STS. */
final class MemberRoleCredentials implements MemberAccountGateways.RoleCredentials {
    /** Shows in the member account's CloudTrail as the session that revoked. */
    private static final String SESSION_NAME = "sg-revoker";

    private final StsClient sts;

    private MemberRoleCredentials(StsClient sts) {
        this.sts = sts;
    }

    /** Region and endpoint from the SDK's own settings, as for EC2; the function's own credentials ask. */
    static MemberRoleCredentials stsClient(
            SdkHttpClient http, AwsCredentialsProvider credentials, ClientOverrideConfiguration config) {
        return new MemberRoleCredentials(StsClient.builder()
                .httpClient(http)
                .credentialsProvider(credentials)
                .overrideConfiguration(config)
                .build());
    }

    /**
     * Assumes the member role in {@code account} now, so a refusal is reported as such (not as an EC2 error later);
     * the provider refreshes the session before it expires.
     */
    @Override
    public AwsCredentialsProvider assume(MemberAccess access, String account) {
        String roleArn = access.roleArn(partition(), account);
        StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .asyncCredentialUpdateEnabled(false)
                .refreshRequest(
                        r -> r.roleArn(roleArn).roleSessionName(SESSION_NAME).externalId(access.externalId()))
                .build();
        try {
            provider.resolveCredentials();
            return provider;
        } catch (AwsServiceException e) {
            var sts = new FailureCode.Aws(
                    "STS",
                    e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode(),
                    e.statusCode());
            String said = sts.code() == null ? "HTTP" + e.statusCode() : sts.code();
            // Throttling and STS's 5xx keep STS's code, so the message is retried; a refusal is final.
            boolean transientFailure = e.isThrottlingException() || e.statusCode() >= 500;
            throw new AccountUnreachable(
                    transientFailure ? sts : FailureCode.Ours.ASSUME_ROLE_FAILED,
                    "could not assume " + roleArn + " in account " + account + " (" + said + "): "
                            + (e.awsErrorDetails() == null
                                    ? e.getMessage()
                                    : e.awsErrorDetails().errorMessage()));
        } catch (SdkException e) {
            throw new AccountUnreachable(
                    FailureCode.Ours.CLIENT_ERROR,
                    "could not assume " + roleArn + " in account " + account + ": " + e.getMessage());
        }
    }

    private String partition() {
        Region region = sts.serviceClientConfiguration().region();
        RegionMetadata metadata = region == null ? null : region.metadata();
        return metadata == null ? "aws" : metadata.partition().id();
    }
}
