package dev.sgrevoker.model;

import java.util.List;

/**
 * What links an entry to the alert or request item it came from, as values, never read back out of its text: the
 * reason of each check that selected its rule, as the check gave it; or, for an intake skip, the item it is about (a
 * finding's id).
 */
public record AlertLink(List<String> checks, String reference) {
    public static final AlertLink NONE = new AlertLink(List.of(), null);

    public AlertLink {
        checks = checks == null ? List.of() : List.copyOf(checks);
    }
}
