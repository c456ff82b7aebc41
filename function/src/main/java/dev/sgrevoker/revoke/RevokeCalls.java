package dev.sgrevoker.revoke;

import dev.sgrevoker.model.DescribedRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The revoke calls: one per group and direction, by rule id, each written ahead first; a rule someone else removed
 * meanwhile is reported NOT_FOUND and the rest are revoked again, once.
 */
final class RevokeCalls {
    private final Ec2Gateway ec2;
    private final WriteAhead writeAhead;
    /** The describe of rules the engine times, so its reserve covers the confirm. */
    private final Function<Collection<String>, Map<String, List<DescribedRule>>> rulesOf;

    RevokeCalls(
            Ec2Gateway ec2,
            WriteAhead writeAhead,
            Function<Collection<String>, Map<String, List<DescribedRule>>> rulesOf) {
        this.ec2 = ec2;
        this.writeAhead = writeAhead;
        this.rulesOf = rulesOf;
    }

    /** One revoke call's worth: a group's rules of one direction, revoked or only checked. */
    record Batch(String groupId, boolean dryRun, boolean egress) {}

    /** One revoke call for the batch; a rule that vanished meanwhile is reported absent and the rest retried once. */
    void execute(Batch batch, List<Pending> pending) {
        List<String> ruleIds = distinctRuleIds(pending);
        writeAhead.aboutToRevoke(batch.groupId(), batch.dryRun(), images(pending));
        try {
            revokeCall(batch, ruleIds, batch.dryRun());
        } catch (Ec2CallFailed e) {
            if (!batch.dryRun() && isUnknownRule(e)) {
                retryWithoutVanished(batch, pending, e);
                return;
            }
            pending.forEach(p -> p.fail(e.code(), e.getMessage()));
            return;
        }
        if (batch.dryRun()) {
            pending.forEach(Pending::dryRunAllowed);
        }
    }

    private void retryWithoutVanished(Batch batch, List<Pending> pending, Ec2CallFailed first) {
        Set<String> present;
        try {
            present = ids(
                    rulesOf.apply(List.of(batch.groupId())).getOrDefault(batch.groupId(), List.of()), batch.egress());
        } catch (Ec2CallFailed e) {
            pending.forEach(p -> p.fail(first.code(), first.getMessage()));
            return;
        }
        List<Pending> remaining = new ArrayList<>();
        for (Pending p : pending) {
            if (p.ruleIds().stream().noneMatch(present::contains) && first.answerLost()) {
                // The SDK retried a revoke whose first answer never came back: that first attempt removed the rule.
                p.revoked("EC2's answer to the first attempt was lost; the rule was gone when it was retried");
            } else if (p.ruleIds().stream().noneMatch(present::contains)) {
                p.notFound("the rule was removed by someone else before the revoke");
            } else {
                remaining.add(p);
            }
        }
        if (remaining.isEmpty()) {
            return;
        }
        List<String> again =
                distinctRuleIds(remaining).stream().filter(present::contains).toList();
        writeAhead.aboutToRevoke(
                batch.groupId(),
                false,
                images(remaining).stream()
                        .filter(r -> again.contains(r.ruleId()))
                        .toList());
        try {
            revokeCall(batch, again, false);
        } catch (Ec2CallFailed e) {
            remaining.forEach(p -> p.fail(e.code(), e.getMessage()));
        }
    }

    /** RevokeSecurityGroupIngress, or for a default group's egress rules (EC2.2) RevokeSecurityGroupEgress. */
    private void revokeCall(Batch batch, List<String> ruleIds, boolean dryRun) {
        if (batch.egress()) {
            ec2.revokeEgress(batch.groupId(), ruleIds, dryRun);
        } else {
            ec2.revoke(batch.groupId(), ruleIds, dryRun);
        }
    }

    /** The before-images of a call's rules, each once. */
    private static List<DescribedRule> images(List<Pending> pending) {
        Map<String, DescribedRule> images = new LinkedHashMap<>();
        pending.forEach(p -> p.images().forEach(r -> images.putIfAbsent(r.ruleId(), r)));
        return List.copyOf(images.values());
    }

    private static boolean isUnknownRule(Ec2CallFailed e) {
        return e.is("InvalidSecurityGroupRuleId.NotFound") || e.is("InvalidPermission.NotFound");
    }

    private static List<String> distinctRuleIds(List<Pending> pending) {
        Set<String> ids = new LinkedHashSet<>();
        pending.forEach(p -> ids.addAll(p.ruleIds()));
        return List.copyOf(ids);
    }

    /** The ids of the group's rules of one direction. */
    static Set<String> ids(List<DescribedRule> rules, boolean egress) {
        Set<String> ids = new LinkedHashSet<>();
        rules.stream().filter(r -> r.egress() == egress).forEach(r -> ids.add(r.ruleId()));
        return ids;
    }
}
