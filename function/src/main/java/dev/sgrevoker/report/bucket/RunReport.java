package dev.sgrevoker.report.bucket;

import dev.sgrevoker.model.ReportLocation;
import dev.sgrevoker.report.view.RulesCsv;
import dev.sgrevoker.report.view.RunIndexPage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An organization run's own report, written with its roll-up: {@code reports/<runId>/rules.csv} (every shard's rows,
 * one header) and {@code reports/<runId>/index.html} (a line per shard, linking its report.html). Each shard's
 * rules.csv is read from the bucket and appended to a temporary file as it comes, so a run never sits in memory. A
 * file the bucket refuses is named, never thrown: the roll-up goes out whatever happens here.
 */
public final class RunReport {
    public static final String INDEX = "index.html";
    static final String RULES = ReportWriter.RULES;

    /** The header every shard's rules.csv starts with, as RulesCsv writes it. */
    private static final String HEADER = headerText();

    private final ReportBucket bucket;

    /**
     * One (account, region) of the run: its counts (the run table's, hand-overs included) and why it failed or did
     * not finish, else null.
     */
    public record Shard(String account, String region, Map<String, Integer> counts, String problem) {
        public Shard {
            counts = Map.copyOf(counts);
        }

        String folder() {
            return account + "/" + region + "/";
        }
    }

    /** What was written where, and the shards whose own report was not found (each with why). */
    public record Written(ReportLocation location, List<ReportLocation.NotWritten> shardsWithoutReport) {
        public Written {
            shardsWithoutReport = List.copyOf(shardsWithoutReport);
        }
    }

    public RunReport(ReportBucket bucket) {
        this.bucket = Objects.requireNonNull(bucket);
    }

    /** Writes the run's rules.csv, then its index.html (which names the shards rules.csv found no report of). */
    public Written write(String runId, String time, List<Shard> shards) {
        String prefix = "reports/" + runId + "/";
        List<String> written = new ArrayList<>();
        List<ReportLocation.NotWritten> failed = new ArrayList<>();
        List<ReportLocation.NotWritten> missing = new ArrayList<>();
        String rules = prefix + RULES;
        try {
            put(rules, "text/csv; charset=utf-8", out -> rules(prefix, shards, out, missing));
            written.add(rules);
        } catch (IOException | RuntimeException e) {
            failed.add(new ReportLocation.NotWritten(rules, why(e)));
        }
        String index = prefix + INDEX;
        try {
            put(index, "text/html; charset=utf-8", out -> RunIndexPage.write(page(runId, time, shards, missing), out));
            written.add(index);
        } catch (IOException | RuntimeException e) {
            failed.add(new ReportLocation.NotWritten(index, why(e)));
        }
        return new Written(new ReportLocation(bucket.name(), prefix, written, null, failed), missing);
    }

    /** The header once, then each shard's rows without its header; a shard without a readable rules.csv is named. */
    private void rules(String prefix, List<Shard> shards, OutputStream out, List<ReportLocation.NotWritten> missing)
            throws IOException {
        out.write(header());
        for (Shard s : shards) {
            String key = prefix + s.folder() + RULES;
            Optional<InputStream> object;
            try {
                object = bucket.read(key);
            } catch (ReportBucket.Refused e) {
                missing.add(new ReportLocation.NotWritten(key, why(e)));
                continue;
            }
            if (object.isEmpty()) {
                missing.add(new ReportLocation.NotWritten(key, "no such object: the shard wrote no report"));
                continue;
            }
            try (InputStream in = object.get()) {
                String refused = append(in, out);
                if (refused != null) {
                    missing.add(new ReportLocation.NotWritten(key, refused));
                }
            }
        }
    }

    /** Appends one shard's rows; why not, when its header is not this version's (its columns would not line up). */
    private static String append(InputStream in, OutputStream out) throws IOException {
        byte[] expected = header();
        byte[] head = in.readNBytes(expected.length);
        if (head.length == 0) {
            return "empty: the shard's rules.csv was not written whole";
        }
        if (!Arrays.equals(head, expected)) {
            return "its header is not " + String.join(",", RulesCsv.COLUMNS) + ": its columns would not line up";
        }
        byte[] buffer = new byte[64 * 1024];
        int last = '\n';
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
            last = buffer[n - 1];
        }
        if (last != '\n') {
            out.write(new byte[] {'\r', '\n'}); // a row cut short still ends its line, so the next shard's starts anew
        }
        return null;
    }

    private static RunIndexPage.Run page(
            String runId, String time, List<Shard> shards, List<ReportLocation.NotWritten> missing) {
        List<RunIndexPage.Shard> lines = new ArrayList<>();
        for (Shard s : shards) {
            String href = s.folder() + ReportWriter.PAGE;
            Optional<ReportLocation.NotWritten> none = missing.stream()
                    .filter(m -> m.key().endsWith("/" + s.folder() + RULES))
                    .findFirst();
            String problem = s.problem();
            if (none.isPresent()) {
                href = null;
                problem = problem != null ? problem : "no report: " + none.get().reason();
            }
            lines.add(new RunIndexPage.Shard(s.account(), s.region(), href, s.counts(), null, null, problem));
        }
        return new RunIndexPage.Run(runId, time, lines);
    }

    private interface Render {
        void to(OutputStream out) throws IOException;
    }

    private void put(String key, String contentType, Render render) throws IOException {
        Path file = Files.createTempFile("sg-revoker-run-", "-" + key.substring(key.lastIndexOf('/') + 1));
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                render.to(out);
            }
            bucket.put(key, file, contentType);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String headerText() {
        StringWriter text = new StringWriter();
        new RulesCsv(text).flush();
        return text.toString();
    }

    /** The header's bytes, a fresh array each time: a shared array could be written to. */
    private static byte[] header() {
        return HEADER.getBytes(StandardCharsets.UTF_8);
    }

    private static String why(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 500 ? message.substring(0, 500) + "…" : message;
    }
}
