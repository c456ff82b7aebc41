package dev.sgrevoker.revoke;

/**
 * How the function reaches member accounts: the role of that name in each (template-member.yaml), assumed with the
 * external id. An empty role name means member accounts are not acted on.
 */
public record MemberAccess(String roleName, String externalId) {
    /** IAM's role name characters (the path aside); empty means member accounts are not acted on. */
    public static final String ROLE_NAME = "[\\w+=,.@/-]*";

    public static final MemberAccess NONE = new MemberAccess("", "");

    public MemberAccess {
        roleName = roleName == null ? "" : roleName.trim();
        externalId = externalId == null ? "" : externalId.trim();
        if (!roleName.isEmpty() && externalId.isEmpty()) {
            // Without one, any principal the member role trusts could be confused into acting for someone else.
            throw new IllegalArgumentException("a member role needs an external id");
        }
        if (!roleName.matches(ROLE_NAME)) {
            throw new IllegalArgumentException("'" + roleName + "' is not a role name");
        }
    }

    public boolean enabled() {
        return !roleName.isEmpty();
    }

    /** The role to assume in {@code account}, in the function's partition. */
    public String roleArn(String partition, String account) {
        return "arn:" + partition + ":iam::" + account + ":role/" + roleName;
    }
}
