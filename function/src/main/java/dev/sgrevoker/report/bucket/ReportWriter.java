package dev.sgrevoker.report.bucket;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.ReportLocation;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.RunNote;
import dev.sgrevoker.report.ResultDocument;
import dev.sgrevoker.report.ResultEntry;
import dev.sgrevoker.report.view.ReportPage;
import dev.sgrevoker.report.view.ReportSource;
import dev.sgrevoker.report.view.RulesCsv;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a result's report and plan to the report bucket: every sweep, and every result with more than
 * {@code minEntries} entries, gets result.json (whole, with the restore documents), rules.csv and report.html; every
 * dry run (a report-only sweep included) gets plan.json. Each file is rendered to a temporary file as it is read,
 * then put whole, so a 100,000-rule sweep's report never sits in memory. A file the bucket refuses is named in the
 * result and the rest still go: the remediation never waits on a report.
 */
public final class ReportWriter {
    static final String RESULT = "result.json";
    static final String RULES = "rules.csv";
    static final String PAGE = "report.html";
    static final String PLAN = "plan.json";

    private final ReportBucket bucket;
    private final Settings settings;

    /**
     * @param region the function's region: the prefix's unless every entry acted in one other
     * @param functionName the function named in the page's apply command; null writes FUNCTION
     */
    public record Settings(int minEntries, int planTtlDays, String region, String functionName, Clock clock) {}

    public ReportWriter(ReportBucket bucket, Settings settings) {
        this.bucket = Objects.requireNonNull(bucket);
        this.settings = settings;
    }

    /** Whether {@code result} gets a report (result.json, rules.csv, report.html). */
    boolean reports(RevocationResult result) {
        return result.rejected() == null
                && (result.sweep() != null || result.permissions().size() > settings.minEntries());
    }

    /** Whether {@code result} gets a plan: a dry run, a report-only sweep included. */
    static boolean plans(RevocationResult result) {
        return result.rejected() == null
                && result.dryRun()
                && !result.permissions().isEmpty();
    }

    /**
     * The result, naming what was written where ({@code report}), or as it was when it gets neither a report nor a
     * plan. {@code ownAccount}: the function's account, for the prefix of a result whose entries name none. Never
     * throws for the bucket's sake: what could not be written is in {@code report.notWritten}.
     */
    public RevocationResult write(RevocationResult result, String ownAccount) {
        boolean report = reports(result);
        boolean plan = plans(result);
        if (!report && !plan) {
            return result;
        }
        String account = accountOf(result, ownAccount);
        String region = regionOf(result, settings.region());
        String run =
                result.messageId() == null ? result.invocationId() : result.invocationId() + "/" + result.messageId();
        RunNote note = result.run();
        if (note != null && note.shard() != null && !note.handOver()) {
            // A shard of a sweep run: under the run, where its roll-up's index.html links each shard's page.
            run = note.runId();
            account = note.shard().account();
            region = note.shard().region();
        }
        String planId = run + "/" + account + "/" + region;
        String prefix = "reports/" + planId + "/";
        List<String> names = new ArrayList<>();
        if (plan) {
            names.add(PLAN); // first: a report-only sweep's plan is what a reviewer acts on
        }
        if (report) {
            names.addAll(List.of(RULES, PAGE, RESULT));
        }
        List<String> keys = names.stream().map(n -> prefix + n).toList();
        RevocationResult named =
                result.withReport(new ReportLocation(bucket.name(), prefix, keys, plan ? planId : null, List.of()));
        List<String> written = new ArrayList<>();
        List<ReportLocation.NotWritten> failed = new ArrayList<>();
        for (String name : names) {
            String key = prefix + name;
            try {
                put(key, name, named, planId, account, region);
                written.add(key);
            } catch (IOException | RuntimeException e) {
                failed.add(new ReportLocation.NotWritten(key, why(e)));
            }
        }
        boolean planWritten = written.contains(prefix + PLAN);
        return result.withReport(
                new ReportLocation(bucket.name(), prefix, written, planWritten ? planId : null, failed));
    }

    private void put(String key, String name, RevocationResult result, String planId, String account, String region)
            throws IOException {
        Path file = Files.createTempFile("sg-revoker-", "-" + name);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                render(name, result, planId, account, region, out);
            }
            bucket.put(key, file, contentType(name));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void render(
            String name, RevocationResult result, String planId, String account, String region, OutputStream out)
            throws IOException {
        switch (name) {
            case PLAN -> {
                Instant now = settings.clock().instant().truncatedTo(ChronoUnit.SECONDS);
                PlanDocument.write(
                        result,
                        new PlanDocument.Header(
                                planId, now, now.plus(Duration.ofDays(settings.planTtlDays())), account, region),
                        out);
            }
            case RULES -> RulesCsv.write(source(result, account, region), out);
            case PAGE ->
                ReportPage.write(
                        source(result, account, region),
                        ReportPage.Options.DEFAULT.withFunctionName(settings.functionName()),
                        out);
            case RESULT -> ResultDocument.write(result, out);
            default -> throw new IllegalArgumentException(name);
        }
    }

    /** The result as the page and the CSV read it: its header with the account and region the result is about. */
    private static ReportSource source(RevocationResult result, String account, String region) {
        ObjectNode header = ResultDocument.header(result);
        header.put("account", account).put("region", region);
        return ReportSource.of(
                header, () -> result.permissions().stream().map(ResultEntry::of).iterator());
    }

    /** The one account every entry names, else the function's own (a result spanning accounts is filed there). */
    static String accountOf(RevocationResult result, String ownAccount) {
        Set<String> accounts = new LinkedHashSet<>();
        result.permissions().stream()
                .map(PermissionOutcome::subject)
                .map(PermissionOutcome.Subject::accountOfGroup)
                .filter(Objects::nonNull)
                .forEach(accounts::add);
        if (accounts.size() == 1) {
            return accounts.iterator().next();
        }
        return ownAccount != null ? ownAccount : "unknown-account";
    }

    /** The one region every entry acted in, else the function's own. */
    static String regionOf(RevocationResult result, String own) {
        Set<String> regions = new LinkedHashSet<>();
        result.permissions().stream()
                .map(p -> p.subject().where())
                .filter(Objects::nonNull)
                .forEach(w -> regions.add(w.region().name(own)));
        return regions.size() == 1 ? regions.iterator().next() : own;
    }

    private static String contentType(String name) {
        return switch (name) {
            case RULES -> "text/csv; charset=utf-8";
            case PAGE -> "text/html; charset=utf-8";
            default -> "application/json";
        };
    }

    private static String why(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 500 ? message.substring(0, 500) + "…" : message;
    }
}
