package dev.sgrevoker.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * events/demo-environment.json: the demo VPC, groups and rules, with the ids moto gives them after
 * POST /moto-api/seed?a=motoSeed, so that sample events can name those ids.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DemoEnvironment(
        long motoSeed,
        String region,
        Vpc vpc,
        List<Group> securityGroups,
        ResultEvents resultEvents,
        Organization organization,
        Usage usage) {

    static final String DEFAULT_VPC = "default";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The non-default VPC; groups name it by {@code name}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Vpc(String name, String cidrBlock, String id) {}

    /**
     * A group, in the demo VPC or in the region's default VPC ({@code "vpc": "default"}). {@code appended} groups are
     * created, each with its rules, after every other group and rule, so adding one shifts no recorded id; they may
     * carry {@code tags}, and {@code account} puts one in a member account's default VPC (made with the member
     * role's credentials, see {@link #MEMBER_ROLE}), {@code region} in another region than the demo's (its default
     * VPC there).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Group(
            String name,
            String vpc,
            String description,
            String id,
            List<Rule> ingress,
            Boolean appended,
            Map<String, String> tags,
            String account,
            String region) {
        public Group(String name, String vpc, String description, String id, List<Rule> ingress) {
            this(name, vpc, description, id, ingress, null, null, null, null);
        }

        /** Where the group is, as DemoAccounts and the rule listing name places: account, then @region if another. */
        String place() {
            if (account == null && region == null) {
                return null;
            }
            return (account == null ? "" : account) + (region == null ? "" : "@" + region);
        }

        boolean inDefaultVpc() {
            return DEFAULT_VPC.equals(vpc);
        }

        boolean isAppended() {
            return Boolean.TRUE.equals(appended);
        }

        Group withIds(String id, List<Rule> ingress) {
            return new Group(name, vpc, description, id, ingress, appended, tags, account, region);
        }
    }

    /** The member role DemoSeed assumes for a group in another account: template-member.yaml's default name. */
    static final String MEMBER_ROLE = "sg-revoker-member";

    /**
     * The demo's organization, made in moto after every group not in one of its accounts (so their recorded ids stay
     * put), with the ids moto gives: the management account is our own; a {@code closed} account is SUSPENDED.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Organization(List<OrganizationAccount> accounts) {
        boolean has(String account) {
            return accounts.stream().anyMatch(a -> a.id().equals(account));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrganizationAccount(String name, String id, Boolean closed) {
        boolean isClosed() {
            return Boolean.TRUE.equals(closed);
        }
    }

    /** One ingress rule with exactly one source: cidr, cidrIpv6 or sourceGroup (a group name of this file). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(
            String ruleId,
            String protocol,
            int fromPort,
            int toPort,
            String cidr,
            String cidrIpv6,
            String sourceGroup,
            Map<String, String> tags) {}

    /**
     * What uses the demo's groups, and where its reports go, made after everything else (so no recorded id shifts): a
     * subnet of the demo VPC holding {@code networkInterfaces}; the report bucket; and {@code storedPlans}, plan
     * files put in the bucket as if a report-only sweep had written them (under {@code reports/<planId>/plan.json}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Usage(
            String subnetCidr,
            List<NetworkInterface> networkInterfaces,
            String reportBucket,
            List<String> storedPlans) {}

    /**
     * A network interface in the demo subnet with {@code group}: an instance's ({@code instance: true}, RunInstances
     * makes it), or one of its own with {@code description} (a load balancer's: moto cannot set its type or requester).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NetworkInterface(String group, Boolean instance, String description) {
        boolean ofInstance() {
            return Boolean.TRUE.equals(instance);
        }
    }

    /** An EventBridge rule on eventBus matching source, delivering to an SQS queue we can read back. */
    public record ResultEvents(String eventBus, String ruleName, String source, String queueName) {}

    static DemoEnvironment read(Path file) throws IOException {
        DemoEnvironment env = JSON.readValue(file.toFile(), DemoEnvironment.class);
        boolean appended = false;
        boolean organizationGroups = false;
        for (Group g : env.securityGroups()) {
            if (appended && !g.isAppended()) {
                throw new IOException(g.name() + ": groups after an appended group must be appended too");
            }
            appended = g.isAppended();
            boolean inOrganization =
                    env.organization() != null && env.organization().has(g.account());
            if (inOrganization) {
                organizationGroups = true;
            } else if (organizationGroups) {
                throw new IOException(g.name() + ": groups of the organization's accounts come last");
            }
            if ((g.account() != null || g.tags() != null) && !g.isAppended()) {
                throw new IOException(g.name() + ": a group with tags or an account must be appended");
            }
            if ((g.account() != null || g.region() != null) && !g.inDefaultVpc()) {
                throw new IOException(
                        g.name() + ": a group of a member account or another region is in its default" + " VPC");
            }
            if (g.region() != null && !g.isAppended()) {
                throw new IOException(g.name() + ": a group in another region must be appended");
            }
            if (!g.inDefaultVpc() && !g.vpc().equals(env.vpc().name())) {
                throw new IOException(
                        g.name() + ": vpc must be \"default\" or \"" + env.vpc().name() + "\"");
            }
            for (Rule r : g.ingress()) {
                int sources =
                        (r.cidr() != null ? 1 : 0) + (r.cidrIpv6() != null ? 1 : 0) + (r.sourceGroup() != null ? 1 : 0);
                if (sources != 1) throw new IOException(g.name() + ": each rule needs exactly one source: " + r);
            }
        }
        return env;
    }

    void write(Path file) throws IOException {
        java.nio.file.Files.writeString(file, JSON.writeValueAsString(this) + "\n");
    }

    Group group(String name) {
        return securityGroups.stream()
                .filter(g -> g.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no group named " + name + " in the demo environment"));
    }
}
