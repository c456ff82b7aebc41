package dev.sgrevoker.policy;

import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.Selection;

/**
 * One thing an ingress rule can break: a control's selection (alert or sweep) or a sweep's allowed sources. EC2.2
 * alone judges egress rules too, and only a VPC default group's: that group must allow nothing out either.
 */
public sealed interface Check permits Check.OfSelection, AllowedSources {

    /** Said in the entry's {@code because} when the rule breaks it. */
    String because();

    /** Its id in the entry's {@code controls}: a control's (EC2.13 …), or {@code allowedSources}. */
    String control();

    /** Whether the check judges this group at all (EC2.2 judges only a VPC's default group). */
    boolean appliesTo(GroupFacts group);

    /** Whether it judges VPC default groups only: a sweep then reads only those groups' rules for it. */
    boolean onlyForDefaultGroups();

    /** Whether only an ingress rule from 0.0.0.0/0 or ::/0 can break it (a control's; never allowed sources). */
    default boolean onlyFromWorld() {
        return false;
    }

    /** Whether this ingress rule of {@code group} breaks the check. */
    boolean breaks(GroupFacts group, Permission rule);

    /** Whether every egress rule of {@code group} breaks the check: only EC2.2's, on a VPC default group. */
    default boolean breaksEveryEgressRuleOf(GroupFacts group) {
        return false;
    }

    /** A control's selection (EC2.13 and the like), with the control's id and the reason to give. */
    record OfSelection(String control, Selection selection, String because) implements Check {
        @Override
        public boolean appliesTo(GroupFacts group) {
            return !selection.onlyForDefaultGroup() || group.isDefaultGroup();
        }

        @Override
        public boolean onlyForDefaultGroups() {
            return selection.onlyForDefaultGroup();
        }

        @Override
        public boolean onlyFromWorld() {
            return selection.onlyFromWorld();
        }

        @Override
        public boolean breaks(GroupFacts group, Permission rule) {
            return selection.chooses(rule);
        }

        @Override
        public boolean breaksEveryEgressRuleOf(GroupFacts group) {
            return selection.onlyForDefaultGroup() && group.isDefaultGroup();
        }
    }
}
