package dev.sgrevoker.report;

import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.model.PermissionOutcome;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.model.RunNote;
import dev.sgrevoker.model.ShardOfRun;
import dev.sgrevoker.model.TriggerFamily;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A summary's headline: what was done (revoked, would be revoked, refused, dispatched), where (group, account,
 * region, run) and why (the checks that selected the rules, else the trigger), then what else happened, with codes.
 */
final class Headline {
    private Headline() {}

    /** The headline of a result, before it is made plain text and cut to length. */
    static String of(RevocationResult result) {
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
            // The checks that selected the rule, never the because's other notes (an exemption tag that ended).
            for (String check : p.subject().checks()) {
                // A check names itself before ": " ("Security Hub EC2.13: …"); a reason without a name is no head.
                int colon = check.indexOf(": ");
                if (colon > 0) {
                    heads.add(check.substring(0, colon));
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
