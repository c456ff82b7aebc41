package dev.sgrevoker.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sgrevoker.testing.LocalContext;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The smallest stand-in for the Lambda Java runtime that bench/run needs: builds the handler once (init), then
 * invokes it once per line of stdin (one JSON event a line) and answers each with one line on stdout:
 * {@code RESULT <nanos> <ok|error> <response or error>}. Phase marks go to stderr as
 * {@code MARK <phase> <ms since bench.t0>} where bench.t0 is the driver's clock when it spawned this JVM.
 *
 * <p>With {@code -Dbench.restore=true} (and {@code -Dorg.crac.Core.Compat=dev.sgrevoker.bench.crac}) it stands in
 * for a SnapStart restore after init: a full GC (as may happen before the snapshot), then the function's CRaC hooks
 * through org.crac (beforeCheckpoint = the priming, then afterRestore), then the invocations. Marker classes
 * ({@code BeforeFirstInvocation}, {@code FirstInvocationDone}) split a {@code -Xlog:class+load} log at those points.
 */
public final class BenchInvoke {
    private BenchInvoke() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = Long.getLong("bench.t0", System.currentTimeMillis());
        PrintStream out = System.out;
        PrintStream log = System.err;
        System.setOut(log); // as in Lambda, the handler's stdout is log output, never the response
        mark(log, "main", t0);
        String handlerClass = args[0].contains("::") ? args[0].substring(0, args[0].indexOf("::")) : args[0];
        long timeoutMs = Long.parseLong(args[1]);
        int memoryMb = Integer.parseInt(args[2]);
        Class<?> type = Class.forName(handlerClass, true, BenchInvoke.class.getClassLoader());
        mark(log, "handler-class-initialized", t0);
        RequestStreamHandler handler = (RequestStreamHandler) type.getDeclaredConstructor().newInstance();
        mark(log, "handler-constructed", t0);
        if (Boolean.getBoolean("bench.restore")) {
            System.gc();
            long primeStart = System.nanoTime();
            org.crac.Core.checkpointRestore();
            log.println("PRIMING_NANOS " + (System.nanoTime() - primeStart));
            mark(log, "restored", t0);
        }
        Class.forName("dev.sgrevoker.bench.BenchInvoke$BeforeFirstInvocation", true, BenchInvoke.class.getClassLoader());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            // The countdown starts at the invocation, as in Lambda.
            LocalContext context =
                    new LocalContext("sg-revoker-bench", "us-east-1", "123456789012", memoryMb, timeoutMs, log);
            long start = System.nanoTime();
            String outcome;
            try {
                handler.handleRequest(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), response, context);
                outcome = "ok " + response.toString(StandardCharsets.UTF_8).replace('\n', ' ');
            } catch (Throwable t) {
                outcome = "error " + (t.getClass().getName() + ": " + t.getMessage()).replace('\n', ' ');
            }
            long nanos = System.nanoTime() - start;
            mark(log, "invocation-" + (++n) + "-done", t0);
            if (n == 1) {
                Class.forName("dev.sgrevoker.bench.BenchInvoke$FirstInvocationDone", true, BenchInvoke.class.getClassLoader());
            }
            out.println("RESULT " + nanos + " " + outcome);
            out.flush();
        }
    }

    /** Marker: loaded right before the first invocation (after the restore hooks, if any). */
    static final class BeforeFirstInvocation {}

    /** Marker: loaded right after the first invocation returned. */
    static final class FirstInvocationDone {}

    private static void mark(PrintStream log, String phase, long t0) {
        log.println("MARK " + phase + " " + (System.currentTimeMillis() - t0));
        log.flush();
    }
}
