/**
 * The revocation engine and its EC2 gateway: resolve names, describe, match, revoke by rule id one call per group,
 * describe again to confirm; the SDK implementation batches describes and paces calls within the time budget.
 */
package dev.sgrevoker.revoke;
