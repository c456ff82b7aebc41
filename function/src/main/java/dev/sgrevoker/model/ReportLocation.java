package dev.sgrevoker.model;

import java.util.List;

/**
 * Where a result's report and plan went: the bucket, the prefix ({@code reports/<run>/<account>/<region>/}), the keys
 * written, the plan's id where one was written, and each object that could not be written with why.
 */
public record ReportLocation(
        String bucket, String prefix, List<String> keys, String planId, List<NotWritten> notWritten) {
    /** An object the bucket refused: the remediation stands, the report is incomplete. */
    public record NotWritten(String key, String reason) {}

    public ReportLocation {
        keys = List.copyOf(keys);
        notWritten = List.copyOf(notWritten);
    }
}
