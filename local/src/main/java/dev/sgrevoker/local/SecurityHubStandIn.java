package dev.sgrevoker.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Security Hub for local runs: moto does not implement BatchUpdateFindings (it answers 404), so against a local
 * endpoint the function's notes come here instead (aws.endpointUrlSecurityHub), on loopback. It takes every finding
 * (nothing in UnprocessedFindings), keeps each call, and {@link #print}s the notes after the invocation.
 */
final class SecurityHubStandIn implements AutoCloseable {
    /** The SDK setting the function's Security Hub calls read their endpoint from. */
    static final String ENDPOINT_PROPERTY = "aws.endpointUrlSecurityHub";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> calls = new CopyOnWriteArrayList<>();

    private SecurityHubStandIn(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free loopback port and routes this JVM's Security Hub calls to it. */
    static SecurityHubStandIn start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        SecurityHubStandIn standIn = new SecurityHubStandIn(server);
        server.createContext("/", exchange -> {
            byte[] answer;
            int status;
            try (exchange) {
                boolean ours = exchange.getRequestMethod().equals("PATCH")
                        && exchange.getRequestURI().getPath().equals("/findings/batchupdate");
                if (ours) {
                    JsonNode call = JSON.readTree(exchange.getRequestBody());
                    standIn.calls.add(call);
                    ObjectNode taken = JSON.createObjectNode();
                    taken.set("ProcessedFindings", call.path("FindingIdentifiers"));
                    taken.putArray("UnprocessedFindings");
                    answer = JSON.writeValueAsBytes(taken);
                    status = 200;
                } else {
                    answer = "{\"Message\":\"the local Security Hub stand-in knows only BatchUpdateFindings\"}"
                            .getBytes(StandardCharsets.UTF_8);
                    status = 404;
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
        System.setProperty(
                ENDPOINT_PROPERTY, "http://127.0.0.1:" + server.getAddress().getPort());
        return standIn;
    }

    /** Each finding update the function sent: its workflow (or unchanged), the findings, the note. */
    void print(PrintStream out) {
        if (calls.isEmpty()) {
            return;
        }
        out.println("finding updates (BatchUpdateFindings, taken by the local Security Hub stand-in: moto lacks it):");
        for (JsonNode call : calls) {
            String workflow = call.path("Workflow").path("Status").asText("workflow unchanged");
            call.path("FindingIdentifiers")
                    .forEach(f ->
                            out.println("  " + workflow + " " + f.path("Id").asText()));
            out.println("    note by " + call.path("Note").path("UpdatedBy").asText() + ": "
                    + TerminalText.clean(call.path("Note").path("Text").asText()));
        }
    }

    @Override
    public void close() {
        System.clearProperty(ENDPOINT_PROPERTY);
        server.stop(0);
    }
}
