package dev.sgrevoker.model;

import java.util.List;

/**
 * Whether a group's own account shares it beyond its own VPC: through an AWS RAM resource share, or by association
 * with other VPCs (DescribeSecurityGroupVpcAssociations). Both lookups must have answered for a group to be called
 * not shared: {@code notChecked} says which did not, and such a group is never called unused.
 */
public record GroupSharing(List<String> sharedThrough, String notChecked) {
    /** Both lookups answered, and neither shows the group shared. */
    public static final GroupSharing NOT_SHARED = new GroupSharing(List.of(), null);

    /** Nothing was asked (a test double, priming): the group is not called unused on its interfaces alone. */
    public static final GroupSharing NOT_LOOKED_UP = new GroupSharing(List.of(), "sharing not checked: not looked up");

    public GroupSharing {
        sharedThrough = List.copyOf(sharedThrough);
    }

    /** Both lookups answered; {@code sharedThrough} is what they showed (empty: not shared). */
    public static GroupSharing checked(List<String> sharedThrough) {
        return sharedThrough.isEmpty() ? NOT_SHARED : new GroupSharing(sharedThrough, null);
    }

    public boolean shared() {
        return !sharedThrough.isEmpty();
    }
}
