/**
 * What a person reads of a result or a plan: one row per rule ({@link dev.sgrevoker.report.view.RuleRow}) read from
 * the documented result document or plan ({@link dev.sgrevoker.report.view.ReportSource}), written as
 * {@code rules.csv} ({@link dev.sgrevoker.report.view.RulesCsv}), as the self-contained {@code report.html}
 * ({@link dev.sgrevoker.report.view.ReportPage}) and as an organization run's {@code index.html}
 * ({@link dev.sgrevoker.report.view.RunIndexPage}). Everything here reads the wire format only, so the function and
 * {@code bin/report} share one mapping and one renderer; nothing here does I/O beyond the reader and writer it is given.
 * May import report and model; report/bucket writes what it renders to the report bucket.
 */
package dev.sgrevoker.report.view;
