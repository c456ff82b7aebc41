package dev.sgrevoker.deploy;

import static dev.sgrevoker.deploy.Cfn.ifBranches;
import static dev.sgrevoker.deploy.Cfn.props;
import static dev.sgrevoker.deploy.Cfn.statement;
import static dev.sgrevoker.deploy.Cfn.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** template.yaml for issue 17: the report bucket is private and the role may only write reports, read its plans. */
class ReportBucketTemplateTest {
    private Map<String, Object> template;
    private TemplateGuardsTest.FunctionOf function;

    @BeforeEach
    void read() throws Exception {
        template = CfnYaml.template("template.yaml");
        function = new TemplateGuardsTest.FunctionOf(template);
    }

    @Test
    void theBucketIsEncryptedPrivateOwnerEnforcedVersionedAndExpires() {
        Map<String, Object> resource = Cfn.resource(template, "ReportBucket");
        assertEquals("MakeReportBucket", resource.get("Condition"));
        Map<String, Object> bucket = props(resource);
        assertEquals(
                Map.of(
                        "BlockPublicAcls", true,
                        "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true,
                        "RestrictPublicBuckets", true),
                bucket.get("PublicAccessBlockConfiguration"));
        assertEquals(
                Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))),
                bucket.get("OwnershipControls"));
        assertEquals(Map.of("Status", "Enabled"), bucket.get("VersioningConfiguration"));
        Map<?, ?> encryption = (Map<?, ?>)
                ((List<?>) ((Map<?, ?>) bucket.get("BucketEncryption")).get("ServerSideEncryptionConfiguration"))
                        .get(0);
        assertEquals(Map.of("SSEAlgorithm", "AES256"), encryption.get("ServerSideEncryptionByDefault"));
        Map<?, ?> expire =
                (Map<?, ?>) ((List<?>) ((Map<?, ?>) bucket.get("LifecycleConfiguration")).get("Rules")).get(0);
        assertEquals(Map.of("Ref", "ReportExpiryDays"), expire.get("ExpirationInDays"));
        assertEquals(400, Cfn.parameter(template, "ReportExpiryDays").get("Default"));
        assertEquals("false", Cfn.parameter(template, "CreateReportBucket").get("Default"), "no reports by default");
    }

    @Test
    void theBucketPolicyIsTlsOnlyAndOnlyTheFunctionWrites() {
        List<Map<String, Object>> statements = Cfn.statements(
                props(Cfn.resource(template, "ReportBucketPolicy")).get("PolicyDocument"));
        Map<String, Object> tls = statement(statements, "TlsOnly");
        assertEquals("Deny", tls.get("Effect"));
        assertEquals("*", tls.get("Principal"));
        assertEquals("s3:*", tls.get("Action"));
        assertEquals(Map.of("Bool", Map.of("aws:SecureTransport", "false")), tls.get("Condition"));
        assertEquals(
                List.of("arn:aws:s3:::reports-bucket", "arn:aws:s3:::reports-bucket/*"),
                List.of(arn(((List<?>) tls.get("Resource")).get(0)), arn(((List<?>) tls.get("Resource")).get(1))),
                "the bucket and every object");
        Map<String, Object> writes = statement(statements, "OnlyTheFunctionWrites");
        assertEquals("Deny", writes.get("Effect"));
        assertEquals("s3:PutObject", writes.get("Action"));
        assertEquals(
                Map.of(
                        "ArnNotEquals",
                        Map.of("aws:PrincipalArn", Map.of("Fn::GetAtt", List.of("RevokeFunctionRole", "Arn")))),
                writes.get("Condition"));
    }

    @Test
    void readersAreOnlyTheNamedArnsAndOnlyRead() {
        List<?> raw = (List<?>)
                ((Map<?, ?>) props(Cfn.resource(template, "ReportBucketPolicy")).get("PolicyDocument"))
                        .get("Statement");
        List<?> branches = ifBranches(Cfn.rawStatement(raw, "ReportReaders"));
        assertEquals("AdmitReportReaders", branches.get(0));
        Map<?, ?> readers = (Map<?, ?>) branches.get(1);
        assertEquals(
                Map.of("AWS", Map.of("Fn::Split", List.of(",", Map.of("Ref", "ReportReaderArns")))),
                readers.get("Principal"));
        assertEquals(List.of("s3:GetObject", "s3:ListBucket"), readers.get("Action"));
        Map<?, ?> rule = (Map<?, ?>) Cfn.section(template, "Rules").get("ReportReadersNeedTheStacksBucket");
        assertEquals(
                Map.of("Fn::Equals", List.of(Map.of("Ref", "CreateReportBucket"), "true")),
                ((Map<?, ?>) ((List<?>) rule.get("Assertions")).get(0)).get("Assert"));
    }

    @Test
    void theRoleWritesOnlyUnderReportsAndReadsBackOnlyItsPlans() {
        Set<String> s3 = new HashSet<>();
        for (Map<String, Object> s : function.statements()) {
            strings(s.get("Action")).stream().filter(a -> a.startsWith("s3:")).forEach(s3::add);
        }
        assertEquals(Set.of("s3:PutObject", "s3:GetObject"), s3);
        for (String sid : List.of("WriteReports", "ReadOwnPlans")) {
            List<?> branches = ifBranches(Cfn.rawStatement(function.rawStatements(), sid));
            assertEquals("WriteReports", branches.get(0));
            assertEquals(Map.of("Ref", "AWS::NoValue"), branches.get(2));
        }
        Map<String, String> bucket = Map.of("AWS::Partition", "aws", "Bucket", "reports-bucket");
        assertEquals(
                "arn:aws:s3:::reports-bucket/reports/*",
                resourceOf(statement(function.statements(), "WriteReports"), bucket));
        assertEquals(
                "arn:aws:s3:::reports-bucket/reports/*/plan.json",
                resourceOf(statement(function.statements(), "ReadOwnPlans"), bucket));
        assertEquals(
                "s3:PutObject", statement(function.statements(), "WriteReports").get("Action"));
        assertEquals(
                "s3:GetObject", statement(function.statements(), "ReadOwnPlans").get("Action"));
        Object env = function.env().get("REPORT_BUCKET");
        assertEquals(
                List.of("MakeReportBucket", Map.of("Ref", "ReportBucket"), Map.of("Ref", "ReportBucketName")),
                ifBranches(env));
        assertEquals(Map.of("Ref", "ReportMinEntries"), function.env().get("REPORT_MIN_ENTRIES"));
        assertEquals(Map.of("Ref", "PlanTtlDays"), function.env().get("PLAN_TTL_DAYS"));
    }

    @Test
    void bothRolesMaySeeWhatUsesAGroupAndWhetherItIsShared() throws Exception {
        List<String> reads = List.of(
                "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroupVpcAssociations", "ram:ListResources");
        assertTrue(
                strings(statement(function.statements(), "ReadSecurityGroups").get("Action"))
                        .containsAll(reads));
        Map<String, Object> member = CfnYaml.template("template-member.yaml");
        Map<?, ?> policy =
                (Map<?, ?>) ((List<?>) props(Cfn.resource(member, "MemberRole")).get("Policies")).get(0);
        assertTrue(strings(statement(Cfn.statements(policy.get("PolicyDocument")), "ReadSecurityGroups")
                        .get("Action"))
                .containsAll(reads));
        // Read only: no other RAM action, and nothing that associates a group with a VPC.
        function.statements()
                .forEach(s -> strings(s.get("Action"))
                        .forEach(a -> assertTrue(
                                !a.startsWith("ram:")
                                        || a.equals("ram:ListResources")
                                        || !"Allow".equals(s.get("Effect")),
                                a)));
    }

    /** A statement's resource, !Sub [text, {Bucket: !If [...]}] evaluated with the bucket's name given. */
    private static String resourceOf(Map<String, Object> statement, Map<String, String> bucket) {
        List<?> sub = (List<?>) ((Map<?, ?>) statement.get("Resource")).get("Fn::Sub");
        assertEquals(
                List.of("MakeReportBucket", Map.of("Ref", "ReportBucket"), Map.of("Ref", "ReportBucketName")),
                ifBranches(((Map<?, ?>) sub.get(1)).get("Bucket")));
        return (String) Cfn.evaluate(Map.of("Fn::Sub", sub.get(0)), bucket);
    }

    private static String arn(Object value) {
        Map<String, String> made = Map.of("ReportBucket.Arn", "arn:aws:s3:::reports-bucket");
        if (value instanceof Map<?, ?> m && m.containsKey("Fn::GetAtt")) {
            return made.get(String.join(".", strings(m.get("Fn::GetAtt"))));
        }
        return (String) Cfn.evaluate(value, made);
    }
}
