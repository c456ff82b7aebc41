package dev.sgrevoker.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.testing.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a Lambda handler in this JVM as the Java managed runtime would: no-arg constructor, raw event
 * bytes in, a {@link Context}, the response on stdout, Lambda's error shape and exit 1 on failure.
 */
public final class LocalInvoke {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = """
            usage: LocalInvoke --handler CLASS[::METHOD] [--function-name NAME] [--timeout SECONDS]
                               [--memory MB] [--account-id ID] [--drain-queue URL[,URL]] EVENT_FILE|-
            --drain-queue: afterwards, feed what the function sent to this SQS queue back to it in batches of 10,
            as Lambda's event source mapping would, printing each batch's response after the first.
            Defaults come from AWS_LAMBDA_FUNCTION_NAME, AWS_LAMBDA_FUNCTION_MEMORY_SIZE and AWS_REGION,
            else: function name sg-revoker, timeout 3 s (Lambda's default), 128 MB, account 123456789012.""";

    private LocalInvoke() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new HashMap<>();
        String eventArg = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                System.out.println(USAGE);
                return;
            }
            if (a.startsWith("--") && i + 1 < args.length) {
                opts.put(a.substring(2), args[++i]);
            } else if (eventArg == null && !a.startsWith("--")) {
                eventArg = a;
            } else {
                usage("unexpected argument: " + a);
            }
        }
        for (String k : opts.keySet()) {
            if (!java.util.Set.of("handler", "function-name", "timeout", "memory", "account-id", "drain-queue")
                    .contains(k)) {
                usage("unknown option --" + k);
            }
        }
        if (eventArg == null || !opts.containsKey("handler")) usage("need --handler and an event file");
        byte[] event = eventArg.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(eventArg));
        String region = env("AWS_REGION", env("AWS_DEFAULT_REGION", "us-east-1"));
        String name = opts.getOrDefault("function-name", env("AWS_LAMBDA_FUNCTION_NAME", "sg-revoker"));
        int memory = Integer.parseInt(opts.getOrDefault("memory", env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")));
        long timeoutMs = (long) (Double.parseDouble(opts.getOrDefault("timeout", "3")) * 1000);
        String account = opts.getOrDefault("account-id", "123456789012");
        System.exit(new LocalInvoke()
                .run(opts.get("handler"), event, name, region, account, memory, timeoutMs, opts.get("drain-queue")));
    }

    /** Returns the process exit code: 0 when the handler returned, 1 when it threw or timed out. */
    int run(
            String handler,
            byte[] event,
            String name,
            String region,
            String account,
            int memory,
            long timeoutMs,
            String drainQueue) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        // In Lambda the handler's System.out goes to the logs; keep ours for the response alone.
        System.setOut(stderr);
        SecurityHubStandIn securityHub = null;
        if (DemoAccounts.localEndpoint() != null && !"false".equals(System.getenv("UPDATE_FINDINGS"))) {
            try {
                securityHub = SecurityHubStandIn.start();
            } catch (IOException e) {
                stderr.println("no local Security Hub stand-in (" + e + "): finding updates go to the endpoint");
            }
        }
        SharingStandIn sharing = null;
        if (DemoAccounts.localEndpoint() != null && !"false".equals(System.getenv("ANSWER_SHARING"))) {
            try {
                sharing = SharingStandIn.start(DemoAccounts.localEndpoint());
            } catch (IOException e) {
                stderr.println("no local sharing stand-in (" + e + "): groups' sharing is not checked");
            }
        }
        try {
            return run(handler, event, name, region, account, memory, timeoutMs, drainQueue, stdout, stderr);
        } finally {
            if (sharing != null) {
                sharing.close();
            }
            if (securityHub != null) {
                securityHub.print(stderr);
                securityHub.close();
            }
        }
    }

    private int run(
            String handler,
            byte[] event,
            String name,
            String region,
            String account,
            int memory,
            long timeoutMs,
            String drainQueue,
            PrintStream stdout,
            PrintStream stderr) {
        long initStart = System.nanoTime();
        Prepared prepared;
        try {
            prepared = prepare(handler);
        } catch (Throwable t) {
            stderr.println("INIT_ERROR " + t);
            return finish(stdout, stderr, errorShape(t).toString().getBytes(StandardCharsets.UTF_8), null, 1);
        }
        stderr.printf("INIT_REPORT Init Duration: %.2f ms%n", (System.nanoTime() - initStart) / 1e6);
        // Like Lambda, the Timeout countdown starts at the invocation, after init.
        LocalContext context = new LocalContext(name, region, account, memory, timeoutMs, stderr);
        String requestId = context.getAwsRequestId();
        stderr.println("START RequestId: " + requestId + " Version: $LATEST");
        long start = System.nanoTime();
        AtomicReference<byte[]> response = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(
                () -> {
                    try {
                        response.set(prepared.invoke(event, context));
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "lambda-handler");
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(Math.max(1, timeoutMs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String report = String.format(
                "END RequestId: %s%nREPORT RequestId: %s\tDuration: %.2f ms\tMemory Size: %d MB"
                        + "\tMax Memory Used: %d MB",
                requestId, requestId, (System.nanoTime() - start) / 1e6, memory, usedMemoryMb());
        if (worker.isAlive()) {
            ObjectNode timeout = JSON.createObjectNode()
                    .put(
                            "errorMessage",
                            String.format(
                                    "RequestId: %s Error: Task timed out after %.2f seconds",
                                    requestId, timeoutMs / 1000.0))
                    .put("errorType", "Sandbox.Timedout");
            return finish(stdout, stderr, timeout.toString().getBytes(StandardCharsets.UTF_8), report, 1);
        }
        Throwable t = failure.get();
        if (t != null) {
            return finish(stdout, stderr, errorShape(t).toString().getBytes(StandardCharsets.UTF_8), report, 1);
        }
        int code = finish(stdout, stderr, response.get(), report, 0);
        if (drainQueue != null) {
            QueueDrain.drainAll(
                    List.of(drainQueue.split(",")),
                    (batch, ctx) -> prepared.invoke(batch, ctx),
                    () -> new LocalContext(name, region, account, memory, timeoutMs, stderr),
                    stdout,
                    stderr);
        }
        return code;
    }

    private static int finish(PrintStream stdout, PrintStream stderr, byte[] body, String report, int code) {
        if (report != null) stderr.println(report);
        stderr.flush();
        stdout.write(body, 0, body.length);
        if (body.length == 0 || body[body.length - 1] != '\n') stdout.println();
        stdout.flush();
        return code;
    }

    /** A handler after init: class loaded and instance built, ready to be invoked. */
    private record Prepared(Object instance, Method method) {
        byte[] invoke(byte[] event, Context context) throws Throwable {
            try {
                if (instance instanceof RequestStreamHandler h
                        && method.getName().equals("handleRequest")) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    h.handleRequest(new ByteArrayInputStream(event), out, context);
                    return out.toByteArray();
                }
                return invokeReflectively(instance, method, event, context);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private static Prepared prepare(String handler) throws Throwable {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        String methodName = handler.contains("::") ? handler.substring(handler.indexOf("::") + 2) : "handleRequest";
        try {
            Class<?> type = Class.forName(className, true, LocalInvoke.class.getClassLoader());
            Method method = findMethod(type, methodName);
            Object instance = Modifier.isStatic(method.getModifiers())
                    ? null
                    : type.getDeclaredConstructor().newInstance();
            return new Prepared(instance, method);
        } catch (InvocationTargetException | ExceptionInInitializerError e) {
            throw e.getCause();
        }
    }

    // The runtime prefers the public, non-bridge overload with the most parameters.
    private static Method findMethod(Class<?> type, String name) throws NoSuchMethodException {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && !m.isBridge() && m.getParameterCount() <= 3)
                .max(Comparator.comparingInt(Method::getParameterCount))
                .orElseThrow(() -> new NoSuchMethodException("no public method " + name + " in " + type.getName()));
    }

    private static byte[] invokeReflectively(Object instance, Method method, byte[] event, Context context)
            throws Exception {
        Class<?>[] params = method.getParameterTypes();
        Object[] args = new Object[params.length];
        ByteArrayOutputStream out = null;
        for (int i = 0; i < params.length; i++) {
            if (params[i] == InputStream.class) args[i] = new ByteArrayInputStream(event);
            else if (params[i] == OutputStream.class) args[i] = out = new ByteArrayOutputStream();
            else if (params[i] == Context.class) args[i] = context;
            else if (i == 0) args[i] = JSON.readValue(event, JSON.constructType(method.getGenericParameterTypes()[0]));
            else throw new NoSuchMethodException("unsupported handler signature: " + method);
        }
        Object result = method.invoke(instance, args);
        return out != null ? out.toByteArray() : JSON.writeValueAsBytes(result);
    }

    /** Lambda's Java error payload: errorMessage, errorType, stackTrace and the cause chain. */
    static ObjectNode errorShape(Throwable t) {
        ObjectNode node = JSON.createObjectNode();
        node.put("errorMessage", t.getMessage());
        node.put("errorType", t.getClass().getName());
        ArrayNode trace = node.putArray("stackTrace");
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith(LocalInvoke.class.getName())) break;
            trace.add(e.toString());
        }
        if (t.getCause() != null && t.getCause() != t) node.set("cause", errorShape(t.getCause()));
        return node;
    }

    private static long usedMemoryMb() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static void usage(String problem) {
        System.err.println("LocalInvoke: " + problem);
        System.err.println(USAGE);
        System.exit(2);
    }
}
