package dev.sgrevoker.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.IpPermissionReader.Spelling;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The same IpPermission in the API's and in CloudTrail's spelling reads as the same permissions, and fails alike. */
class IpPermissionReaderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{'IpProtocol':'tcp','FromPort':22,'ToPort':22,'IpRanges':[{'CidrIp':'10.1.2.3/8','Description':'x'}]}"
                        + "|{'ipProtocol':'tcp','fromPort':22,'toPort':22,'ipRanges':{'items':[{'cidrIp':'10.1.2.3/8','description':'x'}]}}",
                "{'IpProtocol':'-1','Ipv6Ranges':[{'CidrIpv6':'2001:DB8::/32'}],'PrefixListIds':[{'PrefixListId':'pl-12345678'}]}"
                        + "|{'ipProtocol':'-1','ipRanges':{},'ipv6Ranges':{'items':[{'cidrIpv6':'2001:DB8::/32'}]},'prefixListIds':{'items':[{'prefixListId':'pl-12345678'}]}}",
                "{'IpProtocol':'icmp','FromPort':3,'ToPort':4,'UserIdGroupPairs':[{'GroupId':'sg-12345678','UserId':'123456789012','VpcId':'vpc-12345678'}]}"
                        + "|{'ipProtocol':'icmp','fromPort':'3','toPort':'4','groups':{'items':[{'groupId':'sg-12345678','userId':'123456789012','vpcId':'vpc-12345678'}]}}",
            })
    void bothSpellingsReadTheSame(String api, String cloudTrail) throws Exception {
        assertEquals(
                IpPermissionReader.expand(json(api), FieldPath.of("p"), Spelling.API),
                IpPermissionReader.expand(json(cloudTrail), FieldPath.of("p"), Spelling.CLOUDTRAIL));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "API|{'IpProtocol':'tcp','FromPort':22,'ToPort':70000,'IpRanges':[{'CidrIp':'0.0.0.0/0'}]}|p.ToPort",
                "CLOUDTRAIL|{'ipProtocol':'tcp','fromPort':22,'toPort':70000,'ipRanges':{'items':[{'cidrIp':'0.0.0.0/0'}]}}|p.toPort",
                "API|{'IpProtocol':'tcp','FromPort':22,'ToPort':22,'IpRanges':[{'CidrIp':'0.0.0.0/0'},{'CidrIp':'1.2.3/8'}]}|p.IpRanges[1].CidrIp",
                "CLOUDTRAIL|{'ipProtocol':'tcp','fromPort':22,'toPort':22,'ipRanges':{'items':[{'cidrIp':'0.0.0.0/0'},{'cidrIp':'1.2.3/8'}]}}|p.ipRanges.items[1].cidrIp",
                "API|{'IpProtocol':'tcp','FromPort':22,'ToPort':22,'UserIdGroupPairs':[{'UserId':'123456789012'}]}|p.UserIdGroupPairs[0]",
                "CLOUDTRAIL|{'ipProtocol':'tcp','fromPort':22,'toPort':22,'groups':{'items':[{'userId':'123456789012'}]}}|p.groups.items[0]",
                "API|{'IpProtocol':'tcp','FromPort':22,'ToPort':22}|p",
                "CLOUDTRAIL|{'ipProtocol':'tcp','fromPort':22,'toPort':22,'ipRanges':{}}|p",
                "API|{'IpProtocol':'tcp','FromPort':22,'ToPort':22,'Extra':1,'IpRanges':[{'CidrIp':'0.0.0.0/0'}]}|p.Extra",
                "CLOUDTRAIL|{'ipProtocol':'tcp','fromPort':22,'toPort':22,'ipRanges':[{'cidrIp':'0.0.0.0/0'}]}|p.ipRanges",
            })
    void errorsNameTheFieldAsTheSpellingWritesIt(Spelling s, String permission, String field) throws Exception {
        JsonNode node = json(permission);
        assertEquals(
                field,
                assertThrows(InvalidRequestException.class, () -> IpPermissionReader.expand(node, FieldPath.of("p"), s))
                        .field());
    }
}
