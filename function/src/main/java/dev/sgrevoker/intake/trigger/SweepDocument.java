package dev.sgrevoker.intake.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sgrevoker.intake.Excerpt;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.Ids;
import dev.sgrevoker.intake.JsonFields;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.Cidr;
import dev.sgrevoker.model.PortRange;
import dev.sgrevoker.model.Region;
import dev.sgrevoker.model.TriggerFamily;
import dev.sgrevoker.policy.AllowedSources;
import dev.sgrevoker.policy.Check;
import dev.sgrevoker.policy.Controls;
import dev.sgrevoker.policy.Policy;
import dev.sgrevoker.policy.Sweep;
import dev.sgrevoker.policy.SweepOrder;
import dev.sgrevoker.policy.SweepReach;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A sweep request ({@code {"sweep": {...}}}, wherever a direct-invoke payload may be) and a swept group handed over
 * through the request queue ({@code {"sweptRules": {...}}}). Everything is checked before any EC2 call; an error
 * names the field.
 */
public final class SweepDocument {
    static final String SWEEP = "sweep";
    static final String SWEPT_RULES = SweptRulesMessage.KEY;
    private static final Set<String> FIELDS = Set.of(
            "controls",
            "allowedSources",
            "scope",
            "enforce",
            "maxRevocations",
            "accounts",
            "regions",
            "maxRevocationsPerRun");
    /** The word that asks for every account (or region) the deployer allows. */
    static final String ALLOWED = "allowed";

    private SweepDocument() {}

    /** Whether the payload is one of ours: an object whose only field is sweep or sweptRules. */
    static boolean handles(JsonNode payload) {
        return payload != null && payload.isObject() && (payload.has(SWEEP) || payload.has(SWEPT_RULES));
    }

    static TriggerResult normalise(JsonNode payload, FieldPath at, TriggerFamily family, TriggerConfig config) {
        if (payload.size() != 1) {
            String key = payload.has(SWEEP) ? SWEEP : SWEPT_RULES;
            throw at.child(key).invalid("must stand alone in the payload");
        }
        if (payload.has(SWEEP)) {
            Sweep sweep = parse(payload.get(SWEEP), at.child(SWEEP), config.authorizedTcp(), config.authorizedUdp());
            return TriggerResult.sweep(family, order(sweep, config.accounts(), at.child(SWEEP)));
        }
        // One group's selected rules, handed over by a sweep that ran out of time: judged again where it acts.
        FieldPath path = at.child(SWEPT_RULES);
        SweptRulesMessage m =
                SweptRulesMessage.read(payload.get(SWEPT_RULES), path, config.authorizedTcp(), config.authorizedUdp());
        AccountRegion where =
                m.run() == null ? AccountRegion.OWN : RunMessages.where(m.run(), config, path.child("Run"));
        return m.toTrigger(family, where);
    }

    /**
     * The sweep over the pairs it asks for, each judged against the deployer's settings (an account or region
     * outside them is refused naming its field under {@code at}); across accounts it runs report-only unless the
     * deployer allows enforcing there (ORGANIZATION_SWEEPS=enforce), whatever it asks.
     */
    public static SweepOrder.Run order(Sweep sweep, AccountPolicy accounts, FieldPath at) {
        List<AccountRegion> pairs = accounts.pairs(sweep.reach(), at);
        boolean acrossAccounts = pairs.stream().anyMatch(p -> !p.own());
        if (sweep.enforce() && acrossAccounts && !accounts.enforcesAcrossAccounts()) {
            return new SweepOrder.Run(
                    sweep.reportOnly(),
                    pairs,
                    "ran report-only although it asked to enforce: it names an account other than the function's"
                            + " own, and ORGANIZATION_SWEEPS is report-only (the deployer's setting; enforce allows it)");
        }
        return new SweepOrder.Run(sweep, pairs, null);
    }

    /** A sweep document, as in a request or in the SWEEP configuration; {@code path} prefixes every error's field. */
    public static Sweep parse(
            JsonNode node, FieldPath path, List<PortRange> authorizedTcp, List<PortRange> authorizedUdp) {
        JsonFields o = new JsonFields(node, path, FIELDS);
        List<Check> checks = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<String> controls = o.strings("controls");
        for (int i = 0; i < controls.size(); i++) {
            FieldPath field = o.field("controls").index(i);
            String given = controls.get(i);
            Controls.Control control = Controls.byId(given.toUpperCase(Locale.ROOT), authorizedTcp, authorizedUdp)
                    .orElseThrow(() -> field.invalid("'" + given + "' is not one of " + Controls.IDS));
            if (!seen.add(control.id())) {
                throw field.invalid(control.id() + " is listed twice");
            }
            checks.add(control.check());
        }
        if (o.has("allowedSources")) {
            checks.add(allowedSources(o.raw("allowedSources"), o.field("allowedSources")));
        }
        if (checks.isEmpty()) {
            throw o.field("controls")
                    .invalid("give controls or allowedSources (or both): a sweep needs something to judge by");
        }
        SweepReach reach = new SweepReach(
                span(o, "accounts", AccountPolicy::isAccountId), span(o, "regions", id -> id.matches(Region.CODE)));
        return new Sweep(
                new Policy(checks),
                scope(o),
                o.bool("enforce", false),
                o.positive("maxRevocations"),
                reach,
                o.positive("maxRevocationsPerRun"));
    }

    /** A list of ids each passing {@code valid}, the word "allowed", or absent (the function's own). */
    private static SweepReach.Span span(JsonFields o, String name, Predicate<String> valid) {
        JsonNode raw = o.raw(name);
        if (raw == null || raw.isNull()) {
            return new SweepReach.Span.Own();
        }
        if (raw.isTextual()) {
            if (!raw.asText().equals(ALLOWED)) {
                throw o.field(name).invalid("must be a list, or the word \"allowed\"");
            }
            return new SweepReach.Span.Allowed();
        }
        List<String> ids = o.strings(name);
        if (ids.isEmpty()) {
            throw o.field(name).invalid("names none: leave it out for the function's own, or say \"allowed\"");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (!valid.test(id)) {
                String what = name.equals("accounts") ? "a 12-digit account id" : "a region code (us-east-1)";
                throw o.field(name).index(i).invalid("'" + Excerpt.of(id) + "' is not " + what);
            }
            if (!seen.add(id)) {
                throw o.field(name).index(i).invalid(id + " is listed twice");
            }
        }
        return new SweepReach.Span.Listed(ids);
    }

    private static AllowedSources allowedSources(JsonNode node, FieldPath path) {
        JsonFields o = new JsonFields(node, path, Set.of("cidrs", "accounts"));
        if (!o.has("cidrs")) {
            throw o.field("cidrs")
                    .invalid("is required: the CIDR blocks sources may lie in ([] allows no CIDR source)");
        }
        List<String> raw = o.strings("cidrs");
        List<String> cidrs = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String field = o.field("cidrs").index(i).toString();
            cidrs.add(raw.get(i).contains(":") ? Cidr.ipv6(raw.get(i), field) : Cidr.ipv4(raw.get(i), field));
        }
        List<String> accounts = o.strings("accounts");
        for (int i = 0; i < accounts.size(); i++) {
            Ids.account(accounts.get(i), o.field("accounts").index(i));
        }
        return new AllowedSources(cidrs, Set.copyOf(accounts));
    }

    private static Sweep.Scope scope(JsonFields sweep) {
        if (!sweep.has("scope")) {
            return Sweep.Scope.EVERYTHING;
        }
        JsonFields o =
                new JsonFields(sweep.raw("scope"), sweep.field("scope"), Set.of("vpcIds", "groupIds", "tags", "inUse"));
        List<String> vpcs = o.strings("vpcIds");
        for (int i = 0; i < vpcs.size(); i++) {
            Ids.require(vpcs.get(i), "vpc-", o.field("vpcIds").index(i));
        }
        List<String> groups = o.strings("groupIds");
        for (int i = 0; i < groups.size(); i++) {
            EventJson.groupId(groups.get(i), o.field("groupIds").index(i));
        }
        Boolean inUse = o.has("inUse") ? o.bool("inUse") : null;
        return new Sweep.Scope(vpcs, groups, o.stringMap("tags"), inUse);
    }
}
