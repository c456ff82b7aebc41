package dev.sgrevoker.intake.trigger;

import java.util.Map;

/**
 * The organization's accounts, for ALLOWED_ACCOUNT_IDS=organization: aws/ reads them with Organizations
 * (ListAccounts, or the accounts under ORGANIZATION_UNIT_IDS) on first need. Only an ACTIVE account is acted for.
 */
public interface OrganizationAccounts {
    String ACTIVE = "ACTIVE";

    /** No organization mode: nothing is read, and no account is the organization's. */
    OrganizationAccounts NONE = () -> Map.of();

    /**
     * Every account of the organization (under the configured OUs) by id, with its state (ACTIVE, SUSPENDED,
     * PENDING_CLOSURE, …). Throws {@link Unreadable} when Organizations cannot be read.
     */
    Map<String, String> states();

    /**
     * The same list read at most once through this view: one per invocation, whatever it asks. A read that failed
     * stays failed for the view too, so a hundred findings do not ask a throttled Organizations a hundred times.
     */
    default OrganizationAccounts once() {
        OrganizationAccounts source = this;
        return new OrganizationAccounts() {
            private Map<String, String> read;
            private Unreadable failed;

            @Override
            public synchronized Map<String, String> states() {
                if (failed != null) {
                    throw new Unreadable(failed.getMessage());
                }
                if (read == null) {
                    try {
                        read = Map.copyOf(source.states());
                    } catch (Unreadable e) {
                        failed = e;
                        throw e;
                    }
                }
                return read;
            }
        };
    }

    /** Organizations would not tell: an account of the organization cannot be told from one outside it. */
    final class Unreadable extends RuntimeException {
        public Unreadable(String message) {
            super(message);
        }
    }
}
