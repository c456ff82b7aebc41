package dev.sgrevoker.revoke;

import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.GroupUse;
import dev.sgrevoker.policy.Sweep;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a sweep reads of an account: its rules page by page, never all at once, and groups only where it must (a scope
 * by VPC or tag, the VPC default groups, the groups of the rules it selected, or the groups with a rule open to the
 * world when that is all the checks can select), since a group's describe carries all its rules again.
 */
public interface RuleInventory {
    /** Nothing to read: a handler wired without one cannot sweep, and says so if asked to. */
    RuleInventory NONE = new RuleInventory() {
        @Override
        public Map<String, GroupFacts> groupsIn(Sweep.Scope scope) {
            throw cannotSweep();
        }

        @Override
        public Map<String, GroupFacts> defaultGroupsIn(Sweep.Scope scope) {
            throw cannotSweep();
        }

        @Override
        public Map<String, GroupFacts> groups(Collection<String> groupIds) {
            throw cannotSweep();
        }

        @Override
        public void forEachRulePage(Collection<String> groupIds, Consumer<RulePage> page) {
            throw cannotSweep();
        }

        private static IllegalStateException cannotSweep() {
            return new IllegalStateException("this handler was built without a rule inventory: it cannot sweep");
        }
    };

    /** The groups in scope, by id (name, VPC, owner, tags), filtered by EC2 where the scope allows. */
    Map<String, GroupFacts> groupsIn(Sweep.Scope scope);

    /** The VPC default groups in scope (one per VPC), by id. */
    Map<String, GroupFacts> defaultGroupsIn(Sweep.Scope scope);

    /**
     * The groups in scope that have an ingress rule from 0.0.0.0/0 or ::/0, by id, as EC2's filters find them; empty
     * where this inventory cannot ask, and the sweep then reads every rule in scope.
     */
    default Optional<Map<String, GroupFacts>> groupsOpenToWorldIn(Sweep.Scope scope) {
        return Optional.empty();
    }

    /** These groups, by id; a group that no longer exists is left out. */
    Map<String, GroupFacts> groups(Collection<String> groupIds);

    /**
     * What network interfaces have these groups, for a scope's {@code inUse}; a group missing from the map was not
     * looked up, and such a sweep leaves it out rather than guess.
     */
    default Map<String, GroupUse> interfacesUsing(Collection<String> groupIds) {
        return Map.of();
    }

    /**
     * Every rule (both directions) of these groups, or of the whole account and region when {@code groupIds} is
     * null, handed over one page (up to 1,000 rules) at a time.
     */
    void forEachRulePage(Collection<String> groupIds, Consumer<RulePage> page);

    /**
     * One page of rules, with the account that owns each of their groups (EC2 says so with every rule): what a
     * check of referenced groups' accounts needs, without describing the group.
     */
    record RulePage(List<DescribedRule> rules, Map<String, String> groupOwners) {
        public RulePage {
            rules = List.copyOf(rules);
            groupOwners = Map.copyOf(groupOwners);
        }
    }
}
