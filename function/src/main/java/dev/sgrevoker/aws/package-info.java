/**
 * Every AWS SDK adapter, behind the interfaces of the stages that use them: EC2 (the engine's gateway and a sweep's
 * inventory, with pacing), STS (member roles), SQS (hand-over, result fallback, a run's shards), DynamoDB (the run
 * table) and EventBridge (result events, a run's roll-up), and
 * AwsClients, which builds and owns them (one HTTP client; the EC2 pacers it resets after a SnapStart restore).
 * Nothing outside this package imports the SDK. May import run, revoke, report, report/bucket (ReportBucket), intake
 * and intake/trigger (the hand-over's and shard's codecs), policy and model; never handler, config, priming or telemetry.
 */
package dev.sgrevoker.aws;
