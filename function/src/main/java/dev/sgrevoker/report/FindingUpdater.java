package dev.sgrevoker.report;

import dev.sgrevoker.model.FindingUpdate;
import java.time.Duration;
import java.util.List;

/**
 * Where the notes on Security Hub findings go (aws/ implements it with BatchUpdateFindings). Never throws: each
 * finding's end, updated or not and why, is returned, since a note that did not land must not fail nor undo the
 * remediation it describes.
 */
public interface FindingUpdater {
    /** UPDATE_FINDINGS=false: findings are left as they are, and the result names none. */
    FindingUpdater NONE = (notes, within) -> List.of();

    /** Tries no longer than {@code within}: the invocation keeps the rest to report what it did. */
    List<FindingUpdate> update(List<FindingNotes.Note> notes, Duration within);
}
