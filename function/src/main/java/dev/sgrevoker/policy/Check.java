package dev.sgrevoker.policy;

import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.Selection;

/** One thing an ingress rule can break: a control's selection (alert or sweep) or a sweep's allowed sources. */
public sealed interface Check permits Check.OfSelection, AllowedSources {

    /** Said in the entry's {@code because} when the rule breaks it. */
    String because();

    /** Whether the check judges this group at all (EC2.2 judges only a VPC's default group). */
    boolean appliesTo(GroupFacts group);

    /** Whether it judges VPC default groups only: a sweep then reads only those groups' rules for it. */
    boolean onlyForDefaultGroups();

    /** Whether this ingress rule of {@code group} breaks the check. */
    boolean breaks(GroupFacts group, Permission rule);

    /** A control's selection (EC2.13 and the like), with the reason to give. */
    record OfSelection(Selection selection, String because) implements Check {
        @Override
        public boolean appliesTo(GroupFacts group) {
            return !selection.onlyForDefaultGroup() || group.isDefaultGroup();
        }

        @Override
        public boolean onlyForDefaultGroups() {
            return selection.onlyForDefaultGroup();
        }

        @Override
        public boolean breaks(GroupFacts group, Permission rule) {
            return selection.chooses(rule);
        }
    }
}
