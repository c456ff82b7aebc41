package dev.sgrevoker.bench;

import com.github.tomakehurst.wiremock.admin.AdminTask;
import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.TreeMap;
import java.util.UUID;

/**
 * WireMock extension: EC2's documented request-rate throttling (token buckets per action class) and a fixed latency
 * per call, in front of a --proxy-all to moto. Counters are read and reset at /__admin/throttle/{stats,reset}.
 * Settings (system properties): bench.latencyMs (20), bench.mutating "50:5", bench.describe "100:20".
 * It also pages DescribeSecurityGroupRules and DescribeSecurityGroups by MaxResults with NextToken, as EC2 does and
 * moto does not: moto's whole answer is kept and served from here, each page as long as its request's MaxResults.
 * With bench.bucketsPer=account-region (bench/org_section.py) each account-region has buckets of its own, as EC2 keeps
 * them: the region from the call's SigV4 scope, the account from moto (GetCallerIdentity with the call's access key,
 * once per key; bench.moto is moto's URL); stats then also count calls and throttling per account-region.
 */
public final class Ec2Throttle implements StubRequestFilterV2, AdminApiExtension, ResponseTransformerV2 {
    private static final Pattern MAX_RESULTS = Pattern.compile("(?:^|&)MaxResults=(\\d+)");
    private static final Pattern NEXT_TOKEN = Pattern.compile("(?:^|&)NextToken=([^&]+)");
    private static final Map<String, String> SETS =
            Map.of("DescribeSecurityGroupRules", "securityGroupRuleSet", "DescribeSecurityGroups", "securityGroupInfo");
    private final Map<String, Rest> pages = new ConcurrentHashMap<>();
    /** When each proxied call went to moto, to add up the time moto took (which EC2 would not). */
    private final Map<java.util.UUID, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<java.util.UUID, String> sentPlace = new ConcurrentHashMap<>();
    private final Map<String, Long> upstreamMicros = new TreeMap<>();
    /** Every call since the last reset: [action, epoch ms at arrival, throttled 0/1, µs in moto], for phase figures. */
    private final List<Object[]> timeline = new ArrayList<>();
    private final Map<java.util.UUID, Object[]> byEvent = new ConcurrentHashMap<>();
    private static final long LATENCY_MS = Long.getLong("bench.latencyMs", 20);
    private static final String ERROR = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>"
            + "<Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors>"
            + "<RequestID>%s</RequestID></Response>";

    private final Bucket mutating = Bucket.parse(System.getProperty("bench.mutating", "50:5"));
    private final Bucket describe = Bucket.parse(System.getProperty("bench.describe", "100:20"));
    private final Map<String, Integer> calls = new TreeMap<>();
    private final Map<String, Integer> throttled = new TreeMap<>();
    private final Places places = "account-region".equals(System.getProperty("bench.bucketsPer"))
            ? new Places(System.getProperty("bench.moto")) : null;

    @Override
    public String getName() {
        return "ec2-throttle";
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        String action = action(request);
        boolean describing = action.startsWith("Describe");
        boolean mutation = action.equals("RevokeSecurityGroupIngress") || action.equals("AuthorizeSecurityGroupIngress");
        String place = places == null ? null : places.of(request);
        Bucket bucket = describing ? (place == null ? describe : places.describe(place))
                : mutation ? (place == null ? mutating : places.mutating(place))
                : null;
        boolean allowed = bucket == null || bucket.take();
        Object[] entry = {action, System.currentTimeMillis(), allowed ? 0 : 1, 0L};
        synchronized (this) {
            calls.merge(action, 1, Integer::sum);
            if (!allowed) {
                throttled.merge(action, 1, Integer::sum);
            }
            if (place != null) {
                places.count(place, action, allowed);
            }
            timeline.add(entry);
        }
        sleep(LATENCY_MS); // the fixed per-call latency, paid by throttled calls too, as on the real network
        if (allowed) {
            Matcher next = NEXT_TOKEN.matcher(body(request));
            Rest rest = SETS.containsKey(action) && next.find() ? pages.remove(next.group(1)) : null;
            if (rest != null) {
                // Each request's own MaxResults, as EC2 pages: a caller may ask for more or fewer than before.
                Matcher max = MAX_RESULTS.matcher(body(request));
                int size = max.find() ? Integer.parseInt(max.group(1)) : rest.items().size();
                return RequestFilterAction.stopWith(ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                        .withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(page(rest, size)).build());
            }
            sentAt.put(serveEvent.getId(), System.nanoTime());
            if (place != null) {
                sentPlace.put(serveEvent.getId(), place);
            }
            byEvent.put(serveEvent.getId(), entry);
            return RequestFilterAction.continueWith(request);
        }
        return RequestFilterAction.stopWith(ResponseDefinitionBuilder.responseDefinition().withStatus(503)
                .withHeader("Content-Type", "text/xml;charset=UTF-8")
                .withBody(String.format(ERROR, UUID.randomUUID())).build());
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    /** What is left of one Describe answer: its XML around the item set, and the items not yet served. */
    private record Rest(String head, String tail, String set, List<String> items) {}

    /** The next {@code size} items as a page; what remains is kept under the page's nextToken. */
    private String page(Rest rest, int size) {
        List<String> items = rest.items();
        String nextToken = "";
        if (items.size() > size) {
            String token = UUID.randomUUID().toString();
            pages.put(token, new Rest(rest.head(), rest.tail(), rest.set(), List.copyOf(items.subList(size, items.size()))));
            nextToken = "<nextToken>" + token + "</nextToken>";
        }
        String closing = "</" + rest.set() + ">";
        return rest.head() + String.join("", items.subList(0, Math.min(size, items.size())))
                + rest.tail().replaceFirst(closing, closing + nextToken);
    }

    /** moto's whole answer to a Describe with MaxResults, cut into pages: the first returned, the rest kept. */
    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String action = action(request);
        Long t0 = sentAt.remove(serveEvent.getId());
        String place = sentPlace.remove(serveEvent.getId());
        Object[] entry = byEvent.remove(serveEvent.getId());
        if (t0 != null) {
            long micros = (System.nanoTime() - t0) / 1000;
            synchronized (this) {
                upstreamMicros.merge(action, micros, Long::sum);
                if (place != null) {
                    places.inMoto(place, micros);
                }
                if (entry != null) {
                    entry[3] = micros;
                }
            }
        }
        String set = SETS.get(action);
        Matcher max = MAX_RESULTS.matcher(body(request));
        if (set == null || response.getStatus() != 200 || !max.find()) {
            return response;
        }
        String xml = response.getBodyAsString();
        int open = xml.indexOf("<" + set + ">");
        int close = xml.lastIndexOf("</" + set + ">");
        if (open < 0 || close < 0) {
            return response;
        }
        List<String> items = topLevelItems(xml.substring(open + set.length() + 2, close));
        int size = Integer.parseInt(max.group(1));
        if (items.size() <= size) {
            return response;
        }
        String first = page(new Rest(xml.substring(0, open + set.length() + 2), xml.substring(close), set, items), size);
        // The proxied length no longer holds for the shorter page: WireMock sets it again from the new body.
        List<HttpHeader> kept = new ArrayList<>();
        for (HttpHeader h : response.getHeaders().all()) {
            if (!h.keyEquals("Content-Length") && !h.keyEquals("Transfer-Encoding")) {
                kept.add(h);
            }
        }
        return Response.Builder.like(response).but().headers(new HttpHeaders(kept)).body(first).build();
    }

    /** The {@code <item>…</item>} children of a set, nested items (tags, permissions) kept inside their parent. */
    static List<String> topLevelItems(String inner) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = -1;
        for (int i = 0; i < inner.length(); ) {
            if (inner.startsWith("<item>", i)) {
                if (depth++ == 0) {
                    start = i;
                }
                i += 6;
            } else if (inner.startsWith("</item>", i)) {
                i += 7;
                if (--depth == 0) {
                    out.add(inner.substring(start, i));
                }
            } else {
                i++;
            }
        }
        return out;
    }

    private static String body(Request request) {
        String b = request.getBodyAsString();
        return b == null ? "" : b;
    }

    @Override
    public void contributeAdminApiRoutes(Router router) {
        router.add(RequestMethod.GET, "/throttle/stats", (AdminTask) (admin, event, params) -> stats());
        router.add(RequestMethod.POST, "/throttle/reset", (AdminTask) (admin, event, params) -> {
            synchronized (this) {
                calls.clear();
                throttled.clear();
                upstreamMicros.clear();
                if (places != null) {
                    places.reset();
                }
                timeline.clear();
            }
            byEvent.clear();
            pages.clear();
            mutating.refill();
            describe.refill();
            return ResponseDefinition.okEmptyJson();
        });
    }

    private synchronized ResponseDefinition stats() {
        Map<String, Object> out = new TreeMap<>(Map.of("calls", new TreeMap<>(calls), "throttled",
                new TreeMap<>(throttled), "upstreamMicros", new TreeMap<>(upstreamMicros),
                "timeline", List.copyOf(timeline)));
        if (places != null) {
            out.put("places", places.stats());
        }
        return ResponseDefinition.okForJson(out);
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

    /** EC2's buckets per account-region, and what each account-region was asked. */
    static final class Places {
        private static final Pattern SCOPE = Pattern.compile("Credential=([^/]+)/\\d{8}/([^/]+)/");
        private final String moto;
        private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        private final Map<String, String> accounts = new ConcurrentHashMap<>();
        private final Map<String, Bucket> mutating = new ConcurrentHashMap<>();
        private final Map<String, Bucket> describe = new ConcurrentHashMap<>();
        private final Map<String, Map<String, Integer>> calls = new TreeMap<>();
        private final Map<String, Map<String, Integer>> throttled = new TreeMap<>();
        private final Map<String, Long> upstreamMicros = new TreeMap<>();

        Places(String moto) {
            this.moto = moto;
        }

        /** "account:region" of a signed call, or "unsigned". */
        String of(Request request) {
            String auth = request.getHeader("Authorization");
            Matcher m = SCOPE.matcher(auth == null ? "" : auth);
            if (!m.find()) {
                return "unsigned";
            }
            return accounts.computeIfAbsent(m.group(1), this::account) + ":" + m.group(2);
        }

        /** moto's account for an access key (an assumed role's key is a member account's), asked once per key. */
        private String account(String accessKey) {
            String body = "Action=GetCallerIdentity&Version=2011-06-15";
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(moto + "/"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey
                            + "/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                    .build();
            try {
                String xml = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = Pattern.compile("<Account>(\\d+)</Account>").matcher(xml);
                return m.find() ? m.group(1) : "unknown";
            } catch (java.io.IOException | InterruptedException e) {
                throw new IllegalStateException("moto did not say whose key " + accessKey + " is", e);
            }
        }

        Bucket mutating(String place) {
            return mutating.computeIfAbsent(place, p -> Bucket.parse(System.getProperty("bench.mutating", "50:5")));
        }

        Bucket describe(String place) {
            return describe.computeIfAbsent(place, p -> Bucket.parse(System.getProperty("bench.describe", "100:20")));
        }

        void count(String place, String action, boolean allowed) {
            calls.computeIfAbsent(place, p -> new TreeMap<>()).merge(action, 1, Integer::sum);
            if (!allowed) {
                throttled.computeIfAbsent(place, p -> new TreeMap<>()).merge(action, 1, Integer::sum);
            }
        }

        void inMoto(String place, long micros) {
            upstreamMicros.merge(place, micros, Long::sum);
        }

        void reset() {
            upstreamMicros.clear();
            calls.clear();
            throttled.clear();
            mutating.values().forEach(Bucket::refill);
            describe.values().forEach(Bucket::refill);
        }

        Map<String, Object> stats() {
            Map<String, Object> out = new TreeMap<>();
            calls.forEach((place, n) -> out.put(place, Map.of("calls", new TreeMap<>(n),
                    "throttled", new TreeMap<>(throttled.getOrDefault(place, Map.of())),
                    "upstreamMicros", upstreamMicros.getOrDefault(place, 0L))));
            return out;
        }
    }
}
