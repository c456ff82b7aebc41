package dev.sgrevoker.bench;

import com.github.tomakehurst.wiremock.admin.AdminTask;
import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * WireMock extension: EC2's documented request-rate throttling (token buckets per action class) and a fixed latency
 * per call, in front of a --proxy-all to moto. Counters are read and reset at /__admin/throttle/{stats,reset}.
 * Settings (system properties): bench.latencyMs (20), bench.mutating "50:5", bench.describe "100:20".
 */
public final class Ec2Throttle implements StubRequestFilterV2, AdminApiExtension {
    private static final long LATENCY_MS = Long.getLong("bench.latencyMs", 20);
    private static final String ERROR = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>"
            + "<Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors>"
            + "<RequestID>%s</RequestID></Response>";

    private final Bucket mutating = Bucket.parse(System.getProperty("bench.mutating", "50:5"));
    private final Bucket describe = Bucket.parse(System.getProperty("bench.describe", "100:20"));
    private final Map<String, Integer> calls = new TreeMap<>();
    private final Map<String, Integer> throttled = new TreeMap<>();

    @Override
    public String getName() {
        return "ec2-throttle";
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        String action = action(request);
        Bucket bucket = action.startsWith("Describe") ? describe
                : action.equals("RevokeSecurityGroupIngress") || action.equals("AuthorizeSecurityGroupIngress") ? mutating
                : null;
        boolean allowed = bucket == null || bucket.take();
        synchronized (this) {
            calls.merge(action, 1, Integer::sum);
            if (!allowed) {
                throttled.merge(action, 1, Integer::sum);
            }
        }
        sleep(LATENCY_MS); // the fixed per-call latency, paid by throttled calls too, as on the real network
        if (allowed) {
            return RequestFilterAction.continueWith(request);
        }
        return RequestFilterAction.stopWith(ResponseDefinitionBuilder.responseDefinition().withStatus(503)
                .withHeader("Content-Type", "text/xml;charset=UTF-8")
                .withBody(String.format(ERROR, UUID.randomUUID())).build());
    }

    @Override
    public void contributeAdminApiRoutes(Router router) {
        router.add(RequestMethod.GET, "/throttle/stats", (AdminTask) (admin, event, params) -> stats());
        router.add(RequestMethod.POST, "/throttle/reset", (AdminTask) (admin, event, params) -> {
            synchronized (this) {
                calls.clear();
                throttled.clear();
            }
            mutating.refill();
            describe.refill();
            return ResponseDefinition.okEmptyJson();
        });
    }

    private synchronized ResponseDefinition stats() {
        return ResponseDefinition.okForJson(Map.of("calls", new TreeMap<>(calls), "throttled", new TreeMap<>(throttled)));
    }

    /** The query protocol puts Action in the form body (SDKs) or, rarely, in the URL query. */
    static String action(Request request) {
        String body = request.getBodyAsString();
        String query = request.getUrl().contains("?") ? request.getUrl().substring(request.getUrl().indexOf('?') + 1) : "";
        for (String source : new String[] {body == null ? "" : body, query}) {
            for (String pair : source.split("&")) {
                if (pair.startsWith("Action=")) {
                    return URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
                }
            }
        }
        String target = request.getHeader("X-Amz-Target"); // JSON protocols (EventBridge) name the action here
        return target != null ? target.substring(target.indexOf('.') + 1) : "(unknown)";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A token bucket refilled continuously, as EC2 documents its request-rate limits. */
    static final class Bucket {
        private final double capacity;
        private final double perSecond;
        private double tokens;
        private long last = System.nanoTime();

        Bucket(double capacity, double perSecond) {
            this.capacity = capacity;
            this.perSecond = perSecond;
            this.tokens = capacity;
        }

        static Bucket parse(String spec) {
            String[] p = spec.split(":");
            return new Bucket(Double.parseDouble(p[0]), Double.parseDouble(p[1]));
        }

        synchronized boolean take() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized void refill() {
            tokens = capacity;
            last = System.nanoTime();
        }
    }
}
