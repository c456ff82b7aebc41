package dev.sgrevoker.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sgrevoker.local.DemoEnvironment.Group;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** What DemoSeed shows of the demo: the groups' ingress rules as EC2 reports them, and the result events queued. */
final class DemoReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DemoReport() {}

    /** Prints the ingress rules of each demo group as EC2 reports them now. */
    static void printRules(DemoEnvironment env, Function<String, Ec2Client> ec2For) {
        Map<String, String> names = new LinkedHashMap<>();
        env.securityGroups().forEach(g -> names.put(g.id(), g.name()));
        List<SecurityGroupRule> rules = new ArrayList<>();
        java.util.Set<String> accounts = new java.util.LinkedHashSet<>();
        accounts.add(null);
        env.securityGroups().forEach(g -> accounts.add(g.account()));
        accounts.forEach(account -> ec2For.apply(account)
                .describeSecurityGroupRulesPaginator(r -> r.filters(Filter.builder()
                        .name("group-id")
                        .values(env.securityGroups().stream()
                                .filter(g -> java.util.Objects.equals(account, g.account()))
                                .map(Group::id)
                                .toList())
                        .build()))
                .securityGroupRules()
                .forEach(rules::add));
        for (Group g : env.securityGroups()) {
            System.out.printf(
                    "%s (%s, %s VPC%s):%n",
                    g.name(),
                    g.id(),
                    g.inDefaultVpc() ? "default" : "demo",
                    g.account() == null ? "" : ", account " + g.account());
            List<SecurityGroupRule> mine = rules.stream()
                    .filter(r -> g.id().equals(r.groupId()) && !Boolean.TRUE.equals(r.isEgress()))
                    .toList();
            if (mine.isEmpty()) System.out.println("  (no ingress rules)");
            mine.forEach(r -> System.out.println("  " + describe(r, names)));
        }
    }

    static String describe(SecurityGroupRule r, Map<String, String> names) {
        String protocol = "-1".equals(r.ipProtocol()) ? "all" : r.ipProtocol();
        String ports;
        if (protocol.startsWith("icmp")) ports = "type " + r.fromPort() + " code " + r.toPort();
        else if (r.fromPort() == null || r.fromPort() == -1) ports = "all ports";
        else
            ports = r.fromPort().equals(r.toPort())
                    ? "port " + r.fromPort()
                    : "ports " + r.fromPort() + "-" + r.toPort();
        String source = r.cidrIpv4() != null
                ? r.cidrIpv4()
                : r.cidrIpv6() != null
                        ? r.cidrIpv6()
                        : r.prefixListId() != null
                                ? r.prefixListId()
                                : r.referencedGroupInfo() != null
                                        ? r.referencedGroupInfo().groupId() + " ("
                                                + names.getOrDefault(
                                                        r.referencedGroupInfo().groupId(), "?") + ")"
                                        : "?";
        return String.format("%-22s %-5s %-17s from %s", r.securityGroupRuleId(), protocol, ports, source);
    }

    /** Drains the results queue and prints each event that EventBridge delivered to it. */
    static void printEvents(DemoEnvironment env, Path eventsOut) throws IOException {
        try (SqsClient sqs = SqsClient.create()) {
            String url = sqs.getQueueUrl(r -> r.queueName(env.resultEvents().queueName()))
                    .queueUrl();
            System.out.println("Events delivered to queue " + env.resultEvents().queueName() + ":");
            int count = 0;
            var all = JSON.createArrayNode();
            List<Message> batch;
            do {
                batch = sqs.receiveMessage(
                                r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages();
                for (Message m : batch) {
                    all.add(JSON.readTree(m.body()));
                    System.out.println(JSON.writeValueAsString(JSON.readTree(m.body())));
                    sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
                    count++;
                }
            } while (!batch.isEmpty());
            if (count == 0) System.out.println("  (none)");
            if (eventsOut != null) JSON.writeValue(eventsOut.toFile(), all);
        }
    }
}
