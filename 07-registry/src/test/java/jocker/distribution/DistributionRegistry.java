package jocker.distribution;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
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

/**
 * The real peer: distribution 2.8 (Debian's {@code docker-registry}), on a
 * free loopback port, with its own storage in a temporary directory;
 * stopped, and its directory removed, on close. A test without it is skipped.
 */
public final class DistributionRegistry implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Path dir;
    private final Process process;
    private final String domain;

    private DistributionRegistry(Path dir, Process process, String domain) {
        this.dir = dir;
        this.process = process;
        this.domain = domain;
    }

    /** Skips the calling test, saying why, where distribution 2.8 is not installed. */
    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BINARY), "requires distribution 2.8 (apt install docker-registry)");
    }

    /** Starts one; {@code htpasswd} (a bcrypt file) turns on basic auth when not null. */
    public static DistributionRegistry start(Path htpasswd) throws Exception {
        return start(htpasswd, null, null);
    }

    /** Starts one that speaks HTTPS with {@code cert} and {@code key} (PEM) when they are not null. */
    public static DistributionRegistry start(Path htpasswd, Path cert, Path key) throws Exception {
        assumeInstalled();
        Path dir = Files.createTempDirectory("jocker-distribution");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String config = "version: 0.1\n"
                + "log:\n  level: warn\n"
                + "storage:\n  filesystem:\n    rootdirectory: " + dir.resolve("storage") + "\n"
                + "  delete:\n    enabled: true\n"
                + "http:\n  addr: 127.0.0.1:" + port + "\n"
                + (cert == null ? "" : "  tls:\n    certificate: " + cert + "\n    key: " + key + "\n")
                + (htpasswd == null ? "" : "auth:\n  htpasswd:\n    realm: jocker-test\n    path: " + htpasswd + "\n");
        Files.writeString(dir.resolve("config.yml"), config);
        Process p = new ProcessBuilder(BINARY.toString(), "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        DistributionRegistry registry = new DistributionRegistry(dir, p, "127.0.0.1:" + port);
        try {
            registry.awaitUp(cert != null);
        } catch (Exception e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** {@code 127.0.0.1:PORT}, as references name it. */
    public String domain() {
        return domain;
    }

    /** Where it keeps its blobs: {@code docker/registry/v2/blobs/sha256/<2 hex>/<hex>/data}. */
    Path blobData(String hex) {
        return dir.resolve("storage/docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex)
                .resolve("data");
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("registry.log"));
    }

    private void awaitUp(boolean tls) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                if (tls) {
                    new java.net.Socket(java.net.InetAddress.getLoopbackAddress(),
                            Integer.parseInt(domain.substring(domain.indexOf(':') + 1))).close();
                    return;
                }
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://" + domain + "/v2/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200 || r.statusCode() == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("docker-registry did not start: " + log());
            }
            Thread.sleep(50);
        }
    }

    /** The registry's answer to {@code HEAD /v2/<repo>/manifests/<ref>}: its {@code Docker-Content-Digest}. */
    String manifestDigest(String repository, String ref) throws Exception {
        HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + domain + "/v2/" + repository + "/manifests/" + ref))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", ManifestFetch.ACCEPT).build(), HttpResponse.BodyHandlers.discarding());
        return r.statusCode() == 200 ? r.headers().firstValue("Docker-Content-Digest").orElse(null) : null;
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
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
