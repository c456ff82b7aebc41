package dev.sgrevoker.report;

import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.ReportLocation;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.RunNote;
import dev.sgrevoker.model.ShardOfRun;
import dev.sgrevoker.model.TriggerFamily;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
        String title = RuleText.clip(RuleText.plain(headline(result)), MAX_TITLE_CHARS);
        String undo = undo(result);
        String egress = ResultDocument.egressNote(result);
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

    private static String headline(RevocationResult result) {
        if (result.rejected() != null) {
            return "Refused " + article(trigger(result)) + ": "
                    + Objects.toString(result.rejected().field(), "the payload") + " "
                    + Objects.toString(result.rejected().reason(), "");
        }
        RunNote run = result.run();
        if (run != null && !run.shards().isEmpty()) {
            return dispatched(result, run);
        }
        Map<Outcome, Integer> counts = result.counts();
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        int revoked = counts.get(Outcome.REVOKED);
        int dryRun = counts.get(Outcome.DRY_RUN);
        StringBuilder h = new StringBuilder();
        if (result.sweep() != null) {
            RevocationResult.SweepSummary s = result.sweep();
            h.append(result.dryRun() ? "Report-only sweep: " : "Sweep: ")
                    .append(s.rulesScanned())
                    .append(rules(s.rulesScanned()))
                    .append(" in ")
                    .append(s.groupsScanned())
                    .append(s.groupsScanned() == 1 ? " group" : " groups")
                    .append(" checked, ")
                    .append(s.selected())
                    .append(" selected");
            if (result.dryRun()) {
                h.append(", ").append(dryRun).append(" would be revoked");
            } else {
                h.append(", ").append(revoked).append(" revoked");
            }
        } else if (dryRun > 0 && revoked == 0) {
            h.append("Dry run: would revoke ")
                    .append(dryRun)
                    .append(" of ")
                    .append(total)
                    .append(rules(total));
        } else if (total == 0) {
            h.append("Nothing to revoke");
        } else {
            h.append("Revoked ").append(revoked).append(" of ").append(total).append(rules(total));
        }
        String where = where(result);
        if (where.isEmpty() && run != null && run.shard() != null) {
            // A shard that found nothing still says where it looked.
            where = "account " + run.shard().account() + ", " + run.shard().region();
        }
        if (!where.isEmpty()) {
            h.append(" in ").append(where);
        }
        if (run != null && run.shard() != null) {
            h.append(" (")
                    .append(run.handOver() ? "handed over within" : "shard of")
                    .append(" run ");
            h.append(run.runId()).append(')');
        }
        h.append(", ").append(why(result));
        for (Outcome o : List.of(Outcome.FAILED, Outcome.SKIPPED, Outcome.EXEMPT, Outcome.NOT_FOUND)) {
            int n = counts.get(o);
            if (n > 0) {
                h.append("; ").append(n).append(' ').append(word(o)).append(codes(result, o));
            }
        }
        if (dryRun > 0 && (revoked > 0 || result.sweep() != null && !result.dryRun())) {
            h.append("; ").append(dryRun).append(" dry run");
        }
        return RuleText.plain(h.toString());
    }

    /** A dispatching result revokes and reads nothing: it says what it sent and where each shard reports. */
    private static String dispatched(RevocationResult result, RunNote run) {
        long accounts =
                run.shards().stream().map(ShardOfRun::account).distinct().count();
        long regions = run.shards().stream().map(ShardOfRun::region).distinct().count();
        return RuleText.plain((result.dryRun() ? "Report-only sweep run " : "Sweep run ") + run.runId()
                + " dispatched as " + run.shards().size() + " shards over " + accounts
                + (accounts == 1 ? " account" : " accounts") + " and " + regions
                + (regions == 1 ? " region" : " regions")
                + ", for " + article(trigger(result)) + "; each shard reports its own result, then the run's roll-up");
    }

    private static String where(RevocationResult result) {
        Set<String> groups = new LinkedHashSet<>();
        Set<String> accounts = new LinkedHashSet<>();
        Set<String> regions = new LinkedHashSet<>();
        String groupName = null;
        for (PermissionOutcome p : result.distinct()) {
            if (p.groupId() != null) {
                groups.add(p.groupId());
                groupName = name(p);
            }
            if (p.subject().accountOfGroup() != null) {
                accounts.add(p.subject().accountOfGroup());
            }
            if (p.subject().where() != null && p.subject().where().namedRegion() != null) {
                regions.add(p.subject().where().namedRegion());
            }
        }
        List<String> parts = new ArrayList<>();
        if (groups.size() == 1) {
            parts.add(groups.iterator().next() + (groupName == null ? "" : " (" + groupName + ")"));
        } else if (groups.size() > 1) {
            parts.add(groups.size() + " groups");
        }
        if (accounts.size() == 1) {
            parts.add("account " + accounts.iterator().next());
        } else if (accounts.size() > 1) {
            parts.add(accounts.size() + " accounts");
        }
        // The function's own region is not named in the entries (it is where the function runs).
        if (regions.size() == 1) {
            parts.add(regions.iterator().next());
        } else if (regions.size() > 1) {
            parts.add(regions.size() + " regions");
        }
        return String.join(", ", parts);
    }

    /** The alerts or checks that selected the rules ("Security Hub EC2.13", "EC2.19"), else the trigger. */
    private static String why(RevocationResult result) {
        Set<String> heads = new LinkedHashSet<>();
        for (PermissionOutcome p : result.distinct()) {
            if (p.because() != null) {
                for (String reason : p.because().split("; ")) {
                    // A check names itself before ": "; what follows the checks (an exemption tag that no longer
                    // holds) is not a reason the rule was selected.
                    int colon = reason.indexOf(": ");
                    if (colon > 0) {
                        heads.add(reason.substring(0, colon));
                    }
                }
            }
        }
        String via = "for " + article(trigger(result));
        if (heads.isEmpty()) {
            return via;
        }
        List<String> named = heads.stream().limit(3).toList();
        String more = heads.size() > named.size() ? " and " + (heads.size() - named.size()) + " more" : "";
        return "for " + String.join(", ", named) + more;
    }

    private static String trigger(RevocationResult result) {
        TriggerFamily family = result.trigger();
        if (family == null) {
            return "request";
        }
        return switch (family) {
            case DIRECT -> "direct request";
            case SQS_BATCH -> "queued request";
            case EVENTBRIDGE_REQUEST -> "EventBridge request";
            case SCHEDULED_EVENT -> "scheduled sweep";
            case CLOUDTRAIL_AUTHORIZE_INGRESS -> "CloudTrail AuthorizeSecurityGroupIngress revert";
            case SECURITY_HUB_FINDINGS -> "Security Hub finding";
            case CONFIG_COMPLIANCE_CHANGE -> "AWS Config compliance change";
        };
    }

    private static String article(String noun) {
        return ("AEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    /** The error codes of an outcome, most frequent first, at most two named. */
    private static String codes(RevocationResult result, Outcome outcome) {
        Map<String, Integer> codes = new LinkedHashMap<>();
        result.distinct().stream()
                .filter(p -> p.outcome() == outcome && p.code() != null)
                .forEach(p -> codes.merge(WireStrings.errorCode(p.code()), 1, Integer::sum));
        if (codes.isEmpty()) {
            return "";
        }
        List<String> top = codes.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(Map.Entry::getKey)
                .limit(2)
                .toList();
        return ": " + String.join(", ", top) + (codes.size() > top.size() ? ", …" : "");
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

    private static String name(PermissionOutcome p) {
        if (p.groupName() != null) {
            return p.groupName();
        }
        return p.subject().group() == null ? null : p.subject().group().groupName();
    }

    private static String word(Outcome o) {
        return switch (o) {
            case REVOKED -> "revoked";
            case NOT_FOUND -> "not found (already gone)";
            case FAILED -> "failed";
            case DRY_RUN -> "dry run";
            case SKIPPED -> "skipped";
            case EXEMPT -> "exempt";
        };
    }

    private static String rules(int n) {
        return n == 1 ? " rule" : " rules";
    }
}
