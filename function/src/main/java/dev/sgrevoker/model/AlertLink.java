package dev.sgrevoker.model;

import java.util.List;

/**
 * What links an entry to the alert or request item it came from, as values, never read back out of its text: the
 * reason of each check that selected its rule, as the check gave it, and each such check's id (a control's, such as
 * EC2.13, or allowedSources); or, for an intake skip, the item it is about (a finding's id).
 */
public record AlertLink(List<String> checks, List<String> controls, String reference) {
    public static final AlertLink NONE = new AlertLink(List.of(), List.of(), null);

    public AlertLink {
        checks = checks == null ? List.of() : List.copyOf(checks);
        controls = controls == null ? List.of() : List.copyOf(controls);
    }

    /** Selected by checks: each one's reason and each one's id. */
    public static AlertLink selectedBy(List<String> checks, List<String> controls) {
        return new AlertLink(checks, controls, null);
    }

    /** Selected for one reason that is no check of ours with an id (a request's, or a plan's). */
    public static AlertLink selectedFor(String reason) {
        return reason == null ? NONE : new AlertLink(List.of(reason), List.of(), null);
    }

    /** An intake skip about {@code reference} (a finding's id). */
    public static AlertLink about(String reference) {
        return new AlertLink(List.of(), List.of(), reference);
    }
}
