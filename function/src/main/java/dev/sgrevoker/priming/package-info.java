/**
 * SnapStart priming: the CRaC hook that, before the snapshot, runs every trigger family through a handler of its own
 * about a made-up group (PrimingEc2: real EC2 calls in the first rounds, answered ones after, made-up rules, every
 * revoke a DryRun), and resets what a restore
 * must (through the clients' owner). It is handed the handler as a factory of RequestStreamHandler and never imports
 * handler/; it may import revoke (the EC2 interfaces), policy, model and report.
 */
package dev.sgrevoker.priming;
