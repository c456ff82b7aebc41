package dev.sgrevoker.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WireMock in front of moto: everything is proxied to moto unless a test stub (higher priority) answers first, and
 * every request is journaled. Only the service a test routes here (via the SDK's service endpoint property) passes.
 */
public final class FaultProxy implements AutoCloseable {
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z0-9]+)");
    private static final int PROXY_PRIORITY = 100;

    private final WireMockServer server;
    private final String motoUrl;

    private FaultProxy(WireMockServer server, String motoUrl) {
        this.server = server;
        this.motoUrl = motoUrl;
    }

    public static FaultProxy start(MotoServer moto, Extension... extensions) {
        WireMockServer server = new WireMockServer(options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(8)
                .extensions(extensions));
        server.start();
        FaultProxy proxy = new FaultProxy(server, moto.url());
        server.stubFor(any(anyUrl()).atPriority(PROXY_PRIORITY).willReturn(proxy.toMoto()));
        return proxy;
    }

    public String url() {
        return server.baseUrl();
    }

    public WireMockServer wireMock() {
        return server;
    }

    /** Sends the handler's EC2 calls through this proxy (read when the handler builds its client). */
    public void routeEc2() {
        System.setProperty(MotoExtension.EC2_ENDPOINT, url());
    }

    public void routeEventBridge() {
        System.setProperty(MotoExtension.EVENTBRIDGE_ENDPOINT, url());
    }

    /**
     * Sends the handler's Security Hub calls here, to a recording stand-in: moto does not implement
     * BatchUpdateFindings (it answers 404). The stand-in answers every call as Security Hub does when it took every
     * finding (nothing in UnprocessedFindings); a test stub of higher priority may answer otherwise.
     */
    public void standInForSecurityHub() {
        System.setProperty(MotoExtension.SECURITYHUB_ENDPOINT, url());
        server.stubFor(batchUpdateFindings()
                .atPriority(PROXY_PRIORITY - 1)
                .willReturn(securityHubJson("{\"ProcessedFindings\":[],\"UnprocessedFindings\":[]}")));
    }

    /**
     * Sends the handler's AWS RAM calls here: moto has no ListResources (it answers 404). Nothing answers them until
     * a test stubs {@link #listResources()}; unstubbed they go on to moto, as without the proxy.
     */
    public void routeRam() {
        System.setProperty(MotoExtension.RAM_ENDPOINT, url());
    }

    /** AWS RAM's ListResources: POST /listresources with a JSON body (REST-JSON). */
    public static MappingBuilder listResources() {
        return post(urlEqualTo("/listresources"));
    }

    /** The ListResources calls received, oldest first. */
    public List<LoggedRequest> ramCalls() {
        return requests().stream()
                .filter(r -> r.getUrl().equals("/listresources"))
                .toList();
    }

    /** Security Hub's BatchUpdateFindings: PATCH /findings/batchupdate with a JSON body. */
    public static MappingBuilder batchUpdateFindings() {
        return patch(urlEqualTo("/findings/batchupdate"));
    }

    public static ResponseDefinitionBuilder securityHubJson(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** The BatchUpdateFindings calls received, oldest first. */
    public List<LoggedRequest> findingUpdates() {
        return requests().stream()
                .filter(r -> "PATCH".equals(r.getMethod().value()) && r.getUrl().equals("/findings/batchupdate"))
                .toList();
    }

    public StubMapping stub(MappingBuilder mapping) {
        return server.stubFor(mapping);
    }

    public ResponseDefinitionBuilder toMoto() {
        return aResponse().proxiedFrom(motoUrl);
    }

    /** An EC2 query-protocol call: a form POST naming the Action. */
    public static MappingBuilder ec2(String action) {
        return post(anyUrl()).withRequestBody(matching("(?s)(.*&)?Action=" + action + "(&.*)?"));
    }

    /** EventBridge speaks JSON 1.1: the operation is in the X-Amz-Target header. */
    public static MappingBuilder putEvents() {
        return post(anyUrl()).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"));
    }

    /** EC2's XML error document, as EC2 sends it. */
    public static ResponseDefinitionBuilder ec2Error(int status, String code, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "text/xml;charset=UTF-8")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code
                        + "</Code><Message>" + message
                        + "</Message></Error></Errors><RequestID>x</RequestID></Response>");
    }

    public static ResponseDefinitionBuilder eventBridgeJson(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(body);
    }

    /** Every request received, oldest first. */
    public List<LoggedRequest> requests() {
        List<LoggedRequest> all = new ArrayList<>(
                server.getAllServeEvents().stream().map(ServeEvent::getRequest).toList());
        Collections.reverse(all);
        return all;
    }

    /** The EC2 actions received, oldest first. */
    public List<String> ec2Actions() {
        List<String> actions = new ArrayList<>();
        for (LoggedRequest r : requests()) {
            Matcher m = ACTION.matcher(r.getBodyAsString());
            if (m.find()) {
                actions.add(m.group(1));
            }
        }
        return actions;
    }

    /** The form bodies of the EC2 calls of this action, oldest first. */
    public List<String> ec2Bodies(String action) {
        return requests().stream()
                .map(LoggedRequest::getBodyAsString)
                .filter(b -> {
                    Matcher m = ACTION.matcher(b);
                    return m.find() && m.group(1).equals(action);
                })
                .toList();
    }

    /** The values of the indexed form parameter {@code name.1}, {@code name.2}, ... of one EC2 call. */
    public static List<String> formList(String body, String name) {
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("(?:^|&)" + Pattern.quote(name) + "\\.\\d+=([^&]*)")
                .matcher(body);
        while (m.find()) {
            values.add(java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return values;
    }

    public long putEventsCalls() {
        return requests().stream()
                .filter(r -> "AWSEvents.PutEvents".equals(r.getHeader("X-Amz-Target")))
                .count();
    }

    @Override
    public void close() {
        System.clearProperty(MotoExtension.EC2_ENDPOINT);
        System.clearProperty(MotoExtension.EVENTBRIDGE_ENDPOINT);
        System.clearProperty(MotoExtension.SECURITYHUB_ENDPOINT);
        System.clearProperty(MotoExtension.RAM_ENDPOINT);
        server.stop();
    }
}
