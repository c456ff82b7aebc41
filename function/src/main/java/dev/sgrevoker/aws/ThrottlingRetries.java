package dev.sgrevoker.aws;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Counts the EC2 calls the SDK retried after a throttling error, for the Ec2ThrottlingRetries metric: every attempt
 * but the last whose error type the SDK classed as throttling (RequestLimitExceeded and the like) was retried.
 */
final class ThrottlingRetries implements MetricPublisher {
    /** The SDK's name for a throttling attempt's error type (its SdkErrorType is internal). */
    private static final String THROTTLING = "Throttling";

    private static final String ATTEMPT = "ApiCallAttempt";

    private final LongAdder retried = new LongAdder();

    @Override
    public void publish(MetricCollection call) {
        List<MetricCollection> attempts =
                call.children().stream().filter(c -> ATTEMPT.equals(c.name())).toList();
        for (int i = 0; i < attempts.size() - 1; i++) {
            if (attempts.get(i).metricValues(CoreMetric.ERROR_TYPE).contains(THROTTLING)) {
                retried.increment();
            }
        }
    }

    /** The retries counted since the last call: one instance handles one invocation at a time, so they are its. */
    long drain() {
        return retried.sumThenReset();
    }

    @Override
    public void close() {}
}
