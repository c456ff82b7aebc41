package dev.sgrevoker.intake.trigger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.policy.AllowedSources;
import dev.sgrevoker.policy.Check;
import dev.sgrevoker.policy.Controls;
import dev.sgrevoker.policy.Policy;
import dev.sgrevoker.policy.Sweep;
import java.util.List;
import java.util.TreeSet;

/**
 * A sweep written back as the document {@link SweepDocument#parse} reads, for the messages that carry a sweep on (a
 * shard, a hand-over): the policy travels, never a verdict. Controls are written by id, so the consumer builds them
 * again from its own settings (EC2.18's authorised ports).
 */
public final class SweepJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SweepJson() {}

    /** {@code controls} and {@code allowedSources}: what a rule is judged by. */
    public static ObjectNode policy(Policy policy, List<PortRange> authorizedTcp, List<PortRange> authorizedUdp) {
        ObjectNode doc = JSON.objectNode();
        ArrayNode controls = JSON.arrayNode();
        for (Check check : policy.checks()) {
            switch (check) {
                case AllowedSources a -> {
                    ObjectNode sources = doc.putObject("allowedSources");
                    a.cidrs().forEach(sources.putArray("cidrs")::add);
                    new TreeSet<>(a.accounts()).forEach(sources.putArray("accounts")::add);
                }
                case Check.OfSelection s -> controls.add(controlId(s, authorizedTcp, authorizedUdp));
            }
        }
        if (!controls.isEmpty()) {
            doc.set("controls", controls);
        }
        return doc;
    }

    /** The whole sweep: its policy, scope, enforce and own limit ({@code accounts} and {@code regions} are the caller's). */
    public static ObjectNode sweep(Sweep sweep, List<PortRange> authorizedTcp, List<PortRange> authorizedUdp) {
        ObjectNode doc = policy(sweep.policy(), authorizedTcp, authorizedUdp);
        Sweep.Scope scope = sweep.scope();
        if (scope.narrowed()) {
            ObjectNode s = doc.putObject("scope");
            if (!scope.vpcIds().isEmpty()) {
                scope.vpcIds().forEach(s.putArray("vpcIds")::add);
            }
            if (!scope.groupIds().isEmpty()) {
                scope.groupIds().forEach(s.putArray("groupIds")::add);
            }
            if (!scope.tags().isEmpty()) {
                ObjectNode tags = s.putObject("tags");
                new TreeSet<>(scope.tags().keySet())
                        .forEach(k -> tags.put(k, scope.tags().get(k)));
            }
            if (scope.inUse() != null) {
                s.put("inUse", scope.inUse());
            }
        }
        doc.put("enforce", sweep.enforce());
        if (sweep.maxRevocations() != null) {
            doc.put("maxRevocations", sweep.maxRevocations());
        }
        if (sweep.maxRevocationsPerRun() != null) {
            doc.put("maxRevocationsPerRun", sweep.maxRevocationsPerRun());
        }
        return doc;
    }

    /** A sweep's checks are controls by construction (SweepDocument): found again by value. */
    private static String controlId(Check.OfSelection check, List<PortRange> tcp, List<PortRange> udp) {
        return Controls.IDS.stream()
                .filter(id -> Controls.byId(id, tcp, udp).orElseThrow().check().equals(check))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a control a sweep names: " + check.because()));
    }
}
