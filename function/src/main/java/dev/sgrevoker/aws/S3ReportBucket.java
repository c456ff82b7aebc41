package dev.sgrevoker.aws;

import dev.sgrevoker.report.bucket.ReportBucket;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** {@link ReportBucket} over the AWS SDK's S3 client, built on first use (most invocations write no report). */
public final class S3ReportBucket implements ReportBucket {
    private final String bucket;
    private final Supplier<S3Client> s3;

    public S3ReportBucket(String bucket, Supplier<S3Client> s3) {
        this.bucket = bucket;
        this.s3 = s3;
    }

    @Override
    public String name() {
        return bucket;
    }

    @Override
    public void put(String key, Path file, String contentType) {
        try {
            // Encrypted by the bucket's default (SSE-S3 at least; a KMS key of yours where the bucket says so).
            s3.get().putObject(r -> r.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file));
        } catch (AwsServiceException e) {
            throw new Refused(in("PutObject", key, e));
        } catch (SdkClientException e) {
            throw new Refused("PutObject s3://" + bucket + "/" + key + ": " + e.getMessage());
        }
    }

    @Override
    public Optional<InputStream> read(String key) {
        try {
            return Optional.of(s3.get().getObject(r -> r.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (AwsServiceException e) {
            throw new Refused(in("GetObject", key, e));
        } catch (SdkClientException e) {
            throw new Refused("GetObject s3://" + bucket + "/" + key + ": " + e.getMessage());
        }
    }

    private String in(String call, String key, AwsServiceException e) {
        var details = e.awsErrorDetails();
        String code = details == null || details.errorCode() == null ? "HTTP" + e.statusCode() : details.errorCode();
        String message = details == null || details.errorMessage() == null ? e.getMessage() : details.errorMessage();
        return call + " s3://" + bucket + "/" + key + " refused: " + code + ": " + message;
    }
}
