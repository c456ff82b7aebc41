package dev.sgrevoker.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sgrevoker.exception.ConfigurationException;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.revoke.RuleInventory;
import dev.sgrevoker.testing.Lambda;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The scheduled sweep (SWEEP) names accounts and regions like any other, refused naming SWEEP before any EC2 call. */
class ConfiguredSweepReachTest {
    /** Any EC2 call fails the test: the refusal must come first. */
    @SuppressWarnings("unchecked")
    private static <T> T untouched(Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? "untouched " + type.getSimpleName() : null;
            }
            throw new AssertionError("no EC2 call before the sweep's places are judged: " + method.getName());
        });
    }

    private static String scheduledEvent() throws IOException {
        try (var in = ConfiguredSweepReachTest.class.getResourceAsStream("/events/scheduled-event.json")) {
            return new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static RevokeHandler handler(Map<String, String> env) {
        return RevokeHandler.builder()
                .environment(env)
                .ec2(untouched(Ec2Gateway.class))
                .inventory(untouched(RuleInventory.class))
                .publisher(result -> {})
                .metrics(line -> {})
                .build();
    }

    @Test
    void anAccountTheDeployerDoesNotAllowIsRefusedNamingSweep() throws IOException {
        RevokeHandler handler =
                handler(Map.of("SWEEP", "{\"controls\": [\"EC2.13\"], \"accounts\": [\"999999999999\"]}"));
        ConfigurationException e =
                assertThrows(ConfigurationException.class, () -> Lambda.invoke(handler, scheduledEvent()));
        assertEquals("SWEEP.accounts[0]", e.setting());
        assertTrue(e.reason().contains("ALLOWED_ACCOUNT_IDS"), e.reason());
    }

    @Test
    void aRegionTheDeployerDoesNotAllowIsRefusedNamingSweep() throws IOException {
        RevokeHandler handler = handler(Map.of(
                "SWEEP", "{\"controls\": [\"EC2.13\"], \"regions\": [\"eu-west-1\"]}", "ALLOWED_REGIONS", "us-west-2"));
        ConfigurationException e =
                assertThrows(ConfigurationException.class, () -> Lambda.invoke(handler, scheduledEvent()));
        assertEquals("SWEEP.regions[0]", e.setting());
        assertTrue(e.reason().contains("us-west-2"), e.reason());
    }
}
