package dev.sgrevoker.model;

/** How a requested permission ended. Every requested permission gets exactly one. */
public enum Outcome {
    /** The rule was revoked and a describe afterwards confirmed it gone. */
    REVOKED,
    /** No such ingress rule: already absent or never there. */
    NOT_FOUND,
    /** Not revoked: an EC2 error, or still present after the revoke. */
    FAILED,
    /** Dry run: nothing changed; EC2's own dry-run check said the revoke would have been allowed. */
    DRY_RUN,
    /** Deliberately not acted on (a failed API call, a resolved finding, a compliant result, an ignored principal); the reason says why. */
    SKIPPED,
    /** Selected by a policy, but a tag exempts the group or the rule; the reason names the tag and where it sits. */
    EXEMPT
}
