package dev.sgrevoker.report;

import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.Finding;
import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.RevocationResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the function writes on each Security Hub finding it acted on: a note in words (at most 512 characters, Security
 * Hub's limit) and the workflow. RESOLVED when every rule the finding's control selected is gone (REVOKED, or
 * NOT_FOUND because already gone) and, for EC2.2, no egress rule of its default group remains; NOTIFIED when anything
 * remains (FAILED, SKIPPED, EXEMPT, a limit, egress rules); left as it is for a dry run (the note only). Never
 * SUPPRESSED, never NEW.
 */
public final class FindingNotes {
    /** The note's {@code UpdatedBy}: who wrote it, as Security Hub shows it. */
    public static final String UPDATED_BY = "sg-revoker";

    public static final int MAX_NOTE_CHARS = 512;

    /** The workflow statuses the function may set; the role's conditions allow no other. */
    public enum Workflow {
        RESOLVED,
        NOTIFIED
    }

    /** One finding's note; {@code workflow} null: leave the workflow as it is. */
    public record Note(Finding finding, String text, Workflow workflow) {
        public Note {
            Objects.requireNonNull(finding, "finding");
            if (text.isEmpty() || text.length() > MAX_NOTE_CHARS) {
                throw new IllegalArgumentException("a note has 1 to " + MAX_NOTE_CHARS + " characters");
            }
        }
    }

    private static final int MAX_HEAD_CHARS = 200;

    private FindingNotes() {}

    /** A note for each finding the result acted on, in the order given. */
    public static List<Note> of(RevocationResult result, List<Finding> findings) {
        return findings.stream().map(f -> of(result, f)).toList();
    }

    static Note of(RevocationResult result, Finding finding) {
        List<PermissionOutcome> entries = finding.entriesIn(result);
        Set<String> egressLeft = egressRemaining(result, finding, entries);
        Workflow workflow = workflow(entries, egressLeft.size(), result.dryRun());
        return new Note(finding, text(result, entries, egressLeft.size()), workflow);
    }

    /** The decision table: null (unchanged) for a dry run; RESOLVED only when nothing selected remains. */
    static Workflow workflow(List<PermissionOutcome> entries, int egressRemaining, boolean dryRun) {
        if (dryRun) {
            return null;
        }
        boolean allGone =
                entries.stream().allMatch(p -> p.outcome() == Outcome.REVOKED || p.outcome() == Outcome.NOT_FOUND);
        return allGone && egressRemaining == 0 && !entries.isEmpty() ? Workflow.RESOLVED : Workflow.NOTIFIED;
    }

    /** EC2.2 only: the default group's egress rules still there (kept by DEFAULT_GROUP_EGRESS, or not taken). */
    private static Set<String> egressRemaining(
            RevocationResult result, Finding finding, List<PermissionOutcome> entries) {
        Set<String> left = new LinkedHashSet<>();
        if (!Finding.DEFAULT_GROUP_CONTROL.equals(finding.control())) {
            return left;
        }
        Set<String> groups = new LinkedHashSet<>();
        entries.forEach(p -> groups.add(p.groupId()));
        result.egressKept().stream()
                .filter(r -> groups.contains(r.groupId()))
                .map(DescribedRule::ruleId)
                .forEach(left::add);
        entries.stream()
                .filter(p -> p.egress() && p.ruleId() != null)
                .filter(p -> p.outcome() != Outcome.REVOKED && p.outcome() != Outcome.NOT_FOUND)
                .forEach(p -> left.add(p.ruleId()));
        return left;
    }

    private static String text(RevocationResult result, List<PermissionOutcome> entries, int egressRemaining) {
        String tail = " Result and restore documents: invocation " + result.invocationId()
                + (result.messageId() == null ? "" : ", SQS message " + result.messageId()) + ".";
        String egress = egressRemaining == 0
                ? ""
                : " EC2.2 keeps failing while " + egressRemaining
                        + (egressRemaining == 1 ? " egress rule remains" : " egress rules remain")
                        + " in the default group.";
        StringBuilder text = new StringBuilder(clip(head(result, entries), MAX_HEAD_CHARS));
        int budget = MAX_NOTE_CHARS - text.length() - egress.length() - tail.length();
        List<PermissionOutcome> gone = entries.stream()
                .filter(p -> p.revoked() || p.outcome() == Outcome.DRY_RUN)
                .toList();
        List<PermissionOutcome> left = entries.stream()
                .filter(p -> !p.revoked() && p.outcome() != Outcome.DRY_RUN && p.outcome() != Outcome.NOT_FOUND)
                .toList();
        String revokedLabel = result.dryRun() ? " Would revoke: " : " Revoked: ";
        String goneList = list(revokedLabel, gone, budget / (left.isEmpty() ? 1 : 2), false);
        text.append(goneList);
        text.append(list(" Remains: ", left, budget - goneList.length(), true));
        return RuleText.plain(text.append(egress).append(tail).toString());
    }

    /** "sg-revoker revoked 2 of 3 rules of sg-0abc for EC2.13; 1 failed (UnauthorizedOperation)." */
    private static String head(RevocationResult result, List<PermissionOutcome> entries) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        entries.forEach(p -> counts.merge(p.outcome(), 1, Integer::sum));
        Set<String> groups = new LinkedHashSet<>();
        entries.stream()
                .map(PermissionOutcome::groupId)
                .filter(Objects::nonNull)
                .forEach(groups::add);
        String where = groups.size() == 1 ? " of " + groups.iterator().next() : "";
        int n = entries.size();
        StringBuilder h = new StringBuilder("sg-revoker ");
        if (result.dryRun()) {
            h.append("checked (dry run, nothing changed): ")
                    .append(counts.getOrDefault(Outcome.DRY_RUN, 0))
                    .append(" of ")
                    .append(n)
                    .append(n == 1 ? " rule" : " rules")
                    .append(where)
                    .append(" would be revoked");
        } else {
            h.append("revoked ")
                    .append(counts.getOrDefault(Outcome.REVOKED, 0))
                    .append(" of ")
                    .append(n)
                    .append(n == 1 ? " rule" : " rules")
                    .append(where)
                    .append(" that this finding's control selected");
        }
        for (Outcome o : List.of(Outcome.NOT_FOUND, Outcome.FAILED, Outcome.SKIPPED, Outcome.EXEMPT)) {
            int k = counts.getOrDefault(o, 0);
            if (k > 0) {
                h.append("; ").append(k).append(' ').append(word(o)).append(codes(entries, o));
            }
        }
        return h.append('.').toString();
    }

    /** " Revoked: tcp 22 from 0.0.0.0/0, tcp 3389 from ::/0 and 3 more." within {@code budget} characters. */
    private static String list(String label, List<PermissionOutcome> entries, int budget, boolean withWhy) {
        if (entries.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(label);
        int shown = 0;
        for (PermissionOutcome p : entries) {
            String item = (shown == 0 ? "" : ", ") + item(p, withWhy);
            // Keep room for " and N more." whatever follows.
            if (b.length() + item.length() + 16 > budget) {
                break;
            }
            b.append(item);
            shown++;
        }
        if (shown == 0) {
            return budget >= label.length() + 16
                    ? label + entries.size() + (entries.size() == 1 ? " rule." : " rules.")
                    : "";
        }
        if (shown < entries.size()) {
            b.append(" and ").append(entries.size() - shown).append(" more");
        }
        return b.append('.').toString();
    }

    private static String item(PermissionOutcome p, boolean withWhy) {
        String rule = p.permission() == null && p.before().isEmpty()
                ? "group " + Objects.requireNonNullElse(p.groupId(), "(unknown)")
                : RuleText.of(
                        p.before().isEmpty()
                                ? p.permission()
                                : p.before().get(0).permission());
        if (p.egress()) {
            rule = "egress " + rule.replace(" from ", " to ");
        }
        if (!withWhy) {
            return rule;
        }
        String why = p.code() != null ? WireStrings.errorCode(p.code()) : word(p.outcome());
        return rule + " (" + why + ")";
    }

    private static String codes(List<PermissionOutcome> entries, Outcome outcome) {
        Map<String, Integer> codes = new LinkedHashMap<>();
        entries.stream()
                .filter(p -> p.outcome() == outcome && p.code() != null)
                .forEach(p -> codes.merge(WireStrings.errorCode(p.code()), 1, Integer::sum));
        if (codes.isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>(codes.keySet());
        return " (" + String.join(", ", names.subList(0, Math.min(2, names.size()))) + (names.size() > 2 ? ", …" : "")
                + ")";
    }

    private static String word(Outcome o) {
        return switch (o) {
            case REVOKED -> "revoked";
            case NOT_FOUND -> "already gone";
            case FAILED -> "failed";
            case DRY_RUN -> "dry run";
            case SKIPPED -> "skipped";
            case EXEMPT -> "exempt";
        };
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
