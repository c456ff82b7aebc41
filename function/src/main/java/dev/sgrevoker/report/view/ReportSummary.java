package dev.sgrevoker.report.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a page says before it lists anything, counted in one walk over the entries: outcomes (per entry, as the
 * result's {@code counts}), rules per control, a tally per group (small, so a sweep of many groups stays small), and
 * the first exempt and not-done rows, up to a limit.
 */
final class ReportSummary {
    static final List<String> OUTCOMES = List.of("DRY_RUN", "REVOKED", "EXEMPT", "FAILED", "SKIPPED", "NOT_FOUND");

    final Map<String, Integer> counts = new LinkedHashMap<>();
    final Map<String, ControlTally> controls = new LinkedHashMap<>();
    final Map<String, GroupTally> groups = new HashMap<>();
    final List<RuleRow> exempt = new ArrayList<>();
    final List<RuleRow> notDone = new ArrayList<>();
    int entries;
    int rows;
    int planLines;
    int exemptTotal;
    int notDoneTotal;
    private final int listLimit;

    /** Rules a control chose, by outcome; a rule breaking several controls counts under each. */
    static final class ControlTally {
        final Map<String, Integer> byOutcome = new HashMap<>();
        int rules;
    }

    /** A group's numbers: enough to rank it and to count groups nothing uses. */
    static final class GroupTally {
        final String key;
        int offending;
        int exempt;
        int notDone;
        int dryRun;
        int revoked;
        int rows;
        Integer interfaces;
        boolean shared;
        boolean sharingUnknown;

        GroupTally(String key) {
            this.key = key;
        }

        boolean unused() {
            return interfaces != null && interfaces == 0 && !shared && !sharingUnknown;
        }
    }

    ReportSummary(int listLimit) {
        this.listLimit = listLimit;
        OUTCOMES.forEach(o -> counts.put(o, 0));
    }

    static ReportSummary of(ReportSource source, int listLimit) {
        ReportSummary s = new ReportSummary(listLimit);
        source.forEachEntry(s::add);
        return s;
    }

    void add(List<RuleRow> entry) {
        if (entry.isEmpty()) {
            return;
        }
        entries++;
        String outcome = entry.get(0).outcome();
        if (outcome == null) {
            planLines++;
        } else {
            counts.merge(outcome, 1, Integer::sum);
        }
        for (RuleRow r : entry) {
            rows++;
            GroupTally g = groups.computeIfAbsent(groupKey(r), GroupTally::new);
            g.rows++;
            if (r.offending()) {
                g.offending++;
            }
            if ("DRY_RUN".equals(r.outcome())) {
                g.dryRun++;
            } else if ("REVOKED".equals(r.outcome())) {
                g.revoked++;
            }
            if (r.groupUse().interfaces() != null) {
                g.interfaces = r.groupUse().interfaces();
            }
            g.shared |= r.groupUse().shared();
            g.sharingUnknown |= r.groupUse().sharingUnknownReason() != null;
            if ("EXEMPT".equals(r.outcome())) {
                g.exempt++;
                exemptTotal++;
                if (exempt.size() < listLimit) {
                    exempt.add(r);
                }
            } else if (r.notDone()) {
                g.notDone++;
                notDoneTotal++;
                if (notDone.size() < listLimit) {
                    notDone.add(r);
                }
            }
            for (String control : r.controls()) {
                ControlTally c = controls.computeIfAbsent(control, k -> new ControlTally());
                c.rules++;
                c.byOutcome.merge(r.outcome() == null ? "PLANNED" : r.outcome(), 1, Integer::sum);
            }
        }
    }

    /** Groups by offending rules, most first; then by rules listed, then by key so the order is stable. */
    List<GroupTally> ranked() {
        List<GroupTally> all = new ArrayList<>(groups.values());
        all.sort(Comparator.comparingInt((GroupTally g) -> -g.offending)
                .thenComparingInt(g -> -g.rows)
                .thenComparing(g -> g.key));
        return all;
    }

    int count(String outcome) {
        return counts.getOrDefault(outcome, 0);
    }

    int notDoneEntries() {
        return count("FAILED") + count("SKIPPED") + count("NOT_FOUND");
    }

    static String groupKey(RuleRow r) {
        return r.account() + "\u0000" + r.region() + "\u0000" + r.groupId();
    }
}
