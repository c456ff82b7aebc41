package dev.sgrevoker.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One moto server per test JVM on a free loopback port. Started on first use, stopped when the test suite ends
 * (JUnit closes it from the root store) or, failing that, at JVM exit.
 */
public final class MotoServer implements AutoCloseable {
    static final String INSTALL_HINT = "moto is needed for the integration tests: pip install 'moto[server]==5.2.1'";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static MotoServer instance;

    private final Process process;
    private final String url;
    private final Path log;

    private MotoServer(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** The running server, started on the first call. */
    public static synchronized MotoServer get() {
        if (instance == null || !instance.process.isAlive()) {
            instance = start();
            MotoServer started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "moto-stop"));
        }
        return instance;
    }

    public String url() {
        return url;
    }

    /** Forgets every resource, so each test starts from moto's fresh state (default VPC included). */
    public void reset() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("moto reset answered HTTP " + r.statusCode() + ": " + r.body());
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static MotoServer start() {
        String python = System.getProperty("moto.python", "python3");
        requireMoto(python);
        int port = freePort();
        Path log = Path.of("target", "moto-" + port + ".log");
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(python, "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            MotoServer server = new MotoServer(p, "http://127.0.0.1:" + port, log);
            server.awaitReady(Duration.ofSeconds(30));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "could not start moto (" + python + "): " + e.getMessage() + ". " + INSTALL_HINT, e);
        }
    }

    private static void requireMoto(String python) {
        try {
            Process check = new ProcessBuilder(python, "-c", "import moto.server")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(check.getInputStream().readAllBytes());
            if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
                throw new IllegalStateException(
                        INSTALL_HINT + " (" + python + " -c 'import moto.server' said: " + out.strip() + ")");
            }
        } catch (IOException e) {
            throw new IllegalStateException(python + " not found. " + INSTALL_HINT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking for moto", e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited with " + process.exitValue() + ": " + logTail());
            }
            try {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create(url + "/moto-api/"))
                                .GET()
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException(
                "moto did not answer " + url + "/moto-api/ within " + timeout + ": " + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("moto did not answer " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
