package dev.sgrevoker.report;

import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.ReportLocation;
import dev.sgrevoker.model.RevocationResult;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A result in words, for a person (an email, a chat message, the finding's reader): one headline saying what was
 * done, where and why; one line per rule (protocol, ports, source, rule id; never its description or tags, which
 * anyone who may tag wrote) up to a cut-off, then "and N more"; then how to undo it. Plain text, at most
 * {@link #MAX_CHARS} characters, whatever the result holds.
 *
 * @param title the headline alone (a chat message's title)
 * @param text the headline, the rule lines and the undo line
 */
public record Summary(String title, String text) {
    /** What a notification carries: short enough for a chat message and an email's first screen. */
    public static final int MAX_CHARS = 2_000;

    static final int MAX_TITLE_CHARS = 400;
    static final int MAX_RULE_LINES = 20;
    private static final int MAX_LINE_CHARS = 160;

    /** Whether a person should hear of it: {@code attention} in the result ("changes" or "none"). */
    public static final String CHANGES = "changes";

    public static final String NONE = "none";

    /** The lines are listed in this order: what changed first, then what is still open, then what was left alone. */
    private static final List<Outcome> ORDER = List.of(
            Outcome.REVOKED, Outcome.FAILED, Outcome.DRY_RUN, Outcome.SKIPPED, Outcome.EXEMPT, Outcome.NOT_FOUND);

    public Summary {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
    }

    /** The words for one result (or one shard's result; a run's roll-up is made of them). */
    public static Summary of(RevocationResult result) {
        String title = RuleText.clip(RuleText.plain(Headline.of(result)), MAX_TITLE_CHARS);
        String undo = undo(result);
        String egress = egressNote(result);
        if (egress != null) {
            // Said whatever the cut-off: a person must hear that the control still fails.
            undo = RuleText.clip(RuleText.plain(egress), MAX_LINE_CHARS * 2) + "\n" + undo;
        }
        StringBuilder text = new StringBuilder(title);
        List<String> lines = ruleLines(result);
        // Room for every line shown, and for the "and N more" line and the undo line whatever happens.
        int budget = MAX_CHARS - title.length() - undo.length() - 40;
        int shown = 0;
        for (String line : lines) {
            if (shown == MAX_RULE_LINES || line.length() + 1 > budget) {
                break;
            }
            text.append('\n').append(line);
            budget -= line.length() + 1;
            shown++;
        }
        if (shown < lines.size()) {
            text.append("\n  and ").append(lines.size() - shown).append(" more");
        }
        text.append('\n').append(undo);
        return new Summary(title, text.toString());
    }

    /** "changes" when something was revoked or failed, or a report-only sweep found rules it would revoke. */
    public static String attention(RevocationResult result) {
        Map<Outcome, Integer> counts = result.counts();
        boolean found = result.sweep() != null && counts.get(Outcome.DRY_RUN) > 0;
        return counts.get(Outcome.REVOKED) > 0 || counts.get(Outcome.FAILED) > 0 || found ? CHANGES : NONE;
    }

    private static List<String> ruleLines(RevocationResult result) {
        boolean manyGroups = result.distinct().stream()
                        .map(PermissionOutcome::groupId)
                        .filter(Objects::nonNull)
                        .distinct()
                        .count()
                > 1;
        return result.distinct().stream()
                .sorted(Comparator.comparingInt(p -> ORDER.indexOf(p.outcome())))
                .map(p -> RuleText.clip(RuleText.line(p, manyGroups), MAX_LINE_CHARS))
                .toList();
    }

    private static String undo(RevocationResult result) {
        String ids = "invocation " + result.invocationId()
                + (result.messageId() == null ? "" : ", SQS message " + result.messageId());
        if (!result.anyRevoked()) {
            return RuleText.plain("Nothing changed, nothing to undo (" + ids + ").") + report(result);
        }
        boolean egress = result.permissions().stream().anyMatch(p -> p.revoked() && p.egress());
        return RuleText.plain(
                        "Undo: run each of the result's restore documents with aws ec2 authorize-security-group-ingress"
                                + " --cli-input-json file://restore.json"
                                + (egress
                                        ? ", and each restoreEgress document with aws ec2 authorize-security-group-egress"
                                        : "")
                                + " (" + ids + ").")
                + report(result);
    }

    /**
     * Where the report and the plan are, and how many objects the bucket refused; empty without a report. Lines of
     * their own: the keys are the function's (its bucket, ids it made), so they need no plain text cleaning.
     */
    private static String report(RevocationResult result) {
        ReportLocation where = result.report();
        if (where == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String key : where.keys()) {
            if (key.endsWith("/report.html")) {
                b.append("\nReport: s3://").append(where.bucket()).append('/').append(key);
            } else if (key.endsWith("/plan.json")) {
                b.append("\nPlan (review, then send it back to apply it): s3://")
                        .append(where.bucket())
                        .append('/')
                        .append(key);
            }
        }
        if (!where.notWritten().isEmpty()) {
            b.append("\nNot written to the report bucket: ")
                    .append(where.notWritten().size())
                    .append(" object(s) (report.notWritten).");
        }
        return b.toString();
    }

    /** Why EC2.2 keeps failing after this result (default groups' egress rules left), or null when it does not. */
    static String egressNote(RevocationResult result) {
        List<String> remaining = result.egressRulesRemaining();
        if (remaining.isEmpty()) {
            return null;
        }
        Set<String> groups = new LinkedHashSet<>();
        result.egressKept().forEach(r -> groups.add(r.groupId()));
        result.distinct().stream()
                .filter(p -> p.egress() && remaining.contains(p.ruleId()))
                .forEach(p -> groups.add(p.groupId()));
        String rules = remaining.size() == 1 ? "1 egress rule remains" : remaining.size() + " egress rules remain";
        String where =
                (groups.size() == 1 ? "the VPC default group " : "the VPC default groups ") + String.join(", ", groups);
        String why = result.egressKept().isEmpty()
                ? ": their entries say why they were not revoked"
                : ": DEFAULT_GROUP_EGRESS=keep leaves a default group's egress rules (revoke takes them too)";
        return "EC2.2 will keep failing while " + rules + " in " + where + why;
    }
}
