package dev.sgrevoker.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.GroupSharing;
import dev.sgrevoker.revoke.Ec2CallFailed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroupVpcAssociation;
import software.amazon.awssdk.services.ec2.model.SecurityGroupVpcAssociationState;

/**
 * Whether groups are shared beyond their own VPC, asked once per account and region for all of them: the VPC
 * associations (DescribeSecurityGroupVpcAssociations by group id, {@link SdkEc2Gateway#FILTER_VALUES} ids a call,
 * every page) and the account's own RAM resource shares of security groups (ListResources, every page: one listing
 * answers for every group). Both paced by the describe bucket. A lookup that fails leaves each group not shown
 * shared by the other "not checked", never "not shared".
 */
final class SharedGroups {
    /** DescribeSecurityGroupVpcAssociations' largest page. */
    static final int ASSOCIATIONS_PAGE = 1000;
    /** ListResources' largest page. */
    static final int RAM_PAGE = 500;
    /** More pages than this is an answer that does not end. */
    private static final int MAX_RAM_PAGES = 1000;

    private static final Set<SecurityGroupVpcAssociationState> GONE =
            Set.of(SecurityGroupVpcAssociationState.DISASSOCIATED, SecurityGroupVpcAssociationState.ASSOCIATION_FAILED);

    private SharedGroups() {}

    /** RAM's ListResources, one page: the request's JSON body in, the answer's out; throws SignedJson.Refused. */
    interface RamResources {
        JsonNode listResources(ObjectNode body);
    }

    /** {@code ram}: this place's RAM, built on first use; null where none was given, so sharing is never sure. */
    static Map<String, GroupSharing> of(
            Ec2Client ec2, Supplier<RamResources> ram, CallPacer describes, Collection<String> groupIds) {
        Map<String, List<String>> why = new LinkedHashMap<>();
        new LinkedHashSet<>(groupIds).forEach(id -> why.put(id, new ArrayList<>()));
        List<String> notChecked = new ArrayList<>();
        try {
            associations(ec2, why);
        } catch (Ec2CallFailed e) {
            notChecked.add("DescribeSecurityGroupVpcAssociations failed (" + code(e.code()) + "): "
                    + shortened(e.getMessage()));
        }
        try {
            if (ram == null) {
                throw new SignedJson.Refused("NotConfigured", "AWS RAM is not configured for this EC2 gateway");
            }
            ramShares(ram.get(), describes, why);
        } catch (SignedJson.Refused e) {
            notChecked.add(shortened(e.getMessage()));
        } catch (RuntimeException e) { // credentials or the endpoint could not be had
            notChecked.add("AWS RAM ListResources could not be called: " + shortened(e.getMessage()));
        }
        String unknown = notChecked.isEmpty() ? null : "sharing not checked: " + String.join("; ", notChecked);
        Map<String, GroupSharing> sharing = new LinkedHashMap<>();
        why.forEach((id, reasons) ->
                sharing.put(id, unknown == null ? GroupSharing.checked(reasons) : new GroupSharing(reasons, unknown)));
        return sharing;
    }

    /** Associations with VPCs other than the group's own (EC2 lists only those), still in place or on their way. */
    private static void associations(Ec2Client ec2, Map<String, List<String>> why) {
        for (List<String> chunk : SdkEc2Gateway.filterChunks(why.keySet())) {
            Filter byGroup = Filter.builder().name("group-id").values(chunk).build();
            SdkEc2Gateway.call(() -> {
                ec2.describeSecurityGroupVpcAssociationsPaginator(
                                r -> r.filters(byGroup).maxResults(ASSOCIATIONS_PAGE))
                        .securityGroupVpcAssociations()
                        .forEach(a -> associated(a, why));
                return null;
            });
        }
    }

    private static void associated(SecurityGroupVpcAssociation a, Map<String, List<String>> why) {
        List<String> reasons = why.get(a.groupId());
        if (reasons == null || GONE.contains(a.state())) {
            return;
        }
        String reason =
                "associated with " + a.vpcId() + (a.vpcOwnerId() == null ? "" : " of account " + a.vpcOwnerId());
        if (!reasons.contains(reason)) {
            reasons.add(reason);
        }
    }

    /** The account's own security groups in RAM resource shares, matched by the id at the end of their ARN. */
    private static void ramShares(RamResources ram, CallPacer describes, Map<String, List<String>> why) {
        String next = null;
        for (int page = 0; page < MAX_RAM_PAGES; page++) {
            if (describes != null) {
                describes.acquire();
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("resourceOwner", "SELF");
            body.put("resourceType", "ec2:SecurityGroup");
            body.put("maxResults", RAM_PAGE);
            if (next != null) {
                body.put("nextToken", next);
            }
            JsonNode answer = ram.listResources(body);
            for (JsonNode resource : answer.path("resources")) {
                String arn = resource.path("arn").asText("");
                List<String> reasons = why.get(arn.substring(arn.lastIndexOf('/') + 1));
                if (reasons != null && arn.contains(":security-group/")) {
                    String share = resource.path("resourceShareArn").asText("");
                    String reason = "shared through AWS RAM" + (share.isEmpty() ? "" : " (" + share + ")");
                    if (!reasons.contains(reason)) {
                        reasons.add(reason);
                    }
                }
            }
            next = answer.path("nextToken").asText(null);
            if (next == null || next.isEmpty()) {
                return;
            }
        }
        throw new SignedJson.Refused("Paging", "AWS RAM ListResources kept answering with another page");
    }

    private static String code(FailureCode code) {
        return code instanceof FailureCode.Aws aws
                ? (aws.code() != null ? aws.code() : "HTTP " + aws.httpStatus())
                : code.toString();
    }

    private static String shortened(String message) {
        String m = message == null ? "no message" : message.strip().replaceAll("\\s+", " ");
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }
}
