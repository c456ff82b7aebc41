package dev.sgrevoker.revoke;

import java.util.Map;

/**
 * How the function reaches member accounts: the role of that name in each (template-member.yaml), assumed with the
 * external id. An empty role name means member accounts are not acted on.
 */
public record MemberAccess(String roleName, String externalId) {
    public static final String MEMBER_ROLE_NAME = "MEMBER_ROLE_NAME";
    public static final String MEMBER_EXTERNAL_ID = "MEMBER_EXTERNAL_ID";

    public static final MemberAccess NONE = new MemberAccess("", "");

    public MemberAccess {
        roleName = roleName == null ? "" : roleName.trim();
        externalId = externalId == null ? "" : externalId.trim();
        if (!roleName.isEmpty() && externalId.isEmpty()) {
            // Without one, any principal the member role trusts could be confused into acting for someone else.
            throw new IllegalArgumentException(MEMBER_ROLE_NAME + " is set but " + MEMBER_EXTERNAL_ID + " is empty");
        }
        if (!roleName.matches("[\\w+=,.@/-]*")) {
            throw new IllegalArgumentException(MEMBER_ROLE_NAME + ": '" + roleName + "' is not a role name");
        }
    }

    public static MemberAccess fromEnvironment(Map<String, String> env) {
        return new MemberAccess(env.get(MEMBER_ROLE_NAME), env.get(MEMBER_EXTERNAL_ID));
    }

    public boolean enabled() {
        return !roleName.isEmpty();
    }

    /** The role to assume in {@code account}, in the function's partition. */
    public String roleArn(String partition, String account) {
        return "arn:" + partition + ":iam::" + account + ":role/" + roleName;
    }
}
