package dev.sgrevoker.local;

import dev.sgrevoker.report.view.ReportPage;
import dev.sgrevoker.report.view.ReportSource;
import dev.sgrevoker.report.view.ResultDocuments;
import dev.sgrevoker.report.view.RulesCsv;
import dev.sgrevoker.report.view.RunIndexPage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/report}: renders results and plans with the function's own reader and renderers, as
 * {@code custodian report} does: a grid for the terminal, rules.csv, report.html, or an organization run's
 * index.html from its shards' result.json files.
 */
public final class ReportCommand {
    static final String USAGE = """
            usage: bin/report [--format grid|csv|html|index] [--function-name NAME] [--plan-uri S3_URI]
                              [--width COLUMNS] [--color] [--tty] FILE... | -
            Renders sg-revoker results (a response, result.json, a result event or its detail, a fallback
            message or `aws sqs receive-message` output, a result log line) or a plan, on stdout:
              grid   a table for the terminal (default)
              csv    rules.csv: the same columns and neutralising as the function's report
              html   report.html: the function's page
              index  an organization run's index.html, one line per FILE (each a shard's result.json)
            Several FILEs are read as one result (the parts of one, or a run's shards). - reads stdin.
            --function-name and --plan-uri fill in the page's apply command. bin/report passes --color,
            --tty and --width when stdout is a terminal; without them the output has no ANSI codes.""";

    private ReportCommand() {}

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("report: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args) {
        String format = "grid";
        String functionName = null;
        String planUri = null;
        Integer width = null;
        boolean color = false;
        boolean tty = false;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return 0;
                }
                case "--format" -> format = value(args, ++i, a);
                case "--function-name" -> functionName = value(args, ++i, a);
                case "--plan-uri" -> planUri = value(args, ++i, a);
                case "--width" -> width = Integer.valueOf(value(args, ++i, a));
                case "--color" -> color = true;
                case "--tty" -> tty = true;
                default -> {
                    if (a.startsWith("--")) throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
                    files.add(a);
                }
            }
        }
        if (files.isEmpty()) throw new IllegalArgumentException("no FILE\n" + USAGE);
        List<ReportSource> sources = new ArrayList<>();
        for (String f : files) sources.add(ResultDocuments.read(path(f)));
        Writer text = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        Writer out = tty ? TerminalText.safe(text) : text;
        switch (format) {
            case "grid" -> new GridTable(color, width).print(ReportSource.concat(sources), new PrintWriter(text));
            case "csv" -> {
                RulesCsv csv = new RulesCsv(out);
                ReportSource.concat(sources).forEachRow(csv::row);
                csv.flush();
            }
            case "html" ->
                ReportPage.write(
                        ReportSource.concat(sources),
                        ReportPage.Options.DEFAULT
                                .withFunctionName(functionName)
                                .withPlanUri(planUri),
                        out);
            case "index" ->
                RunIndexPage.write(
                        new RunIndexPage.Run(
                                sources.get(0).header().runId(),
                                sources.get(0).header().time(),
                                sources.stream()
                                        .map(s -> RunIndexPage.Shard.of(s.header()))
                                        .toList()),
                        out);
            default -> throw new IllegalArgumentException("--format is grid, csv, html or index, not " + format);
        }
        return 0;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    /** stdin is read once into a temporary file: the renderers walk their input more than once. */
    private static Path path(String file) {
        try {
            if (!file.equals("-")) {
                Path p = Path.of(file);
                if (!Files.isReadable(p)) throw new IllegalArgumentException("cannot read " + file);
                return p;
            }
            Path tmp = Files.createTempFile("sg-revoker-report", ".json");
            tmp.toFile().deleteOnExit();
            Files.copy(System.in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("reading stdin", e);
        }
    }
}
