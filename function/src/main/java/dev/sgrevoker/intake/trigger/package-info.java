/**
 * Trigger intake: recognises each event's family once by its shape into an Envelope (direct, SQS batch, EventBridge
 * request, schedule, CloudTrail, Security Hub, Config), applies the trust checks (account, region, ignored principals,
 * sources), maps alerts to controls (AlertToControl), reads and writes the hand-over message (SweptRulesMessage) and
 * turns each event into requests, skips or a sweep. Pure: configuration comes in as TriggerConfig. May import intake,
 * policy, model and exception.
 */
package dev.sgrevoker.intake.trigger;
