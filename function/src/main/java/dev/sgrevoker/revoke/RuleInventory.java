package dev.sgrevoker.revoke;

import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.GroupUse;
import dev.sgrevoker.policy.Sweep;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** What a sweep reads of the account: the groups in scope, then their rules page by page, never all at once. */
public interface RuleInventory {
    /** Nothing to read: a handler wired without one cannot sweep, and says so if asked to. */
    RuleInventory NONE = new RuleInventory() {
        @Override
        public Map<String, GroupFacts> groupsIn(Sweep.Scope scope) {
            throw new IllegalStateException("this handler was built without a rule inventory: it cannot sweep");
        }

        @Override
        public void forEachRulePage(Collection<String> groupIds, Consumer<List<DescribedRule>> page) {
            throw new IllegalStateException("this handler was built without a rule inventory: it cannot sweep");
        }
    };

    /** The groups in scope, by id (name, VPC, owner, tags), filtered by EC2 where the scope allows. */
    Map<String, GroupFacts> groupsIn(Sweep.Scope scope);

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
    void forEachRulePage(Collection<String> groupIds, Consumer<List<DescribedRule>> page);
}
