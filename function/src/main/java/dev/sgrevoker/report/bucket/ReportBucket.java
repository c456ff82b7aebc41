package dev.sgrevoker.report.bucket;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The report bucket (REPORT_BUCKET): reports and plans written whole under {@code reports/}, and a stored plan read
 * back. Both throw {@link Refused} when the bucket will not (a missing bucket, a policy, a KMS key the role may not
 * use, throttling past the retries).
 */
public interface ReportBucket {
    String name();

    /** Writes the file's bytes at {@code key}. */
    void put(String key, Path file, String contentType);

    /** The object at {@code key}, to be closed by the caller; empty when there is none. */
    Optional<InputStream> read(String key);

    /** The bucket would not write or read: why, in S3's words. */
    final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }
}
