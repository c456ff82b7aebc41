package dev.sgrevoker.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollector;

/** Ec2ThrottlingRetries: every attempt but the last that the SDK classed as throttling was retried. */
class ThrottlingRetriesTest {
    /** An API call's metrics as the SDK publishes them: one child per attempt, each with its error type if any. */
    private static software.amazon.awssdk.metrics.MetricCollection call(List<String> attemptErrors) {
        MetricCollector call = MetricCollector.create("ApiCall");
        for (String error : attemptErrors) {
            MetricCollector attempt = call.createChild("ApiCallAttempt");
            if (error != null) {
                attempt.reportMetric(CoreMetric.ERROR_TYPE, error);
            }
        }
        return call.collect();
    }

    @Test
    void throttledAttemptsFollowedByAnotherAreCountedAndDrainedOnce() {
        ThrottlingRetries retries = new ThrottlingRetries();

        retries.publish(call(java.util.Arrays.asList("Throttling", "Throttling", null)));
        retries.publish(call(java.util.Arrays.asList("ServerError", null)));
        retries.publish(call(java.util.Arrays.asList((String) null)));

        assertEquals(2, retries.drain(), "two throttled attempts were each followed by another");
        assertEquals(0, retries.drain(), "drained: the next result starts from zero");
    }

    @Test
    void aLastAttemptThatWasThrottledWasNotRetried() {
        ThrottlingRetries retries = new ThrottlingRetries();

        retries.publish(call(List.of("Throttling", "Throttling")));

        assertEquals(1, retries.drain());
    }
}
