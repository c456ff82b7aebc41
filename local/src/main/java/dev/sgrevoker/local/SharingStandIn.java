package dev.sgrevoker.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two sharing lookups for local runs, which moto 5.2.1 lacks (EC2 answers DescribeSecurityGroupVpcAssociations
 * with a 500, RAM ListResources with a 404): on loopback, RAM's ListResources answers no shared group, and the
 * function's EC2 calls pass through here to the local endpoint, DescribeSecurityGroupVpcAssociations answered with no
 * association. That is what AWS would answer for the demo, which shares nothing; without it every idle group would
 * be "sharing not checked".
 */
final class SharingStandIn implements AutoCloseable {
    static final String EC2_PROPERTY = "aws.endpointUrlEc2";
    static final String RAM_PROPERTY = "aws.endpointUrlRam";
    private static final String ASSOCIATIONS = "Action=DescribeSecurityGroupVpcAssociations";
    /** Headers the JDK's client sets itself and refuses from the caller. */
    private static final Set<String> SET_BY_CLIENT =
            Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final HttpServer server;
    private final AtomicInteger answered = new AtomicInteger();

    private SharingStandIn(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free loopback port, in front of {@code endpoint}, and routes this JVM's EC2 and RAM calls here. */
    static SharingStandIn start(String endpoint) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        SharingStandIn standIn = new SharingStandIn(server);
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        URI target = URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/");
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getPath();
                if (path.equals("/listresources")) {
                    standIn.answered.incrementAndGet();
                    send(exchange, 200, "application/json", "{\"resources\":[]}");
                } else if (new String(body, StandardCharsets.UTF_8).contains(ASSOCIATIONS)) {
                    standIn.answered.incrementAndGet();
                    send(
                            exchange,
                            200,
                            "text/xml",
                            "<DescribeSecurityGroupVpcAssociationsResponse"
                                    + " xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>local</requestId>"
                                    + "<securityGroupVpcAssociationSet/></DescribeSecurityGroupVpcAssociationsResponse>");
                } else {
                    forward(http, target, exchange, body);
                }
            }
        });
        server.start();
        String here = "http://127.0.0.1:" + server.getAddress().getPort();
        System.setProperty(EC2_PROPERTY, here);
        System.setProperty(RAM_PROPERTY, here);
        return standIn;
    }

    private static void forward(HttpClient http, URI target, HttpExchange exchange, byte[] body) throws IOException {
        URI uri = target.resolve(exchange.getRequestURI().getRawPath().substring(1)
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding to " + target, e);
        }
        answer.headers().map().forEach((name, values) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (!n.equals("content-length") && !n.equals("transfer-encoding") && !n.equals("connection")) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
            }
        });
        byte[] bytes = answer.body();
        exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** How many sharing lookups it answered (VPC associations calls and RAM pages). */
    int answered() {
        return answered.get();
    }

    @Override
    public void close() {
        System.clearProperty(EC2_PROPERTY);
        System.clearProperty(RAM_PROPERTY);
        server.stop(0);
    }
}
