package dev.sgrevoker.report.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** report.html: every value escaped, nothing loaded or run, and what a reviewer needs in it. */
class ReportPageTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z0-9!]+)([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s([a-zA-Z-]+)\\s*=");
    /** Every element the page itself writes; any other would have come from the data. */
    static final Set<String> OWN_ELEMENTS = Set.of(
            "!DOCTYPE",
            "html",
            "head",
            "meta",
            "title",
            "style",
            "body",
            "header",
            "main",
            "footer",
            "section",
            "article",
            "h1",
            "h2",
            "h3",
            "p",
            "dl",
            "dt",
            "dd",
            "div",
            "b",
            "span",
            "code",
            "pre",
            "ol",
            "ul",
            "li",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "a");

    static String page(ReportSource source, ReportPage.Options options) {
        java.io.StringWriter out = new java.io.StringWriter();
        ReportPage.write(source, options, out);
        return out.toString();
    }

    static String hostilePage() {
        return page(
                ResultDocuments.read(Results.SAMPLES.resolve("hostile-sweep-result.json")),
                ReportPage.Options.DEFAULT.withFunctionName("sg-revoker-RevokeFunction-1AB2"));
    }

    /** Each tag of the page: only its own elements, only its own attributes, never an event handler or a link out. */
    static void onlyOwnMarkup(String html) {
        Matcher tag = TAG.matcher(html);
        int tags = 0;
        while (tag.find()) {
            tags++;
            assertTrue(OWN_ELEMENTS.contains(tag.group(2)), "an element from the data: " + tag.group());
            // Values dropped first: a data quote inside one is &quot;, so a raw quote always ends a value.
            Matcher a = ATTRIBUTE.matcher(tag.group(3).replaceAll("\"[^\"]*\"", "\"\""));
            while (a.find()) {
                assertTrue(
                        Set.of(
                                        "class",
                                        "lang",
                                        "charset",
                                        "name",
                                        "content",
                                        "http-equiv",
                                        "id",
                                        "data-label",
                                        "href",
                                        "aria-label")
                                .contains(a.group(1)),
                        "an attribute from the data: " + tag.group());
            }
        }
        assertTrue(tags > 50, tags + " tags");
        assertEquals(1, html.split("<h1", -1).length - 1, "one h1");
    }

    @Test
    void markupInTagsNamesDescriptionsAndInterfaceDescriptionsShowsAsText() {
        String html = hostilePage();

        onlyOwnMarkup(html);
        for (String shown : List.of(
                "&lt;script&gt;document.title=&#39;PWNED&#39;;window.pwned=1&lt;/script&gt;",
                "&lt;img src=x onerror=&quot;document.title=&#39;PWNED&#39;;window.pwned=1&quot;&gt;hostile-app",
                "&lt;iframe srcdoc=&quot;&lt;script&gt;parent.document.title=&#39;PWNED&#39;&lt;/script&gt;&quot;&gt;",
                "ELB net/&lt;b id=&quot;injected-eni&quot;&gt;bold&lt;/b&gt;/",
                "note=&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;h1 id=&quot;injected-tag&quot;&gt;x&lt;/h1&gt;",
                "owner=&quot;&gt;&lt;svg onload=&quot;window.pwned=1&quot;&gt;&lt;/svg&gt;",
                "Encoded message: &lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;")) {
            assertTrue(html.contains(shown), "not shown as text: " + shown);
        }
        assertFalse(html.contains("\u202e"), "a bidi override from a tag never reaches the page");
        assertTrue(html.contains("\uFFFDevil=\uFFFDtxt.exe"), "it shows as U+FFFD instead");
    }

    @Test
    void ampersandsSemicolonsHashesAndBracesInRuleDescriptionsAreEscapedOnce() {
        String html = page(ReportSource.of(Results.sweep()), ReportPage.Options.DEFAULT);

        onlyOwnMarkup(html);
        assertTrue(html.contains(">ssh &amp; rdp; #1 {x}<"), "the description as EC2 holds it, escaped once");
        assertTrue(html.contains("partner, &quot;proxy&quot; tier"));
        assertTrue(html.contains("ticket==cmd|&#39; /C calc&#39;!A0"));
        assertTrue(html.contains("You are not authorized &lt;to&gt; do this"));
        assertFalse(html.contains("&amp;amp;"), "nothing is escaped twice");
    }

    @Test
    void thePolicyAllowsThePagesOwnStyleSheetAndNothingElse() throws Exception {
        String html = hostilePage();
        String css = html.substring(html.indexOf("<style>") + 7, html.indexOf("</style>"));
        String hash = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8)));

        assertTrue(
                html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src"
                        + " 'sha256-" + hash + "'; img-src 'none'; base-uri 'none'; form-action 'none'\">"),
                "the policy names the style sheet's own hash");
        assertFalse(html.contains("<link"), "no style sheet from elsewhere");
        assertFalse(css.contains("url("), "no font or image from elsewhere");
    }

    @Test
    void theSampleSaysWhatWouldGoWhatUsesEachGroupAndHowToApplyThePlan() {
        String html = hostilePage();

        assertTrue(html.contains("Nothing was changed. An enforcing run would revoke 8 rules in 4 groups."));
        assertTrue(html.contains("<b>Unused:</b> no network interface has this group"), "legacy-batch");
        assertTrue(html.contains("<b>Shared: never called unused.</b> <span class=\"v\">shared through VPC sharing"
                + " with 222233334444: interfaces in that account cannot be seen from here.</span>"));
        assertTrue(html.contains("<b>In use:</b> 3 network interfaces have this group"), "demo-web");
        assertTrue(html.contains("AROAEXAMPLEROLEID:checkout"), "an interface example's requester");
        assertTrue(html.contains("until 2027-01-31"));
        assertTrue(html.contains("no end date"), "an exemption by a tag set to true");
        assertTrue(
                html.contains(
                        "aws s3 cp s3://sg-revoker-reports-111122223333/reports/run-2026-11-29T06-00-00Z/111122223333/"
                                + "eu-west-1/plan.json plan.json"),
                "the plan's key, from the result's report location");
        assertTrue(html.contains(
                "aws lambda invoke --function-name sg-revoker-RevokeFunction-1AB2 --payload fileb://plan.json"
                        + " out.json"));
        assertTrue(html.contains("<tr><td class=\"v\">EC2.19</td><td class=\"n\">6</td>"), "rules per control");
        assertTrue(html.contains("Protected"), "why the protected group's rule was not done");
        assertTrue(
                html.indexOf("demo-web") < html.indexOf("hostile-app")
                        && html.indexOf("hostile-app") < html.indexOf("legacy-batch-"),
                "groups ranked by offending rules: 3, 3 (fewer listed), 2");
    }

    @Test
    void aPlanPageSaysWhatItHoldsAndWhenItExpires() {
        String html = page(ResultDocuments.read(Results.SAMPLES.resolve("plan.json")), ReportPage.Options.DEFAULT);

        onlyOwnMarkup(html);
        assertTrue(html.contains("<title>sg-revoker plan plan-7f3c9a2e</title>"));
        assertTrue(
                html.contains("8 rules in 4 groups to revoke, once reviewed. The plan expires 2026-12-06T06:00:05Z."));
        assertTrue(html.contains("This plan lists 8 rules"));
        assertTrue(html.contains("--function-name FUNCTION"), "a placeholder where the function is not known");
        assertTrue(html.contains("{&quot;apply&quot;: {&quot;planId&quot;: &quot;plan-7f3c9a2e&quot;"));
    }

    @Test
    void aRunThatRevokedSaysHowToPutARuleBack() throws Exception {
        String html = page(
                ResultDocuments.read(Results.SAMPLES.resolve("member-shard-result.json")), ReportPage.Options.DEFAULT);

        assertTrue(html.contains("2 rules were revoked in 1 group."));
        assertTrue(html.contains("aws ec2 authorize-security-group-ingress --cli-input-json file://restore.json"));
        assertFalse(html.contains("Apply the plan"));
    }

    @Test
    void aPageListsTheMostOffendingGroupsAndSaysTheRestAreInRulesCsv() {
        ObjectNode header = (ObjectNode) json("{\"invocationId\": \"big\", \"dryRun\": true, \"counts\": {}}");
        List<JsonNode> entries = new ArrayList<>();
        for (int g = 0; g < 150; g++) {
            int rules = g == 149 ? 60 : 1 + g % 3;
            for (int r = 0; r < rules; r++) {
                entries.add(json("""
                        {"groupId": "sg-%017d", "ruleId": "sgr-%08d%09d", "outcome": "DRY_RUN",
                         "permission": {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                                        "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}}""".formatted(g, g, r)));
            }
        }

        String html = page(ReportSource.of(header, entries::iterator), ReportPage.Options.DEFAULT);

        assertEquals(100, html.split("<article class=\"group\">", -1).length - 1);
        assertTrue(html.contains("The 100 groups with the most offending rules of 150; every rule of every group is"
                + " in rules.csv."));
        assertTrue(
                html.indexOf("sg-00000000000000149") < html.indexOf("sg-00000000000000002"),
                "the group with 60 rules comes first");
        assertTrue(html.contains("10 more rules of this group are in rules.csv."));
        assertFalse(html.contains("sg-00000000000000000<"), "a group with one rule is past the first 100");
    }

    @Test
    void aGroupWhoseSharingWasNotCheckedIsNeverShownOrCountedAsUnusedAndItsReasonIsText() {
        ObjectNode header = (ObjectNode) json("{\"invocationId\": \"i\", \"dryRun\": true, \"counts\": {}}");
        List<JsonNode> entries = List.of(json("""
                        {"groupId": "sg-00000000000000001", "ruleId": "sgr-1", "outcome": "DRY_RUN",
                         "because": "EC2.13", "interfacesUsingGroup": 0, "interfaceExamples": [],
                         "groupSharingUnknown": true,
                         "groupSharingUnknownReason": "sharing not checked: AWS RAM ListResources answered <b>x</b>",
                         "permission": {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                                        "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}}"""), json("""
                        {"groupId": "sg-00000000000000002", "ruleId": "sgr-2", "outcome": "DRY_RUN",
                         "because": "EC2.13", "interfacesUsingGroup": 0, "interfaceExamples": [],
                         "permission": {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                                        "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}}"""));

        String html = page(ReportSource.of(header, entries::iterator), ReportPage.Options.DEFAULT);

        onlyOwnMarkup(html);
        assertTrue(html.contains("<b>Not called unused:</b>"), html);
        assertTrue(html.contains("sharing not checked: AWS RAM ListResources answered &lt;b&gt;x&lt;/b&gt;"), html);
        assertEquals(1, html.split("<b>Unused:</b>", -1).length - 1, "only the checked idle group is unused");
        assertTrue(html.contains("<b>1</b><span>of them used by no interface</span>"), html);
    }

    @Test
    void aFileWithOnlySomePartsSaysSo() {
        ObjectNode part = (ObjectNode) json("""
                {"invocationId": "i", "counts": {"DRY_RUN": 2}, "part": 1, "parts": 2, "dryRun": true,
                 "unrevoked": [{"groupId": "sg-1", "ruleId": "sgr-1", "outcome": "DRY_RUN"}], "revoked": []}""");

        String html = page(ResultDocuments.read(part), ReportPage.Options.DEFAULT);

        assertTrue(html.contains("This file holds part 1 of 2 of the result"));
    }

    @Test
    void escapingCoversTheFiveCharactersControlsAndBidiOverrides() {
        assertEquals(
                "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;",
                Html.escape("<a href=\"x\" title='y'>&amp;"));
        assertEquals("a\tb\nc\uFFFD\uFFFD\uFFFD\uFFFD", Html.escape("a\tb\nc\u0000\u001b\u202e\u2066"));
        assertEquals("plain text: ;#{}", Html.escape("plain text: ;#{}"));
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
