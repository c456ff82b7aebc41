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
        long motoSeed, String region, Vpc vpc, List<Group> securityGroups, ResultEvents resultEvents) {

    static final String DEFAULT_VPC = "default";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The non-default VPC; groups name it by {@code name}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Vpc(String name, String cidrBlock, String id) {}

    /**
     * A group, in the demo VPC or in the region's default VPC ({@code "vpc": "default"}). Groups of a later
     * {@code batch} are created after every rule of the earlier ones, so adding them keeps the earlier ids; tags are
     * put on last, for the same reason.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Group(
            String name,
            String vpc,
            String description,
            String id,
            List<Rule> ingress,
            Integer batch,
            Map<String, String> tags) {
        boolean inDefaultVpc() {
            return DEFAULT_VPC.equals(vpc);
        }

        int batchNumber() {
            return batch == null ? 0 : batch;
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

    /** An EventBridge rule on eventBus matching source, delivering to an SQS queue we can read back. */
    public record ResultEvents(String eventBus, String ruleName, String source, String queueName) {}

    static DemoEnvironment read(Path file) throws IOException {
        DemoEnvironment env = JSON.readValue(file.toFile(), DemoEnvironment.class);
        for (Group g : env.securityGroups()) {
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
