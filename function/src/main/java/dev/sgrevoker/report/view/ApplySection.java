package dev.sgrevoker.report.view;

import static dev.sgrevoker.report.view.ReportPage.plural;

import dev.sgrevoker.report.view.ReportHeader.Kind;

/**
 * How to act on what the page shows: for a dry run or a plan, the one command that applies the reviewed plan; for
 * a run that revoked, the one command that puts a rule back.
 */
final class ApplySection {
    /** fileb:// sends the file's bytes as they are with AWS CLI v1 and v2; v2 would read file:// as base64. */
    static final String APPLY_COMMAND = "aws lambda invoke --function-name %s --payload fileb://plan.json out.json";

    static final String RESTORE_COMMAND =
            "aws ec2 authorize-security-group-ingress --cli-input-json file://restore.json";

    private ApplySection() {}

    static void write(Html html, ReportHeader h, ReportSummary s, ReportPage.Options options) {
        boolean plan = h.kind() == Kind.PLAN;
        int planned = plan ? s.planLines : s.count("DRY_RUN");
        if (planned > 0) {
            apply(html, h, planned, plan, options);
        } else if (s.count("REVOKED") > 0) {
            html.raw("<h2 id=\"undo\">Put a rule back</h2>\n")
                    .raw("<p>result.json (and every result event) holds, per group, the input that re-creates exactly"
                            + " the revoked rules, their descriptions and tags included. Save one entry of its"
                            + " <code>restore</code> list as restore.json and run, with credentials for that group's"
                            + " account and region:</p>\n<pre>")
                    .text(RESTORE_COMMAND)
                    .raw("</pre>\n");
        }
    }

    private static void apply(Html html, ReportHeader h, int planned, boolean plan, ReportPage.Options options) {
        String planUri = planUri(h, options);
        String planId = h.plan() != null && h.plan().planId() != null ? h.plan().planId() : "PLAN_ID";
        String function = options.functionName() != null ? options.functionName() : "FUNCTION";
        html.raw("<h2 id=\"apply\">Apply the plan</h2>\n<p>");
        if (plan) {
            html.text("This plan lists " + planned + " rule" + plural(planned) + ", each with its before-image.");
        } else {
            html.text("An enforcing run would revoke the " + planned + " rule" + plural(planned)
                    + " marked \u201cwould revoke\u201d. The plan written with this report (plan.json) lists each"
                    + " with its before-image.");
        }
        html.raw(" To revoke exactly the rules you have read:</p>\n<ol>\n");
        if (planUri != null) {
            html.raw("<li>Fetch the plan:<pre>")
                    .text("aws s3 cp " + planUri + " plan.json")
                    .raw("</pre></li>\n");
        }
        html.raw("<li>Review it, and delete from <code>apply.rules</code> every rule that must stay.</li>\n")
                .raw("<li>Send it back:<pre>")
                .text(APPLY_COMMAND.formatted(function))
                .raw(
                        "</pre><span class=\"muted\"><code>fileb://</code> sends the file as it is, with AWS CLI v2 and"
                                + " v1 alike; with v2, <code>--payload file://plan.json</code> would need"
                                + " <code>--cli-binary-format raw-in-base64-out</code>, an option v1 does not have.</span></li>\n")
                .raw("<li>Read out.json: the result, one entry per rule.</li>\n</ol>\n")
                .raw("<p>The function revokes only lines of the plan it stored, and each only if the rule still exists"
                        + " with that id and equals its before-image: a rule changed since is skipped"
                        + " (<code>Drifted</code>), one gone is <code>NOT_FOUND</code>, and an expired plan is refused"
                        + " whole. Protection, exemptions added since, and the revocation limits still hold.");
        if (h.plan() != null && h.plan().expiresAt() != null) {
            html.text(" This plan expires " + h.plan().expiresAt() + ".");
        }
        html.raw("</p>\n<p>A plan too large for an invoke payload goes by reference:</p>\n<pre>")
                .text("{\"apply\": {\"planId\": \"" + planId + "\", \"planUri\": \""
                        + (planUri != null ? planUri : "s3://BUCKET/KEY") + "\"}}")
                .raw("</pre>\n");
    }

    private static String planUri(ReportHeader h, ReportPage.Options options) {
        if (options.planUri() != null) {
            return options.planUri();
        }
        if (h.report() != null && h.report().uriOf("plan.json") != null) {
            return h.report().uriOf("plan.json");
        }
        return h.plan() == null ? null : h.plan().planUri();
    }
}
