/** What the function tells its operators as it works: the JSON log lines (write-ahead, result, outcomes) and metrics. */
package dev.sgrevoker.telemetry;
