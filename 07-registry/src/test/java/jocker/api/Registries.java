package jocker.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jocker.course.Await;
import jocker.registry.RegistryServer;
import jocker.registry.auth.Access;

/**
 * Test support: a registry on a free loopback port (Jocker's in this JVM,
 * or distribution 2.8 in a process of its own), stopped and its storage
 * removed by {@link Registry#close()}; and what the tests ask a registry
 * straight over HTTP.
 */
final class Registries {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The manifest media types a client accepts, as skopeo sends them. */
    static final String ACCEPT = String.join(", ", "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");

    private Registries() {
    }

    /** A running registry: {@code 127.0.0.1:PORT}, what stops it, and its directory. */
    record Registry(String host, AutoCloseable running, Path dir) implements AutoCloseable {

        @Override
        public void close() throws Exception {
            running.close();
            deleteTree(dir);
        }
    }

    /** Jocker's registry ({@code jocker registry serve}), anonymous, in this JVM, storing under {@code dir}. */
    static Registry jocker(Path dir) throws Exception {
        return jocker(dir, Access.Options.anonymous());
    }

    /** Jocker's registry with {@code access} ({@code --htpasswd}, {@code --token-realm}). */
    static Registry jocker(Path dir, Access.Options access) throws Exception {
        Files.createDirectories(dir);
        ApiServer server = RegistryServer.start(new RegistryServer.Options(new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 0), dir.resolve("data"), access, null, null),
                new ApiServer.ApiLog(ApiServer.ApiLog.Level.WARN, System.err));
        return new Registry("127.0.0.1:" + server.address().getPort(), server::close, dir);
    }

    /** Distribution 2.8, Debian's {@code docker-registry}, storing under {@code dir}; skipped when not installed. */
    static Registry distribution(Path dir) throws Exception {
        Jockerd.assumeOnPath("docker-registry", "install Debian's docker-registry (distribution 2.8)");
        int port = freePort();
        Files.createDirectories(dir);
        Path config = dir.resolve("config.yml");
        Files.writeString(config, String.join("\n", "version: 0.1", "log:", "  level: warn", "storage:",
                "  filesystem:", "    rootdirectory: " + dir.resolve("data"), "  delete:", "    enabled: true",
                "http:", "  addr: 127.0.0.1:" + port, ""));
        Process p = new ProcessBuilder("docker-registry", "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("registry.log").toFile())).start();
        Registry registry = new Registry("127.0.0.1:" + port, () -> stop(p), dir);
        try {
            Await.until(Duration.ofSeconds(20), () -> "distribution answering on " + registry.host()
                    + "; its log:\n" + read(dir.resolve("registry.log")), () -> {
                        if (!p.isAlive()) {
                            throw new IllegalStateException("docker-registry exited with " + p.exitValue());
                        }
                        try {
                            return status("HEAD", "http://" + registry.host() + "/v2/") == 200;
                        } catch (java.net.ConnectException notYet) {
                            return false;
                        }
                    });
        } catch (Exception | AssertionError e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    /** A loopback port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Copies the image {@code ref} of the OCI layout {@code layout} to {@code docker://target}, with skopeo. */
    static void skopeoCopy(Path layout, String ref, String target) throws Exception {
        Jockerd.assumeOnPath("skopeo", "install Debian's skopeo");
        Process p = new ProcessBuilder("skopeo", "copy", "--dest-tls-verify=false", "oci:" + layout + ":" + ref,
                "docker://" + target).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError("skopeo copy to " + target + " failed:\n" + out);
        }
    }

    /** The status of {@code method url} (no body), with the manifest types accepted. */
    static int status(String method, String url) throws IOException, InterruptedException {
        return send(method, url).statusCode();
    }

    /** {@code method url}, with the manifest types accepted; its answer. */
    static HttpResponse<byte[]> send(String method, String url) throws IOException, InterruptedException {
        return send(method, url, null);
    }

    /** The same with an {@code Authorization} header, unless it is null. */
    static HttpResponse<byte[]> send(String method, String url, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", ACCEPT)
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
