package jocker.distribution.auth;

import java.io.File;
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
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jocker.course.Await;
import org.junit.jupiter.api.Assumptions;

/**
 * Test support: the real registry, Debian's {@code docker-registry}
 * (distribution 2.8), with htpasswd auth, on a free loopback port, storing
 * under a directory of its own; {@link #close} stops it (by its PID) and
 * removes the directory.
 */
final class DistributionRegistry implements AutoCloseable {

    static final String BINARY = "/usr/bin/docker-registry";

    private final Path dir;
    private final int port;
    private final Process process;

    private DistributionRegistry(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Skips the test, saying why, when distribution is not installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(BINARY)),
                "no " + BINARY + ": install Debian's docker-registry (distribution 2.8)");
    }

    /** Starts distribution with Basic auth against {@code htpasswd}; waits until {@code GET /v2/} answers. */
    static DistributionRegistry start(Path htpasswd) throws Exception {
        assumeInstalled();
        Path dir = Files.createTempDirectory("distribution-");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("config.yml"), String.join("\n",
                "version: 0.1",
                "log:",
                "  level: warn",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("data"),
                "http:",
                "  addr: 127.0.0.1:" + port,
                "auth:",
                "  htpasswd:",
                "    realm: basic-realm",
                "    path: " + htpasswd.toAbsolutePath(),
                ""));
        Process p = new ProcessBuilder(BINARY, "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        DistributionRegistry registry = new DistributionRegistry(dir, port, p);
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest ping = HttpRequest.newBuilder(URI.create("http://" + registry.host() + "/v2/")).build();
            Await.until(Duration.ofSeconds(20), () -> "distribution answering on " + registry.host() + "; its log:\n"
                    + registry.log(), () -> {
                        if (!p.isAlive()) {
                            throw new IllegalStateException("docker-registry exited: " + registry.log());
                        }
                        try {
                            return http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 401;
                        } catch (IOException e) {
                            return false;
                        }
                    });
        } catch (Exception | AssertionError e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** {@code 127.0.0.1:PORT}. */
    String host() {
        return "127.0.0.1:" + port;
    }

    String log() {
        try {
            return Files.readString(dir.resolve("registry.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
