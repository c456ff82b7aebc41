package dev.sgrevoker.local;

import dev.sgrevoker.local.DemoEnvironment.Group;
import dev.sgrevoker.local.DemoEnvironment.Rule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Seeds moto with the demo environment of events/demo-environment.json and checks that moto handed out the recorded
 * ids, then lists every group's ingress rules. Endpoint, region and credentials come from the environment.
 * bin/local-invoke seeds through {@link LocalRun}; this entry point is for seeding a moto by hand (docs/local.md) and
 * for re-recording the ids.
 */
public final class DemoSeed {
    private static final String USAGE = """
            usage: DemoSeed [--record] [ENV_JSON]   seed a fresh moto with the demo environment, print its rules
            ENV_JSON defaults to events/demo-environment.json. Needs AWS_ENDPOINT_URL (a local moto server, nothing
            called yet); --record rewrites ENV_JSON with the ids moto gave instead of failing when they differ.""";

    private final DemoAccounts accounts = new DemoAccounts();
    private final Ec2Client ec2 = accounts.ec2(null);

    public static void main(String[] args) throws Exception {
        boolean record = false;
        Path file = Path.of("events/demo-environment.json");
        for (String a : args) {
            if (a.equals("--record")) record = true;
            else if (a.startsWith("-")) {
                System.err.println(USAGE);
                System.exit(a.equals("--help") ? 0 : 2);
            } else file = Path.of(a);
        }
        DemoEnvironment env = DemoEnvironment.read(file);
        if (DemoAccounts.localEndpoint() == null) {
            // Creating needs moto's seed endpoint, and must never touch a real account.
            System.err.println("DemoSeed: creates resources only in moto: set AWS_ENDPOINT_URL to a local moto server");
            System.exit(2);
        }
        DemoSeed seed = new DemoSeed();
        DemoEnvironment actual = seed.create(env);
        List<String> differences = differences(env, actual);
        if (!differences.isEmpty()) {
            if (record) {
                actual.write(file);
                System.out.println("Recorded the ids moto gave in " + file);
            } else {
                System.err.println("DemoSeed: moto did not hand out the ids recorded in " + file
                        + " (another moto version, or EC2 calls made before seeding?):");
                differences.forEach(d -> System.err.println("  " + d));
                System.err.println("Rerun with --record on a fresh moto to re-record them, then update events/*.json.");
                System.exit(3);
            }
        }
        Set<String> members = new LinkedHashSet<>();
        actual.securityGroups().stream()
                .map(Group::place)
                .filter(Objects::nonNull)
                .forEach(members::add);
        RuleSnapshot.take(seed.accounts, members, System.err).print(System.out);
    }

    /** Seeds moto's id generator, then creates everything in file order; returns env with the ids obtained. */
    DemoEnvironment create(DemoEnvironment env) throws IOException, InterruptedException {
        seedMoto(env.motoSeed());
        var vpc = env.vpc();
        String vpcId = ec2.createVpc(r -> r.cidrBlock(vpc.cidrBlock())
                        .tagSpecifications(TagSpecification.builder()
                                .resourceType("vpc")
                                .tags(Tag.builder()
                                        .key("Name")
                                        .value(vpc.name())
                                        .build())
                                .build()))
                .vpc()
                .vpcId();
        Map<String, String> groupIds = new LinkedHashMap<>();
        for (Group g : env.securityGroups()) {
            if (!isVpcDefault(g) && !g.isAppended()) {
                groupIds.put(
                        g.name(),
                        ec2.createSecurityGroup(r -> r.groupName(g.name())
                                        .description(g.description())
                                        .vpcId(g.inDefaultVpc() ? null : vpcId))
                                .groupId());
            }
        }
        List<Group> groups = new ArrayList<>();
        for (Group g : env.securityGroups()) {
            if (g.isAppended()) {
                continue;
            }
            if (isVpcDefault(g)) {
                // EC2 made this group with the VPC: looked up here, not earlier, since every moto call draws from the
                // seeded generator and an earlier call would shift the ids recorded for the other groups.
                groupIds.put(
                        g.name(),
                        ec2.describeSecurityGroups(r -> r.filters(
                                        f -> f.name("vpc-id").values(vpcId),
                                        f -> f.name("group-name").values("default")))
                                .securityGroups()
                                .get(0)
                                .groupId());
            }
            groups.add(g.withIds(groupIds.get(g.name()), authorize(ec2, g, groupIds)));
        }
        // Appended groups: each made with its rules after everything above, so the ids recorded above stay put. The
        // organization is made just before its accounts' groups, which come last, for the same reason.
        DemoEnvironment.Organization organization = null;
        Map<String, String> accountIds = new LinkedHashMap<>();
        for (Group g : env.securityGroups()) {
            if (g.isAppended()) {
                boolean inOrganization =
                        env.organization() != null && env.organization().has(g.account());
                if (inOrganization && organization == null) {
                    organization = DemoOrganization.create(env.organization());
                    for (int i = 0; i < organization.accounts().size(); i++) {
                        accountIds.put(
                                env.organization().accounts().get(i).id(),
                                organization.accounts().get(i).id());
                    }
                }
                // A group names its account as recorded; moto's id is the one it is made in (the same, unless moto
                // changed, which differences() then reports).
                Group at = g.account() == null || !accountIds.containsKey(g.account())
                        ? g
                        : new Group(
                                g.name(),
                                g.vpc(),
                                g.description(),
                                g.id(),
                                g.ingress(),
                                g.appended(),
                                g.tags(),
                                accountIds.get(g.account()),
                                g.region());
                Ec2Client in = accounts.ec2(at.place());
                groupIds.put(
                        g.name(),
                        in.createSecurityGroup(r -> r.groupName(g.name())
                                        .description(g.description())
                                        .vpcId(g.inDefaultVpc() ? null : vpcId)
                                        .tagSpecifications(tags(g.tags(), "security-group")))
                                .groupId());
                groups.add(at.withIds(groupIds.get(g.name()), authorize(in, g, groupIds)));
            }
        }
        if (env.organization() != null && organization == null) {
            organization = DemoOrganization.create(env.organization());
        }
        ResultEvents.route(env.resultEvents(), env.resultEvents().eventBus());
        if (env.usage() != null) {
            DemoUsage.create(ec2, env.usage(), vpcId, groupIds);
        }
        return new DemoEnvironment(
                env.motoSeed(),
                env.region(),
                new DemoEnvironment.Vpc(vpc.name(), vpc.cidrBlock(), vpcId),
                groups,
                env.resultEvents(),
                organization,
                env.usage());
    }

    private static List<Rule> authorize(Ec2Client in, Group g, Map<String, String> groupIds) {
        List<Rule> rules = new ArrayList<>();
        for (Rule rule : g.ingress()) {
            String ruleId = in.authorizeSecurityGroupIngress(r -> r.groupId(groupIds.get(g.name()))
                            .ipPermissions(permission(rule, groupIds))
                            .tagSpecifications(tags(rule.tags(), "security-group-rule")))
                    .securityGroupRules()
                    .get(0)
                    .securityGroupRuleId();
            rules.add(new Rule(
                    ruleId,
                    rule.protocol(),
                    rule.fromPort(),
                    rule.toPort(),
                    rule.cidr(),
                    rule.cidrIpv6(),
                    rule.sourceGroup(),
                    rule.tags()));
        }
        return rules;
    }

    private static List<TagSpecification> tags(Map<String, String> tags, String resourceType) {
        if (tags == null || tags.isEmpty()) {
            return List.of();
        }
        return List.of(TagSpecification.builder()
                .resourceType(resourceType)
                .tags(tags.entrySet().stream()
                        .map(t -> Tag.builder()
                                .key(t.getKey())
                                .value(t.getValue())
                                .build())
                        .toList())
                .build());
    }

    private static boolean isVpcDefault(Group g) {
        return "default".equals(g.name()) && !g.inDefaultVpc();
    }

    // Ports always sent: moto crashes on icmpv6 or protocol numbers without them.
    private static IpPermission permission(Rule rule, Map<String, String> groupIds) {
        IpPermission.Builder p = IpPermission.builder()
                .ipProtocol(rule.protocol())
                .fromPort(rule.fromPort())
                .toPort(rule.toPort());
        if (rule.cidr() != null)
            p.ipRanges(IpRange.builder().cidrIp(rule.cidr()).build());
        if (rule.cidrIpv6() != null)
            p.ipv6Ranges(Ipv6Range.builder().cidrIpv6(rule.cidrIpv6()).build());
        if (rule.sourceGroup() != null) {
            p.userIdGroupPairs(UserIdGroupPair.builder()
                    .groupId(groupIds.get(rule.sourceGroup()))
                    .build());
        }
        return p.build();
    }

    private static void seedMoto(long seed) throws IOException, InterruptedException {
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        URI uri = URI.create(endpoint.replaceAll("/+$", "") + "/moto-api/seed?a=" + seed);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "POST " + uri + " answered " + response.statusCode() + ": is this a moto server?");
        }
    }

    static List<String> differences(DemoEnvironment expected, DemoEnvironment actual) {
        List<String> out = new ArrayList<>();
        compare(
                out,
                "vpc " + expected.vpc().name(),
                expected.vpc().id(),
                actual.vpc().id());
        if (expected.organization() != null) {
            for (int i = 0; i < expected.organization().accounts().size(); i++) {
                compare(
                        out,
                        "organization account "
                                + expected.organization().accounts().get(i).name(),
                        expected.organization().accounts().get(i).id(),
                        actual.organization().accounts().get(i).id());
            }
        }
        for (int i = 0; i < expected.securityGroups().size(); i++) {
            Group e = expected.securityGroups().get(i);
            Group a = actual.securityGroups().get(i);
            compare(out, "group " + e.name(), e.id(), a.id());
            for (int j = 0; j < e.ingress().size(); j++) {
                compare(
                        out,
                        "rule " + j + " of " + e.name(),
                        e.ingress().get(j).ruleId(),
                        a.ingress().get(j).ruleId());
            }
        }
        return out;
    }

    private static void compare(List<String> out, String what, String expected, String actual) {
        if (!actual.equals(expected)) out.add(what + ": recorded " + expected + ", moto gave " + actual);
    }
}
