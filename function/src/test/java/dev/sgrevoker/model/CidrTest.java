package dev.sgrevoker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sgrevoker.exception.InvalidRequestException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "10.1.2.3/8, 10.0.0.0/8",
        "100.68.0.18/18, 100.68.0.0/18",
        "0.0.0.0/0, 0.0.0.0/0",
        "203.0.113.7/32, 203.0.113.7/32",
        "203.0.113.255/24, 203.0.113.0/24",
        "255.255.255.255/1, 128.0.0.0/1",
        "192.168.1.1/0, 0.0.0.0/0",
    })
    void ipv4IsStoredWithHostBitsCleared(String raw, String canonical) {
        assertEquals(canonical, Cidr.ipv4(raw, "CidrIp"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.0",
                "256.1.1.1/8",
                "1.2.3/8",
                "1.2.3.4/33",
                "01.2.3.4/8",
                "a.b.c.d/8",
                "1.2.3.4/",
                "1.2.3.4/8/8",
                "::/0",
                " 1.2.3.4/8",
                "1.2.3.4/-1",
                ""
            })
    void ipv4RejectsMalformedBlocksNamingTheField(String raw) {
        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> Cidr.ipv4(raw, "IpRanges[0].CidrIp"));
        assertEquals("IpRanges[0].CidrIp", e.field());
    }

    @ParameterizedTest(name = "[{0}]: {1}")
    @CsvSource(
            delimiter = '|',
            ignoreLeadingAndTrailingWhitespace = false,
            value = {
                " 0.0.0.0/0|it begins with whitespace, which EC2 refuses too",
                "0.0.0.0/0 |it ends with whitespace, which EC2 refuses too",
                "10.0.0.0 /8|it has whitespace inside, which EC2 refuses too",
                "010.0.0.0/8|the IPv4 number '010' has a leading zero, which EC2 refuses too",
                "10.0.0.0/08|the prefix length '08' has a leading zero, which EC2 refuses too",
                "256.1.1.1/8|the IPv4 number 256 is more than 255",
                "1.2.3.4/33|the prefix length 33 is more than 32",
                "a.b.c.d/8|the IPv4 number 'a' is not a number 0-255",
                "1..3.4/8|one of the four numbers is empty",
                "1.2.3.4/|the prefix length after '/' is missing",
                " ::/0|it begins with whitespace, which EC2 refuses too"
            })
    void aRefusalSaysWhatIsWrong(String raw, String why) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> {
            String unused = raw.contains(":") ? Cidr.ipv6(raw, "CidrIp") : Cidr.ipv4(raw, "CidrIp");
        });
        assertEquals("'" + raw + "' is not a valid CIDR block: " + why, e.reason());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2001:DB8::/32, 2001:db8::/32",
        "::/0, ::/0",
        "2001:db8:0:0:1:0:0:1/128, 2001:db8::1:0:0:1/128",
        "2001:0db8:0000:0000:0000:0000:0000:0001/64, 2001:db8::/64",
        "fe80::1:2:3:4/64, fe80::/64",
        "2001:db8:0:1:0:0:0:0/64, 2001:db8:0:1::/64",
        "0:0:0:0:0:0:0:1/128, ::1/128",
        "2001:db8:1:2:3:4:5:6/128, 2001:db8:1:2:3:4:5:6/128",
        "2001:db8:ffff::/33, 2001:db8:8000::/33",
    })
    void ipv6IsCompressedAndLowerCase(String raw, String canonical) {
        assertEquals(canonical, Cidr.ipv6(raw, "CidrIpv6"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2001:db8:::/32",
                "::/129",
                "2001:db8::g/32",
                "1:2:3:4:5:6:7:8:9/64",
                "2001:db8::",
                "1:2:3:4:5:6:7/64",
                "2001:db8::1::/64",
                "12345::/16",
                "0.0.0.0/0"
            })
    void ipv6RejectsMalformedBlocks(String raw) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Cidr.ipv6(raw, "CidrIpv6"));
        assertTrue(e.getMessage().startsWith("CidrIpv6: "), e.getMessage());
    }
}
