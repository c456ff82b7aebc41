/**
 * Trigger intake: recognises each event family by its shape (SQS, EventBridge request, schedule, CloudTrail, Security
 * Hub, Config), applies the trust checks (account, region, ignored principals) and turns it into requests or skips.
 */
package dev.sgrevoker.intake.trigger;
