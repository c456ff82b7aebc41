package dev.sgrevoker.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.config.FunctionConfig;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.report.ResultDocument;
import dev.sgrevoker.report.ResultFallback;
import dev.sgrevoker.report.ResultNotDeliveredException;
import dev.sgrevoker.report.ResultPublisher;
import dev.sgrevoker.report.bucket.ReportWriter;
import dev.sgrevoker.revoke.Reserve;
import dev.sgrevoker.telemetry.Metrics;
import dev.sgrevoker.telemetry.RecordLog;
import java.time.Clock;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The record of one result: its report and plan in the report bucket, the log line, the result event (or the
 * fallback queue), the metrics, and its sweep run told; so no result is lost whatever the delivery does.
 */
final class ResultRecord {
    private final ResultPublisher publisher;
    private final ResultFallback fallback;
    private final Metrics metrics;
    private final Reserve reserve;
    private final LongSupplier ec2ThrottlingRetries;
    private final Optional<ReportWriter> reports;
    private final RunSteps runSteps;
    /** The function's own account, learnt from the first invocation's ARN: a report's prefix names it. */
    private volatile String ownAccount;

    ResultRecord(Parts parts, Reserve reserve, RunSteps runSteps) {
        this.publisher = parts.publisher();
        this.fallback = parts.fallback();
        this.metrics = new Metrics(parts.metrics());
        this.reserve = reserve;
        this.runSteps = runSteps;
        this.ec2ThrottlingRetries = parts.ec2ThrottlingRetries();
        FunctionConfig.Reports r = parts.config().reports();
        this.reports = parts.reportBucket()
                .map(bucket -> new ReportWriter(
                        bucket,
                        new ReportWriter.Settings(
                                r.minEntries(),
                                r.planTtlDays(),
                                parts.config().region(),
                                r.functionName(),
                                Clock.systemUTC())));
    }

    void ownAccount(String account) {
        this.ownAccount = account;
    }

    /**
     * The report and plan written to the report bucket, where this result gets them; whatever the bucket does, the
     * result goes on to be logged and delivered, naming what could not be written.
     */
    private RevocationResult withReport(RevocationResult result, RecordLog log) {
        if (reports.isEmpty()) {
            return result;
        }
        RevocationResult written;
        try {
            written = reports.get().write(result, ownAccount);
        } catch (RuntimeException e) {
            log.failure("the report of this result", e, "no report written; the result is delivered without it");
            return result;
        }
        if (written.report() != null && !written.report().notWritten().isEmpty()) {
            log.reportNotWritten(written.report());
        }
        return written;
    }

    /** The result document (also the response) and where the result went besides the log. */
    record Reported(ObjectNode document, Metrics.Delivery delivery) {}

    /**
     * Logs the result first, whole, so it survives whatever happens next; then puts it on EventBridge, or else on
     * the fallback queue. Once a rule is gone, or the input was refused for good, a lost event never fails the
     * invocation: a replay would only report the rules NOT_FOUND. With nothing revoked it throws, since a retry is
     * harmless and may deliver.
     */
    Reported report(RevocationResult result, RecordLog log) {
        long start = System.nanoTime();
        result = withReport(result, log);
        ObjectNode document = ResultDocument.response(result);
        log.result(document, reserve.millis());
        log.outcomes(result);
        Metrics.Delivery delivery;
        String lost = null;
        try {
            publisher.publish(result);
            delivery = Metrics.Delivery.EVENT;
        } catch (RuntimeException notPublished) {
            try {
                fallback.keep(result);
                delivery = Metrics.Delivery.FALLBACK;
                log.undelivered(notPublished.getMessage(), delivery);
            } catch (RuntimeException notKept) {
                delivery = Metrics.Delivery.LOG_ONLY;
                lost = notPublished.getMessage() + "; " + notKept.getMessage();
                log.undelivered(lost, delivery);
            }
        } finally {
            reserve.reportTook((System.nanoTime() - start) / 1_000_000);
        }
        metrics.result(result, delivery, ec2ThrottlingRetries.getAsLong());
        if (lost != null && !result.anyRevoked() && result.rejected() == null) {
            throw new ResultNotDeliveredException(lost);
        }
        // The last part's end sends the run's roll-up and writes its report: what the bucket refused is counted here.
        TriggerFamily trigger = result.trigger();
        runSteps.reported(result, log)
                .filter(run -> !run.notWritten().isEmpty())
                .ifPresent(run -> {
                    log.reportNotWritten(run);
                    metrics.reportsFailed(trigger, run.notWritten().size());
                });
        return new Reported(document, delivery);
    }
}
