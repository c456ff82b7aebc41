/**
 * Every AWS SDK adapter, behind the interfaces of the stages that use them: EC2 (the engine's gateway and a sweep's
 * inventory, with pacing), STS (member roles), SQS (hand-over, result fallback) and EventBridge (result events), and
 * AwsClients, which builds and owns them (one HTTP client; the EC2 pacers it resets after a SnapStart restore).
 * Nothing outside this package imports the SDK. May import revoke, report, intake (the hand-over message's codec),
 * policy and model; never handler, config, priming or telemetry.
 */
package dev.sgrevoker.aws;
