/**
 * The revocation engine and the interfaces it needs: resolve names, describe, match, revoke by rule id one call per
 * group, describe again to confirm, per account and region, within the time budget. Imports model and policy only;
 * the SDK implementations are aws/'s.
 */
package dev.sgrevoker.revoke;
