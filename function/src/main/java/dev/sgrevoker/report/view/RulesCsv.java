package dev.sgrevoker.report.view;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.report.JsonText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code rules.csv}: one row per rule, RFC 4180 (CRLF line ends, a field quoted when it holds a comma, quote, CR or
 * LF, quotes doubled), UTF-8 without a byte-order mark, a header row of {@link #COLUMNS}. Rows go to the writer as
 * they come; nothing is held. A cell a spreadsheet would read as a formula is neutralised as OWASP advises, see
 * {@link #cell}.
 */
public final class RulesCsv {
    public static final List<String> COLUMNS = List.of(
            "account",
            "region",
            "vpcId",
            "groupId",
            "groupName",
            "ruleId",
            "direction",
            "protocol",
            "fromPort",
            "toPort",
            "source",
            "description",
            "ruleTags",
            "because",
            "outcome",
            "errorCode",
            "reason",
            "exemptUntil",
            "interfacesUsingGroup");

    /** A whole integer cannot be a formula: EC2's -1 (all protocols, all ICMP types) stays a number. */
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

    private final Writer out;
    private long rows;

    /** Writes the header row at once. */
    public RulesCsv(Writer out) {
        this.out = out;
        line(COLUMNS);
    }

    /** Every row of {@code source} as UTF-8 to {@code out}, which is flushed, not closed; returns the rows written. */
    public static long write(ReportSource source, OutputStream out) {
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        RulesCsv csv = new RulesCsv(text);
        source.forEachRow(csv::row);
        csv.flush();
        return csv.rows();
    }

    public void row(RuleRow r) {
        line(java.util.Arrays.asList(
                r.account(),
                r.region(),
                r.vpcId(),
                r.groupId(),
                r.groupName(),
                r.ruleId(),
                r.direction(),
                r.protocol(),
                number(r.fromPort()),
                number(r.toPort()),
                r.source(),
                r.description(),
                tags(r.ruleTags()),
                r.because().isEmpty() ? null : String.join("; ", r.because()),
                r.outcome(),
                r.errorCode(),
                r.reason(),
                r.exemptUntil(),
                number(r.groupUse().interfaces())));
        rows++;
    }

    public long rows() {
        return rows;
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing rules.csv", e);
        }
    }

    /**
     * One field, ready for the line. OWASP's CSV-injection advice: a cell starting with {@code =}, {@code +},
     * {@code -}, {@code @}, tab or carriage return gets a leading {@code '}, which spreadsheets read as "text" and do
     * not show. A cell already starting with {@code '} gets one too, so stripping one leading {@code '} always gives
     * back the value, and the spreadsheet shows it as it was. A whole integer ({@code -1}) is left as it is: it is not
     * a formula. Then RFC 4180 quoting; a {@code ;} is quoted too, since spreadsheets set to a {@code ;} separator
     * would otherwise start a new cell (and so a possible formula) after it.
     */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = neutralised(value);
        boolean quote = false;
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == ',' || c == '"' || c == ';' || c == '\r' || c == '\n';
        }
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    static String neutralised(String value) {
        char first = value.charAt(0);
        boolean formula =
                first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        if ((formula && !INTEGER.matcher(value).matches()) || first == '\'') {
            return "'" + value;
        }
        return value;
    }

    private void line(List<String> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(cell(fields.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException("writing rules.csv", e);
        }
    }

    private static String number(Integer n) {
        return n == null ? null : n.toString();
    }

    /** The rule's tags as a JSON object, keys in the document's order. */
    static String tags(Map<String, String> tags) {
        if (tags == null) {
            return null;
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        tags.forEach(o::put);
        return JsonText.of(o);
    }
}
