package dev.sgrevoker.report.view;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An organization run's index: a line and a link per shard, the shards with most to revoke first. */
class RunIndexPageTest {
    private static String page(RunIndexPage.Run run) {
        StringWriter out = new StringWriter();
        RunIndexPage.write(run, out);
        return out.toString();
    }

    @Test
    void eachShardLinksItsOwnPageWithItsCounts() {
        var quiet = new RunIndexPage.Shard(
                "222233334444", "us-east-1", "222233334444/us-east-1/report.html", Map.of("EXEMPT", 1), 3, 9, null);
        var busy = RunIndexPage.Shard.of(ResultDocuments.read(Results.SAMPLES.resolve("hostile-sweep-result.json"))
                .header());
        var failed = new RunIndexPage.Shard(
                "333344445555", "eu-west-1", null, Map.of(), null, null, "AccessDenied: <role> not assumable");

        String html = page(new RunIndexPage.Run("run-1", "2026-11-29T06:00:00Z", List.of(quiet, busy, failed)));

        ReportPageTest.onlyOwnMarkup(html);
        assertTrue(html.contains("<a href=\"111122223333/eu-west-1/report.html\">report</a>"));
        assertTrue(html.indexOf("111122223333") < html.indexOf("222233334444"), "most to revoke first");
        assertTrue(html.contains("AccessDenied: &lt;role&gt; not assumable"));
        assertTrue(html.contains("3 account-region shards: 8 rules would be revoked, 0 revoked, 3 exempt, 2 not done;"
                + " 1 shard without a report."));
    }

    @Test
    void aLinkIsOnlyEverARelativePathDownwards() {
        for (String href : List.of(
                "javascript:alert(1)", "https://example.com/x", "../other/report.html", "//host/x", "a/../../b")) {
            var shard = new RunIndexPage.Shard("111122223333", "eu-west-1", href, Map.of(), null, null, null);

            String html = page(new RunIndexPage.Run("run-1", null, List.of(shard)));

            assertFalse(html.contains("<a "), href + " became a link");
        }
    }
}
