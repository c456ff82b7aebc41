package dev.sgrevoker.revoke;

import dev.sgrevoker.model.FailureCode;
import dev.sgrevoker.model.GroupTarget;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.model.RuleSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns requests into pending permissions with their group ids. Names (of the target group and of source groups)
 * resolve in the default VPC, as EC2 resolves them, once per name per invocation.
 */
public final class GroupNames {
    private final Ec2Gateway ec2;
    private final Map<String, Optional<String>> names = new HashMap<>();

    GroupNames(Ec2Gateway ec2) {
        this.ec2 = ec2;
    }

    /** {@code judgeReverts}: CloudTrail reverts are revoked only where the revert policy selects them. */
    List<Pending> pendingOf(List<RevocationRequest> requests, boolean judgeReverts) {
        List<Pending> all = new ArrayList<>();
        for (RevocationRequest request : requests) {
            String groupId = null;
            String groupName = null;
            String groupProblem = null;
            FailureCode groupCode = null;
            if (request.group() instanceof GroupTarget.ById byId) {
                groupId = byId.groupId();
            } else if (request.group() instanceof GroupTarget.ByName byName) {
                groupName = byName.groupName();
                try {
                    groupId = resolve(groupName).orElse(null);
                    if (groupId == null) {
                        groupCode = FailureCode.Ours.NO_SUCH_GROUP;
                        groupProblem = "no security group named '" + groupName
                                + "' in the default VPC (use GroupId for other VPCs)";
                    }
                } catch (Ec2CallFailed e) {
                    groupCode = e.code();
                    groupProblem = "could not resolve group name '" + groupName + "': " + e.getMessage();
                }
            }
            for (Requested item : request.items()) {
                Pending p = new Pending(item, request.dryRun(), request.where(), groupId, groupName);
                if (judgeReverts && request.form() == InputForm.CLOUDTRAIL_AUTHORIZE_INGRESS) {
                    p.judgeAsRevert();
                }
                if (groupProblem != null) {
                    p.fail(groupCode, groupProblem);
                } else {
                    resolveSourceGroup(p);
                }
                all.add(p);
            }
        }
        return all;
    }

    /** A source group given by name is resolved in the default VPC, as EC2 does for UserIdGroupPairs.GroupName. */
    private void resolveSourceGroup(Pending p) {
        if (p.permission() == null
                || !(p.permission().source() instanceof RuleSource.GroupReference ref)
                || !ref.needsNameResolution()) {
            return;
        }
        try {
            Optional<String> id = resolve(ref.groupName());
            if (id.isPresent()) {
                p.resolveSource(ref.withGroupId(id.get()));
            } else {
                p.fail(
                        FailureCode.Ours.NO_SUCH_GROUP,
                        "source group '" + ref.groupName() + "' not found in the default VPC");
            }
        } catch (Ec2CallFailed e) {
            p.fail(e.code(), "could not resolve source group name '" + ref.groupName() + "': " + e.getMessage());
        }
    }

    private Optional<String> resolve(String name) {
        Optional<String> known = names.get(name);
        if (known == null) {
            known = ec2.groupIdByName(name);
            names.put(name, known);
        }
        return known;
    }
}
