package dev.sgrevoker.local;

import dev.sgrevoker.report.view.ReportSource;
import dev.sgrevoker.report.view.RuleRow;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The terminal's table of a result or plan, as {@code custodian report --format grid} prints one: fixed-width
 * columns sized to their content, long free text cut with "…" (ids never), narrowed to the terminal's width when it is
 * known. Two walks over the source: one to size the columns, one to print. Control characters from the data never
 * reach the terminal ({@link TerminalText}); colour only when asked.
 */
final class GridTable {
    /** A column: its heading, the widest it may be, whether it gives way first on a narrow terminal, its value. */
    private record Column(String name, int max, boolean elastic, Function<RuleRow, String> value) {}

    private static final int MIN_ELASTIC = 8;
    private static final String GAP = "  ";

    private final boolean color;
    private final Integer terminalWidth;

    GridTable(boolean color, Integer terminalWidth) {
        this.color = color;
        this.terminalWidth = terminalWidth;
    }

    void print(ReportSource source, PrintWriter out) {
        Set<String> accounts = new HashSet<>();
        Set<String> regions = new HashSet<>();
        source.forEachRow(r -> {
            if (accounts.size() < 2) accounts.add(String.valueOf(r.account()));
            if (regions.size() < 2) regions.add(String.valueOf(r.region()));
        });
        List<Column> columns = new ArrayList<>();
        // One account and one region say themselves once, in the summary line, rather than on every row.
        if (accounts.size() > 1) columns.add(new Column("account", 12, false, RuleRow::account));
        if (regions.size() > 1) columns.add(new Column("region", 14, false, RuleRow::region));
        columns.add(new Column("groupId", 20, false, RuleRow::groupId));
        columns.add(new Column("groupName", 24, true, RuleRow::groupName));
        columns.add(new Column("ruleId", 21, false, RuleRow::ruleId));
        columns.add(new Column("allows", 14, false, GridTable::allows));
        columns.add(new Column("source", 43, false, RuleRow::source));
        columns.add(new Column("description", 40, true, RuleRow::description));
        columns.add(new Column("outcome", 9, false, r -> r.outcome() == null ? "PLANNED" : r.outcome()));
        columns.add(new Column("note", 36, true, GridTable::note));

        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++)
            widths[i] = TerminalText.width(columns.get(i).name());
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        int[] rows = {0};
        source.forEachRow(r -> {
            rows[0]++;
            outcomes.merge(r.outcome() == null ? "PLANNED" : r.outcome(), 1, Integer::sum);
            for (int i = 0; i < widths.length; i++) {
                Column c = columns.get(i);
                widths[i] = Math.max(widths[i], Math.min(c.max(), TerminalText.width(cell(c, r))));
            }
        });
        fit(columns, widths);

        StringBuilder head = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            head.append(i == 0 ? "" : GAP)
                    .append(TerminalText.pad(columns.get(i).name(), widths[i]));
            rule.append(i == 0 ? "" : GAP).append("-".repeat(widths[i]));
        }
        out.println(bold(strip(head)));
        out.println(strip(rule));
        source.forEachRow(r -> {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                Column c = columns.get(i);
                String text = TerminalText.pad(TerminalText.cut(cell(c, r), widths[i]), widths[i]);
                line.append(i == 0 ? "" : GAP).append(c.name().equals("outcome") ? colored(text, r.outcome()) : text);
            }
            out.println(strip(line));
        });
        StringBuilder summary = new StringBuilder().append(rows[0]).append(rows[0] == 1 ? " rule" : " rules");
        outcomes.forEach((o, n) -> summary.append(", ").append(n).append(' ').append(o));
        if (accounts.size() == 1 && !accounts.contains("null"))
            summary.append("; account ").append(accounts.iterator().next());
        if (regions.size() == 1 && !regions.contains("null"))
            summary.append("; region ").append(regions.iterator().next());
        out.println();
        out.println(TerminalText.clean(summary.toString()));
        out.flush();
    }

    /** On a terminal narrower than the table, the free-text columns give way, widest first, down to a minimum. */
    private void fit(List<Column> columns, int[] widths) {
        if (terminalWidth == null) return;
        int total = GAP.length() * (widths.length - 1);
        for (int w : widths) total += w;
        while (total > terminalWidth) {
            int widest = -1;
            for (int i = 0; i < widths.length; i++) {
                if (columns.get(i).elastic() && widths[i] > MIN_ELASTIC && (widest < 0 || widths[i] > widths[widest])) {
                    widest = i;
                }
            }
            if (widest < 0) return; // as narrow as it goes: the terminal wraps the rest
            widths[widest]--;
            total--;
        }
    }

    private static String cell(Column c, RuleRow r) {
        String v = c.value().apply(r);
        return v == null ? "" : TerminalText.clean(v);
    }

    /** tcp/22, udp/20-25, icmp/8, all. */
    static String allows(RuleRow r) {
        if (r.protocol() == null) return null;
        if (r.protocol().equals("-1")) return "all";
        if (r.fromPort() == null) return r.protocol();
        String ports = r.toPort() == null || r.toPort().equals(r.fromPort())
                ? r.fromPort().toString()
                : r.fromPort() + "-" + r.toPort();
        return r.protocol() + "/" + ports;
    }

    /** The one thing worth reading beside the outcome: an exemption's end, the error, or the controls. */
    static String note(RuleRow r) {
        if (r.exemptUntil() != null)
            return r.exemptUntil().equals("indefinite") ? "exempt, no end" : "until " + r.exemptUntil();
        if (r.notableErrorCode() != null) return r.notableErrorCode();
        return r.controls().isEmpty() ? null : String.join(", ", r.controls());
    }

    private String bold(String text) {
        return color ? "\u001b[1m" + text + "\u001b[0m" : text;
    }

    private String colored(String text, String outcome) {
        if (!color || outcome == null) return text;
        String code = switch (outcome) {
            case "REVOKED" -> "32";
            case "DRY_RUN" -> "33";
            case "FAILED" -> "31";
            case "SKIPPED" -> "35";
            case "EXEMPT" -> "36";
            default -> "2";
        };
        return "\u001b[" + code + "m" + text + "\u001b[0m";
    }

    private static String strip(CharSequence line) {
        return line.toString().stripTrailing();
    }
}
