package dev.sgrevoker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sgrevoker.report.view.ReportSource;
import dev.sgrevoker.report.view.ResultDocuments;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bin/report's terminal table and command over the function's sample documents. */
class GridTableTest {
    private static final Path SAMPLES = Path.of("../function/src/test/resources/report");

    private static String grid(boolean color, Integer width) {
        ReportSource source = ResultDocuments.read(SAMPLES.resolve("hostile-sweep-result.json"));
        StringWriter out = new StringWriter();
        new GridTable(color, width).print(source, new PrintWriter(out));
        return out.toString();
    }

    @Test
    void aPlainGridHasNoEscapeCodesAndFixedWidthColumns() {
        List<String> lines = grid(false, null).lines().toList();

        assertFalse(String.join("\n", lines).contains("\u001b"), "no ANSI codes without --color");
        assertTrue(lines.get(0).startsWith("groupId               groupName"), lines.get(0));
        assertTrue(lines.get(1).startsWith("--------------------  --------"), "a rule under the heading");
        assertEquals(12 + 4, lines.size(), "heading, rule, 12 rows, blank line, summary");
        int outcome = lines.get(0).indexOf("outcome");
        for (String row : lines.subList(2, 14)) {
            assertTrue(
                    row.substring(outcome).matches("(DRY_RUN|EXEMPT|SKIPPED|FAILED) .*"),
                    "every row's outcome in one column: " + row);
        }
        assertEquals(
                "12 rules, 8 DRY_RUN, 2 EXEMPT, 1 SKIPPED, 1 FAILED; account 111122223333; region eu-west-1",
                lines.get(15));
    }

    @Test
    void longTextIsCutWithAnEllipsisAndIdsAreNever() {
        String grid = grid(false, null);

        assertTrue(grid.contains("ssh for vendor-x & ops; ticket #4711 {I… "), "a description cut at 40 columns");
        assertTrue(grid.contains("<img src=x onerror=\"doc… "), "a name cut at 24 columns");
        assertTrue(grid.contains("444455556666/sg-0aaaabbbbccccdddd"), "a source in full");
        assertTrue(grid.contains("sgr-0bbbbbbbbbbbbbbb1"));
        assertTrue(grid.contains("until 2027-01-31"));
        assertTrue(grid.contains("UnauthorizedOperation"));
        assertTrue(grid.contains("EC2.13, EC2.19"), "the controls that chose a rule");
    }

    @Test
    void onANarrowTerminalTheFreeTextColumnsGiveWay() {
        for (String line : grid(false, 160).lines().toList()) {
            assertTrue(TerminalText.width(line) <= 160, TerminalText.width(line) + " columns: " + line);
        }
    }

    @Test
    void colourOnlyWhenAskedAndNeverFromTheData() {
        String colored = grid(true, null);
        assertTrue(colored.contains("\u001b[1mgroupId"), "a bold heading");
        assertTrue(colored.contains("\u001b[33mDRY_RUN"), "outcomes in colour");

        assertEquals("a \uFFFD[31mred\uFFFD b c", TerminalText.clean("a \u001b[31mred\u202e\tb\nc"));
        assertEquals("tcp/22", GridTable.allows(ResultDocumentsRow.first()));
    }

    @Test
    void widthsCountWhatATerminalShows() {
        assertEquals(4, TerminalText.width("日本"));
        assertEquals(1, TerminalText.width("e\u0301"));
        assertEquals("日…", TerminalText.cut("日本語", 4));
        assertEquals("abc  ", TerminalText.pad("abc", 5));
    }

    @Test
    void theCommandWritesCsvAndRefusesWhatItDoesNotKnow() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            ReportCommand.run(new String[] {
                "--format", "csv", SAMPLES.resolve("plan.json").toString()
            });
        } finally {
            System.setOut(stdout);
        }
        String csv = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("account,region,vpcId,groupId,groupName,ruleId,direction,protocol,"));
        // A description holds a line break inside its quoted field: records end in CRLF.
        assertEquals(9, csv.split("\r\n", -1).length - 1, "the header and the plan's 8 rules");

        assertThrows(
                IllegalArgumentException.class,
                () -> ReportCommand.run(new String[] {
                    "--format", "xml", SAMPLES.resolve("plan.json").toString()
                }));
        assertThrows(IllegalArgumentException.class, () -> ReportCommand.run(new String[] {"--format", "grid"}));
    }

    /** The first row of the sample, for the small helpers. */
    private static final class ResultDocumentsRow {
        static dev.sgrevoker.report.view.RuleRow first() {
            var rows = new java.util.ArrayList<dev.sgrevoker.report.view.RuleRow>();
            ResultDocuments.read(SAMPLES.resolve("hostile-sweep-result.json")).forEachRow(rows::add);
            return rows.get(0);
        }
    }
}
