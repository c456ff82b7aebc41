/**
 * Every AWS SDK adapter, behind the interfaces of the stages that use them: EC2 (the engine's gateway and a sweep's
 * inventory, with pacing), STS (member roles), SQS (hand-over, result fallback) and EventBridge (result events), and
 * the clients they share. Nothing outside this package imports the SDK but the entry point's wiring.
 */
package dev.sgrevoker.aws;
