package dev.sgrevoker.report.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.report.ResultDocument;
import dev.sgrevoker.report.ResultEntry;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A result or plan to render: its header, and its entries one at a time, each as its rows. The entries can be walked
 * more than once (a page counts first, then lists the top groups), and are never all held: a source maps each entry
 * when it is reached and lets it go.
 */
public interface ReportSource {
    ReportHeader header();

    /** Each entry's rows, in document order. Each call walks the entries anew. */
    void forEachEntry(Consumer<List<RuleRow>> entry);

    default void forEachRow(Consumer<RuleRow> row) {
        forEachEntry(rows -> rows.forEach(row));
    }

    /** The function's own result, entry by entry through the same document the response carries. */
    static ReportSource of(RevocationResult result) {
        return of(
                ResultDocument.header(result),
                () -> result.permissions().stream().map(ResultEntry::of).iterator());
    }

    /**
     * A header tree (a result's header fields, with whatever the writer adds: {@code region}, {@code runId},
     * {@code report}) and its entries, produced when asked for.
     */
    static ReportSource of(JsonNode headerFields, Supplier<? extends Iterator<? extends JsonNode>> entries) {
        ReportHeader header = ReportHeader.of(headerFields);
        boolean plan = header.kind() == ReportHeader.Kind.PLAN;
        return new ReportSource() {
            @Override
            public ReportHeader header() {
                return header;
            }

            @Override
            public void forEachEntry(Consumer<List<RuleRow>> entry) {
                for (Iterator<? extends JsonNode> it = entries.get(); it.hasNext(); ) {
                    JsonNode e = it.next();
                    entry.accept(plan ? List.of(EntryRows.ofPlanLine(e, header)) : EntryRows.of(e, header));
                }
            }
        };
    }

    /**
     * Several results read as one, in order (a run's shards for one rules.csv): their headers merged as
     * {@link ReportHeader#merged} does, their entries one source after the other.
     */
    static ReportSource concat(List<ReportSource> sources) {
        ReportHeader header =
                ReportHeader.merged(sources.stream().map(ReportSource::header).toList());
        return new ReportSource() {
            @Override
            public ReportHeader header() {
                return header;
            }

            @Override
            public void forEachEntry(Consumer<List<RuleRow>> entry) {
                sources.forEach(s -> s.forEachEntry(entry));
            }
        };
    }
}
