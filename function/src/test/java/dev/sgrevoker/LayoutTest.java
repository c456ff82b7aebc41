package dev.sgrevoker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house rules of docs/layout.md, read from the main sources' own import lines: each package imports only what
 * its line allows (so no import runs back up and there is no cycle), only aws/ imports the SDK, and only
 * FunctionConfig reads the environment.
 */
class LayoutTest {
    private static final Path MAIN = Path.of("src", "main", "java", "dev", "sgrevoker");
    /** A type of ours named in full: an import line, or a name written out in the code or a {@code @link}. */
    private static final Pattern OURS = Pattern.compile("\\bdev\\.sgrevoker\\.([a-z.]+)\\.[A-Z]");

    /** What each package may import, as docs/layout.md and its package-info.java say. */
    private static final Map<String, Set<String>> MAY_IMPORT = Map.ofEntries(
            Map.entry(
                    "handler",
                    Set.of(
                            "config",
                            "priming",
                            "aws",
                            "telemetry",
                            "intake",
                            "intake/trigger",
                            "run",
                            "revoke",
                            "report/bucket",
                            "report/view",
                            "report",
                            "policy",
                            "model",
                            "exception")),
            Map.entry("config", Set.of("intake", "intake/trigger", "policy", "revoke", "model", "exception")),
            Map.entry("priming", Set.of("revoke", "policy", "report", "model")),
            Map.entry(
                    "aws",
                    Set.of("run", "revoke", "report", "report/bucket", "intake", "intake/trigger", "policy", "model")),
            Map.entry("telemetry", Set.of("revoke", "report", "model")),
            Map.entry("intake", Set.of("policy", "model", "exception")),
            Map.entry("intake/trigger", Set.of("intake", "policy", "model", "exception")),
            Map.entry("run", Set.of("revoke", "report", "report/bucket", "policy", "model", "exception")),
            Map.entry("revoke", Set.of("policy", "model")),
            Map.entry("report/bucket", Set.of("report/view", "report", "model")),
            Map.entry("report/view", Set.of("report", "model")),
            Map.entry("report", Set.of("model")),
            Map.entry("policy", Set.of("model")),
            Map.entry("model", Set.of("exception")),
            Map.entry("exception", Set.of()));

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String packageOf(Path file) {
        return MAIN.relativize(file.getParent()).toString().replace('\\', '/');
    }

    @Test
    void everyPackageImportsOnlyWhatItsLineInLayoutAllows() throws IOException {
        Set<String> packages = new TreeSet<>();
        Set<String> wrong = new TreeSet<>();
        for (Path file : sources()) {
            String own = packageOf(file);
            packages.add(own);
            Set<String> allowed = MAY_IMPORT.getOrDefault(own, Set.of());
            for (String line : Files.readAllLines(file)) {
                Matcher m = OURS.matcher(line);
                while (!line.startsWith("package ") && m.find()) {
                    String imported = m.group(1).replace('.', '/');
                    if (!imported.equals(own) && !allowed.contains(imported)) {
                        wrong.add(MAIN.relativize(file) + " imports " + imported);
                    }
                }
            }
        }
        assertEquals(new TreeSet<>(MAY_IMPORT.keySet()), packages, "every package has its line");
        assertEquals(Set.of(), wrong);
    }

    @Test
    void onlyAwsImportsTheSdkAndOnlyFunctionConfigReadsTheEnvironment() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path file : sources()) {
            String text = Files.readString(file);
            String name = MAIN.relativize(file).toString().replace('\\', '/');
            if (!packageOf(file).equals("aws") && text.contains("import software.amazon.awssdk.")) {
                wrong.add(name + " imports the SDK");
            }
            boolean reads = text.contains("System.getenv") || text.contains("System.getProperty");
            if (reads && !name.equals("config/FunctionConfig.java")) {
                wrong.add(name + " reads the environment");
            }
        }
        assertEquals(List.of(), wrong);
    }
}
