package dev.sgrevoker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sgrevoker.exception.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortRangeTest {

    @ParameterizedTest(name = "{0} {1}-{2} -> {3}-{4}")
    @CsvSource(
            nullValues = "null",
            value = {
                "tcp, 22, 22, 22, 22",
                "udp, 1000, 2000, 1000, 2000",
                "tcp, 0, 65535, 0, 65535",
                "-1, 22, 80, -1, -1", // ports are ignored for all protocols
                "all, null, null, -1, -1",
                "50, 1, 2, -1, -1", // and for protocols other than tcp/udp/icmp/icmpv6
                "icmp, 3, 4, 3, 4",
                "icmp, -1, -1, -1, -1",
                "icmp, 8, -1, 8, -1",
                "icmpv6, null, null, -1, -1", // icmpv6 ports are optional
                "58, 128, 0, 128, 0",
            })
    void followsEc2RulesPerProtocol(String protocol, Integer from, Integer to, int expectedFrom, int expectedTo) {
        PortRange r = PortRange.of(Protocol.parse(protocol, "IpProtocol"), from, to, "");
        assertEquals(new PortRange(expectedFrom, expectedTo), r);
    }

    @ParameterizedTest(name = "{0} {1}-{2}: {3}")
    @CsvSource(
            nullValues = "null",
            value = {
                "tcp, null, null, FromPort",
                "tcp, 22, null, ToPort",
                "tcp, -1, -1, FromPort",
                "tcp, 0, 65536, ToPort",
                "udp, 2000, 1000, ToPort",
                "icmp, null, null, FromPort",
                "icmp, -1, 4, ToPort",
                "icmp, 256, 0, FromPort",
            })
    void rejectsRangesEc2Rejects(String protocol, Integer from, Integer to, String field) {
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> PortRange.of(Protocol.parse(protocol, "IpProtocol"), from, to, "IpPermissions[0]."));
        assertEquals("IpPermissions[0]." + field, e.field());
    }

    @Test
    void protocolsFoldNumbersToTheNamesEc2Describes() {
        assertEquals(Protocol.TCP, Protocol.parse("6", "p"));
        assertEquals(Protocol.UDP, Protocol.parse("17", "p"));
        assertEquals(Protocol.ICMP, Protocol.parse("1", "p"));
        assertEquals(Protocol.ICMPV6, Protocol.parse("58", "p"));
        assertEquals(Protocol.ALL, Protocol.parse("all", "p"));
        assertEquals(Protocol.TCP, Protocol.parse("TCP", "p"));
        assertEquals("50", Protocol.parse("050", "p").value());
        assertTrue(assertThrows(InvalidRequestException.class, () -> Protocol.parse("256", "IpProtocol"))
                .getMessage()
                .contains("0-255"));
        assertEquals(
                "IpProtocol",
                assertThrows(InvalidRequestException.class, () -> Protocol.parse("sctp", "IpProtocol"))
                        .field());
    }
}
