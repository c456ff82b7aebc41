/**
 * The Lambda entry point: RevokeHandler reads each event once, recognises its family once and hands it to intake, the
 * engine and the report (Invocation; SqsMessages for a batch, each message on its own), then writes the response.
 * Wiring builds its Parts from config.FunctionConfig and aws.AwsClients (one constructor takes them; a builder serves
 * tests). No decision about which rules to revoke is made here. It may import every other package; none imports it.
 */
package dev.sgrevoker.handler;
