package dev.sgrevoker.deploy;

import static dev.sgrevoker.deploy.Cfn.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sgrevoker.model.Outcome;
import dev.sgrevoker.telemetry.Metrics;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** template.yaml's dashboard and saved queries read what the function writes, under the names it writes. */
class DashboardTemplateTest {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    private Map<String, Object> template;
    private String body;
    private Map<?, ?> bodyVariables;

    @BeforeEach
    void read() throws Exception {
        template = CfnYaml.template("template.yaml");
        List<?> sub = (List<?>)
                ((Map<?, ?>) props(Cfn.resource(template, "Dashboard")).get("DashboardBody")).get("Fn::Sub");
        body = (String) sub.get(0);
        bodyVariables = (Map<?, ?>) sub.get(1);
    }

    @Test
    void theBodyIsJsonAndNamesOnlyWhatTheStackHas() throws Exception {
        Set<?> resources = Cfn.section(template, "Resources").keySet();
        Matcher m = SUB_VARIABLE.matcher(body);
        while (m.find()) {
            String name = m.group(1);
            assertTrue(
                    name.startsWith("AWS::")
                            || bodyVariables.containsKey(name)
                            || resources.contains(name.split("\\.", 2)[0]),
                    "unknown ${" + name + "}");
        }
        JsonNode dashboard = json();
        assertTrue(dashboard.path("widgets").size() >= 12);
        // The annotation is the reserved concurrency, computed as the function's own.
        assertEquals(
                props(Cfn.resource(template, "RevokeFunction")).get("ReservedConcurrentExecutions"),
                bodyVariables.get("ReservedConcurrency"));
    }

    @Test
    void itShowsTheFunctionsMetricsUnderTheNamesTheFunctionWrites() throws Exception {
        Set<String> ours = new HashSet<>();
        for (JsonNode metric : metrics()) {
            if (metric.isArray()
                    && metric.get(0).isTextual()
                    && Metrics.NAMESPACE.equals(metric.get(0).asText())) {
                ours.add(metric.get(1).asText());
            }
            if (metric.isArray() && metric.get(0).has("expression")) {
                Matcher m = Pattern.compile("\\{" + Pattern.quote(Metrics.NAMESPACE) + ",(\\w+)} MetricName=\"(\\w+)\"")
                        .matcher(metric.get(0).get("expression").asText());
                assertTrue(m.find(), metric::toString);
                assertTrue(Set.of("Trigger", "Reason").contains(m.group(1)), metric::toString);
                ours.add(m.group(2));
            }
        }
        for (Outcome outcome : List.of(Outcome.REVOKED, Outcome.FAILED, Outcome.EXEMPT, Outcome.SKIPPED)) {
            assertTrue(ours.contains(Metrics.name(outcome)), outcome + " over time, by trigger");
        }
        assertTrue(ours.containsAll(Set.of(
                "BlastRadiusStops",
                "ExposureSeconds",
                "Ec2ThrottlingRetries",
                "ResultsUndelivered",
                "FindingUpdatesFailed")));
        assertTrue(body.contains("MetricName=\\\"ExposureSeconds\\\"', 'p50'"), "exposure p50");
        assertTrue(body.contains("MetricName=\\\"ExposureSeconds\\\"', 'p99'"), "exposure p99");
    }

    @Test
    void itShowsLambdasAndSqsOwnMetricsForThisStack() throws Exception {
        Set<String> lambda = new HashSet<>();
        Set<String> queues = new HashSet<>();
        for (JsonNode metric : metrics()) {
            if (!metric.isArray() || !metric.get(0).isTextual()) {
                continue;
            }
            String namespace = metric.get(0).asText();
            if (namespace.equals("AWS/Lambda")) {
                assertEquals("${RevokeFunction}", metric.get(3).asText());
                JsonNode options = metric.get(metric.size() - 1);
                lambda.add(metric.get(1).asText()
                        + (options.has("stat") ? " " + options.get("stat").asText() : ""));
            } else if (namespace.equals("AWS/SQS")) {
                queues.add(metric.get(3).asText());
            }
        }
        assertTrue(
                lambda.containsAll(Set.of("Duration p50", "Duration p99", "ConcurrentExecutions Maximum")),
                lambda::toString);
        assertTrue(queues.containsAll(Set.of(
                "${RequestDeadLetterQueue.QueueName}",
                "${ShardDeadLetterQueue.QueueName}",
                "${FailedInvocationQueue.QueueName}",
                "${ResultFallbackQueue.QueueName}")));
    }

    @Test
    void theSavedQueriesReadTheFunctionsLogLines() {
        Map<String, Map<String, Object>> queries = Cfn.resourcesOfType(template, "AWS::Logs::QueryDefinition");
        assertEquals(
                Set.of("RevokedFromAGroupQuery", "FailuresQuery", "SweepRunQuery", "RestoreDocumentsQuery"),
                queries.keySet());
        queries.forEach((name, q) -> {
            Map<String, Object> p = props(q);
            assertEquals(List.of(Map.of("Ref", "RevokeFunctionLogGroup")), p.get("LogGroupNames"), name);
            String query = (String) p.get("QueryString");
            // Lambda's JSON format carries our line as a JSON string in `message`.
            assertTrue(query.contains("jsonParse(message) as line"), name);
        });
        assertTrue(query(queries, "RevokedFromAGroupQuery").contains("line.outcome = \"REVOKED\""));
        assertTrue(query(queries, "RevokedFromAGroupQuery").contains("line.provenance.principal"));
        assertTrue(query(queries, "FailuresQuery").contains("level in [\"WARN\", \"ERROR\"]"));
        assertTrue(query(queries, "SweepRunQuery").contains("by line.account, line.region, line.outcome"));
        assertTrue(query(queries, "RestoreDocumentsQuery").contains("line.result.restore, line.result.restoreEgress"));
    }

    private static String query(Map<String, Map<String, Object>> queries, String name) {
        return (String) props(queries.get(name)).get("QueryString");
    }

    private JsonNode json() throws Exception {
        String standIns = SUB_VARIABLE
                .matcher(body)
                .replaceAll(r -> r.group(1).equals("ReservedConcurrency")
                        ? "12"
                        : Matcher.quoteReplacement("${" + r.group(1) + "}"));
        return new ObjectMapper().readTree(standIns);
    }

    private List<JsonNode> metrics() throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode widget : json().path("widgets")) {
            widget.path("properties").path("metrics").forEach(out::add);
        }
        return out;
    }
}
