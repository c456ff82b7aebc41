package dev.sgrevoker.intake.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.AccountRegion;
import dev.sgrevoker.model.Region;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An alert about a group in another region: acted on there when ALLOWED_REGIONS names it (CloudTrail's and Config's
 * awsRegion, Security Hub's resource Region), skipped naming the region when it does not, as before.
 */
class LinkedRegionTriggersTest {
    /** The Config fixture's rule is Security Hub's name for restricted-ssh, which the setting must list. */
    private static final String RULE = "securityhub-restricted-ssh-9412a869";

    private static final Map<String, String> LINKED =
            Map.of("ALLOWED_REGIONS", "eu-west-1,us-west-2", "CONFIG_RULE_NAMES", RULE);

    /** The fixture with every region it names (the event's own aside) moved to {@code region}. */
    private static JsonNode in(String fixture, String region) {
        ObjectNode event = (ObjectNode) TriggerCasesTest.fixture(fixture);
        ObjectNode detail = (ObjectNode) event.get("detail");
        if (detail.has("awsRegion")) {
            detail.put("awsRegion", region);
        }
        if (detail.has("findings")) {
            for (JsonNode f : detail.get("findings")) {
                ((ObjectNode) f).put("Region", region);
                for (JsonNode r : f.get("Resources")) {
                    ((ObjectNode) r).put("Region", region);
                    ((ObjectNode) r).put("Id", r.get("Id").asText().replace(":us-east-1:", ":" + region + ":"));
                }
            }
        }
        return event;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"cloudtrail-ip-permissions.json", "config-restricted-ssh.json", "securityhub-ec2-13-ssh.json"})
    void anAllowedRegionsGroupIsRemediatedThere(String fixture) {
        TriggerResult r = Triggers.normalise(in(fixture, "eu-west-1"), TriggerCasesTest.config(LINKED));
        assertTrue(r.skips().isEmpty(), r.skips().toString());
        assertEquals(
                AccountRegion.OWN.in(new Region.Named("eu-west-1")),
                r.requests().get(0).where());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"cloudtrail-ip-permissions.json", "config-restricted-ssh.json", "securityhub-ec2-13-ssh.json"})
    void anotherRegionIsRefusedAsBefore(String fixture) {
        TriggerResult r = Triggers.normalise(in(fixture, "ap-south-1"), TriggerCasesTest.config(LINKED));
        assertTrue(r.requests().isEmpty(), r.requests().toString());
        assertTrue(
                r.skips().get(0).reason().contains("region ap-south-1"),
                r.skips().toString());
        TriggerResult none = Triggers.normalise(
                in(fixture, "eu-west-1"), TriggerCasesTest.config(Map.of("CONFIG_RULE_NAMES", RULE)));
        assertTrue(
                none.skips().get(0).reason().contains("ALLOWED_REGIONS"),
                none.skips().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"cloudtrail-ip-permissions.json", "config-restricted-ssh.json", "securityhub-ec2-13-ssh.json"})
    void theOwnRegionStaysTheOwnPlace(String fixture) {
        TriggerResult r = Triggers.normalise(in(fixture, "us-east-1"), TriggerCasesTest.config(LINKED));
        assertEquals(AccountRegion.OWN, r.requests().get(0).where());
    }
}
