/**
 * The policy stage, pure: which current rules break the controls (EC2.2/13/14/18/19) or allowed sources, which an
 * exemption tag keeps, which groups are protected, and how many may go at once. Rules in, verdicts with reasons out;
 * shared by alerts, CloudTrail reverts and sweeps. No EC2, no I/O.
 */
package dev.sgrevoker.policy;
