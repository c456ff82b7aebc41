/**
 * The revocation engine and the interfaces it needs (Ec2Gateway, Ec2Gateways, RuleInventory, HandOver, WriteAhead,
 * TimeBudget, Safeguards): resolve names, describe, match, revoke by rule id one call per group, describe again to
 * confirm, per account and region, within the time budget and the guardrails; a sweep's discovery page by page. Never
 * imports the SDK (aws/ implements its interfaces). May import policy and model.
 */
package dev.sgrevoker.revoke;
