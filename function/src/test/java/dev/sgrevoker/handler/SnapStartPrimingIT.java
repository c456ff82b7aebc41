package dev.sgrevoker.handler;

import static dev.sgrevoker.testing.Ec2Fixture.cidr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sgrevoker.aws.AwsClients;
import dev.sgrevoker.config.FunctionConfig;
import dev.sgrevoker.priming.SnapStartPriming;
import dev.sgrevoker.testing.FaultProxy;
import dev.sgrevoker.testing.MotoTestBase;
import dev.sgrevoker.testing.StdoutCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The priming SnapStart runs before its snapshot touches EC2 and EventBridge for real, and changes nothing. */
class SnapStartPrimingIT extends MotoTestBase {

    @Test
    void primingExercisesBothServicesAndChangesNothing() {
        String web = ec2.group("web", ec2.newVpc());
        ec2.authorize(web, cidr("tcp", 22, 22, "0.0.0.0/0"));
        Map<String, String> before = ec2.snapshot(web);
        try (FaultProxy proxy = FaultProxy.start(moto)) {
            proxy.routeEc2();
            proxy.routeEventBridge();
            FunctionConfig config = FunctionConfig.read(Map.of("AWS_REGION", "us-east-1"));
            AwsClients clients = AwsClients.create(config.maxConcurrency(), config.memberAccess());

            SnapStartPriming priming = Wiring.priming(config, clients);
            List<List<String>> answered = new ArrayList<>();

            String stdout = StdoutCapture.during(() -> answered.add(priming.prime()));

            assertEquals(
                    List.of(
                            "direct",
                            "sqs",
                            "securityhub",
                            "sweep",
                            "ec2-describes",
                            "ec2-dry-run-revoke",
                            "eventbridge-put-events",
                            "securityhub-client"),
                    answered.get(0),
                    "each family through the handler, read-only describes, a DryRun revoke, an empty PutEvents");
            assertEquals("", stdout, "the priming handler's metric lines are made up: dropped, never printed");
            assertTrue(
                    proxy.ec2Actions().containsAll(List.of("DescribeSecurityGroups", "DescribeSecurityGroupRules")),
                    proxy.ec2Actions().toString());
            assertTrue(
                    proxy.ec2Bodies("RevokeSecurityGroupIngress").stream()
                            .allMatch(b -> b.contains("DryRun=true")
                                    && b.contains("GroupId=" + SnapStartPriming.NO_SUCH_GROUP)),
                    "every primed revoke is a dry run on a group that does not exist");
            // The sweep family read the inventory scoped to the made-up group and selected its rules: 3389 (EC2.14)
            // with the icmp rule from outside allowedSources, a pair no other family revokes together.
            assertTrue(
                    proxy.ec2Bodies("DescribeSecurityGroupRules").stream()
                            .anyMatch(b -> b.contains(SnapStartPriming.NO_SUCH_GROUP)),
                    proxy.ec2Bodies("DescribeSecurityGroupRules").toString());
            assertTrue(
                    proxy.ec2Bodies("RevokeSecurityGroupIngress").stream()
                            .anyMatch(b -> b.contains("sgr-00000000000000003") && b.contains("sgr-00000000000000006")),
                    "the sweep's report-only DryRun: " + proxy.ec2Bodies("RevokeSecurityGroupIngress"));
            assertEquals(1, proxy.putEventsCalls());
            assertEquals(
                    List.of(),
                    proxy.ec2Bodies("RevokeSecurityGroupEgress"),
                    "DEFAULT_GROUP_EGRESS=keep: the role may not revoke egress, so priming does not ask");
        }
        assertEquals(before, ec2.snapshot(web));
        events.assertNone();
    }

    @Test
    void withDefaultGroupEgressRevokeTheEgressRevokeIsPrimedAsADryRunToo() {
        try (FaultProxy proxy = FaultProxy.start(moto)) {
            proxy.routeEc2();
            proxy.routeEventBridge();
            FunctionConfig config =
                    FunctionConfig.read(Map.of("AWS_REGION", "us-east-1", "DEFAULT_GROUP_EGRESS", "revoke"));
            AwsClients clients = AwsClients.create(config.maxConcurrency(), config.memberAccess());

            List<String> answered = new ArrayList<>();
            StdoutCapture.during(
                    () -> answered.addAll(Wiring.priming(config, clients).prime()));

            assertTrue(answered.contains("ec2-dry-run-revoke"), answered.toString());
            List<String> egress = proxy.ec2Bodies("RevokeSecurityGroupEgress");
            assertEquals(1, egress.size(), egress.toString());
            assertTrue(
                    egress.get(0).contains("DryRun=true")
                            && egress.get(0).contains("GroupId=" + SnapStartPriming.NO_SUCH_GROUP),
                    egress.toString());
        }
        events.assertNone();
    }
}
