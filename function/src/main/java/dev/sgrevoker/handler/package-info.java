/**
 * The Lambda entry point, wiring only: builds the SDK clients once, passes each event through intake, the engine and
 * the report, and writes the response. No decision about which rules to revoke is made here.
 */
package dev.sgrevoker.handler;
