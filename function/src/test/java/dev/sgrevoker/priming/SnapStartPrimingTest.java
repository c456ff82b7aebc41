package dev.sgrevoker.priming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sgrevoker.revoke.InMemoryEc2;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which of priming's own service steps run, in which order, and that a step with no answer never fails it. */
class SnapStartPrimingTest {
    private final List<String> sent = new ArrayList<>();
    private final InMemoryEc2 ec2 = new InMemoryEc2();

    private SnapStartPriming priming(Optional<Runnable> reports, Optional<Runnable> securityHub) {
        return priming(reports, securityHub, Optional.empty());
    }

    private SnapStartPriming priming(
            Optional<Runnable> reports, Optional<Runnable> securityHub, Optional<Runnable> runTable) {
        RequestStreamHandler handler = (in, out, context) -> {};
        return new SnapStartPriming(new SnapStartPriming.Parts(
                made -> handler,
                ec2,
                ec2,
                ec2,
                ec2,
                () -> sent.add("PutEvents"),
                reports,
                securityHub,
                runTable,
                () -> {},
                "us-east-1",
                false));
    }

    @Test
    void withoutAReportBucketOrFindingUpdatesNeitherS3NorSecurityHubIsCalled() {
        List<String> answered = priming(Optional.empty(), Optional.empty()).prime();

        assertEquals(SnapStartPriming.STEPS.subList(0, 7), answered);
        assertEquals(List.of("PutEvents"), sent);
    }

    @Test
    void withEachTheirCallsAreSentAfterEventBridgeAndNamedInStepOrder() {
        List<String> answered = priming(
                        Optional.of(() -> sent.add("GetObject")),
                        Optional.of(() -> sent.add("Patch")),
                        Optional.of(() -> sent.add("GetItem")))
                .prime();

        assertEquals(SnapStartPriming.STEPS, answered);
        assertEquals(List.of("PutEvents", "GetObject", "Patch", "GetItem"), sent);
    }

    @Test
    void withARunTableOnlyItsReadIsAddedAfterEventBridge() {
        List<String> answered = priming(Optional.empty(), Optional.empty(), Optional.of(() -> sent.add("GetItem")))
                .prime();

        assertEquals(
                List.of(
                        "direct",
                        "sqs",
                        "securityhub",
                        "sweep",
                        "ec2-describes",
                        "ec2-dry-run-revoke",
                        "eventbridge-put-events",
                        "dynamodb-run-table-get"),
                answered);
        assertEquals(List.of("PutEvents", "GetItem"), sent);
    }

    @Test
    void aServiceThatDoesNotAnswerIsLeftOutAndTheRestStillRun() {
        Runnable noAnswer = () -> {
            throw new UncheckedIOException(new ConnectException("no answer from Security Hub"));
        };
        List<String> answered = priming(Optional.of(() -> sent.add("GetObject")), Optional.of(noAnswer))
                .prime();

        assertFalse(answered.contains("securityhub-batch-update"), answered.toString());
        assertTrue(answered.contains("s3-report-get"), answered.toString());
        assertEquals(List.of("PutEvents", "GetObject"), sent);
    }
}
