/**
 * The policy stage, pure: the controls (EC2.2/13/14/18/19, the one Control type) and allowed sources a rule may break,
 * which an exemption tag keeps, which groups are protected, and how many may go at once. Rules in, verdicts with
 * reasons out; shared by alerts, CloudTrail reverts and sweeps. No EC2, no I/O, no environment: its settings come in
 * as values. May import model only.
 */
package dev.sgrevoker.policy;
