package dev.sgrevoker.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What uses the demo's groups (network interfaces in a subnet of the demo VPC) and where reports go (the report
 * bucket, with the plans a reviewer would hold): made last by {@link DemoSeed}. Also reads a result's report back:
 * bin/local-invoke prints the page's S3 path and keeps a local copy.
 */
final class DemoUsage {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where bin/local-invoke keeps the local copies of the reports a run wrote. */
    static final Path LOCAL_COPIES = Path.of("local/target/reports");

    private DemoUsage() {}

    static void create(Ec2Client ec2, DemoEnvironment.Usage usage, String vpcId, Map<String, String> groupIds)
            throws IOException {
        String subnet = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(usage.subnetCidr()))
                .subnet()
                .subnetId();
        for (DemoEnvironment.NetworkInterface ni : usage.networkInterfaces()) {
            String group = groupIds.get(ni.group());
            if (ni.ofInstance()) {
                // moto needs no real image: any id serves.
                ec2.runInstances(r -> r.imageId("ami-12c6146b")
                        .minCount(1)
                        .maxCount(1)
                        .subnetId(subnet)
                        .securityGroupIds(group));
            } else {
                ec2.createNetworkInterface(r -> r.subnetId(subnet).groups(group).description(ni.description()));
            }
        }
        if (usage.reportBucket() != null) {
            try (S3Client s3 = s3()) {
                createBucket(s3, usage.reportBucket());
                for (String file : usage.storedPlans()) {
                    JsonNode plan = JSON.readTree(Path.of(file).toFile());
                    String key = "reports/" + plan.path("apply").path("planId").asText() + "/plan.json";
                    s3.putObject(r -> r.bucket(usage.reportBucket()).key(key), RequestBody.fromFile(Path.of(file)));
                }
            }
        }
    }

    /** The bucket the function's REPORT_BUCKET names, made at a local endpoint where it is missing. */
    static void ensureBucket(String bucket, PrintStream log) {
        try (S3Client s3 = s3()) {
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
                createBucket(s3, bucket);
                log.println("REPORT_BUCKET: made the local bucket " + bucket);
            }
        }
    }

    /**
     * Each report the results and a run's roll-up name: its page's S3 path and a local copy of the page (a run's
     * index.html too, whose links reach its shards' copies) and the plan (under local/target/reports/, by key),
     * printed to {@code log}.
     */
    static void fetchReports(Iterable<JsonNode> events, PrintStream log) throws IOException {
        try (S3Client s3 = s3()) {
            for (JsonNode event : events) {
                JsonNode report = event.path("detail").path("report");
                String bucket = report.path("bucket").asText(null);
                for (JsonNode k : report.path("keys")) {
                    String key = k.asText();
                    boolean page = key.endsWith("/report.html") || key.endsWith("/index.html");
                    if (bucket == null || !(page || key.endsWith("/plan.json"))) {
                        continue;
                    }
                    Path copy = LOCAL_COPIES.resolve(key).normalize();
                    if (!copy.startsWith(LOCAL_COPIES)) {
                        continue; // a key is ours, but a copy never lands outside the folder
                    }
                    Files.createDirectories(copy.getParent());
                    Files.write(
                            copy,
                            s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray());
                    String label = key.endsWith("/index.html") ? "run:    " : page ? "report: " : "plan:   ";
                    log.println(label + "s3://" + bucket + "/" + key + "\n        local copy: " + copy);
                }
                for (JsonNode n : report.path("notWritten")) {
                    log.println("not written: " + n.path("key").asText() + ": "
                            + n.path("reason").asText());
                }
            }
        }
    }

    private static void createBucket(S3Client s3, String bucket) {
        s3.createBucket(r -> r.bucket(bucket));
    }

    /** S3 at the local endpoint, by path (moto serves no bucket host names). */
    private static S3Client s3() {
        String endpoint = DemoAccounts.localEndpoint();
        var builder = S3Client.builder().forcePathStyle(true);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }
}
