/**
 * What the function tells its operators as it works: the JSON log lines (write-ahead, result, outcomes) bound to an
 * invocation's ids (InvocationIds, a value), and the EMF metric lines, written to the sink it is given. May import
 * revoke (the WriteAhead it implements), report and model.
 */
package dev.sgrevoker.telemetry;
