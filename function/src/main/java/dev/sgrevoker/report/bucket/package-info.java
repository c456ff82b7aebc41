/**
 * A result's report in the report bucket: result.json, rules.csv and report.html, and plan.json (ReportWriter,
 * PlanDocument), an organization run's index (RunReport), each rendered entry by entry to a file, then put through
 * the ReportBucket interface (aws/ implements it). Here, not in report/, so that report/ never imports report/view,
 * which renders them. May import report/view, report and model.
 */
package dev.sgrevoker.report.bucket;
