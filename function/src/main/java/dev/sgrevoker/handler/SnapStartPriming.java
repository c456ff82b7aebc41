package dev.sgrevoker.handler;

import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sgrevoker.intake.DirectInvoke;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.report.ResultDocument;
import dev.sgrevoker.revoke.Ec2CallFailed;
import dev.sgrevoker.revoke.Ec2Gateway;
import dev.sgrevoker.revoke.Revoker;
import dev.sgrevoker.revoke.RuleInventory;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Before SnapStart takes its snapshot, runs the real code paths once — JSON intake, the model, the engine, SDK
 * marshalling for EC2 (a describe and a DryRun revoke of a group that does not exist) and EventBridge (an empty
 * PutEvents that the service refuses) and the result document — so a restored instance has them loaded and
 * compiled before the first alert. Nothing is changed and no event is published.
 */
final class SnapStartPriming implements Resource {
    static final String NO_SUCH_GROUP = "sg-00000000000000000";
    private static final String PAYLOAD = """
            [{"GroupId": "%1$s", "DryRun": true, "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
              "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}]},
             {"GroupId": "%1$s", "DryRun": true, "protocol": "icmp", "port": "3-4", "cidr": "198.51.100.0/24"},
             {"GroupId": "%1$s", "DryRun": true, "IpPermissions": "IpProtocol=udp,FromPort=53,ToPort=53,IpRanges=[{CidrIp=10.0.0.0/8}]"}]
            """.formatted(NO_SUCH_GROUP);

    private final Ec2Gateway ec2;
    private final EventBridgeClient events;

    SnapStartPriming(Ec2Gateway ec2, EventBridgeClient events) {
        this.ec2 = ec2;
        this.events = events;
    }

    void register() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Clients and credentials providers re-resolve lazily after restore; nothing to refresh here.
    }

    /** Returns how many primed steps ran through: the local paths, then each service that answered (refusals too). */
    int prime() {
        int answered = 0;
        try {
            var parsed = DirectInvoke.parse(new ObjectMapper().readTree(PAYLOAD));
            var outcomes = new Revoker(ec2).revoke(parsed.requests());
            if (ec2 instanceof RuleInventory inventory) {
                // A sweep's discovery: DescribeSecurityGroupRules by group id (the engine skips it for a missing
                // group).
                inventory.forEachRulePage(List.of(NO_SUCH_GROUP), page -> {});
            }
            ResultDocument.response(new RevocationResult("priming", parsed.form(), true, outcomes))
                    .toString();
            RevokeHandler.primeSqsResponse();
            answered++;
        } catch (Exception e) {
            skipped("intake and engine", e);
        }
        try {
            // The engine stops at DescribeSecurityGroups for a group that does not exist: read its rules directly.
            ec2.rulesOf(List.of(NO_SUCH_GROUP));
            ec2.revoke(NO_SUCH_GROUP, List.of("sgr-00000000000000000"), true);
            answered++; // DryRunOperation: EC2 checked the right and changed nothing
        } catch (Ec2CallFailed e) {
            if ("ClientError".equals(e.code())) {
                skipped("EC2 dry-run revoke", e);
            } else {
                answered++; // e.g. InvalidGroup.NotFound: marshalled, signed, sent and its error parsed
            }
        }
        try {
            events.putEvents(r -> r.entries(List.of()));
            answered++;
        } catch (AwsServiceException refused) {
            answered++; // the service refuses an empty PutEvents; nothing is published
        } catch (Exception e) {
            skipped("EventBridge", e);
        }
        return answered;
    }

    private static void skipped(String step, Exception e) {
        var line = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode()
                .put("kind", "priming-skipped")
                .put("step", step)
                .put("error", e.toString());
        LambdaRuntime.getLogger().log(line.toString(), LogLevel.WARN);
    }
}
