package jocker.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import jocker.api.ApiServer;
import jocker.registry.auth.Access;

/**
 * A Jocker registry for one test, in the test's JVM, on a free loopback
 * port, storing under a temporary directory: {@link #close} stops it and
 * removes its files. Requests go straight over HTTP with java.net.http.
 * Public: the client's tests (jocker.distribution) push to it too.
 */
public final class TestRegistry implements AutoCloseable {

    private final Path root;
    private final ApiServer server;
    private final String scheme;
    private HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public TestRegistry() throws IOException {
        this(Access.Options.anonymous(), null, null);
    }

    /** A registry with this access method, and TLS when {@code tlsCert} is not null. */
    public TestRegistry(Access.Options access, Path tlsCert, Path tlsKey) throws IOException {
        this.root = Files.createTempDirectory("jocker-registry-");
        this.scheme = tlsCert != null ? "https" : "http";
        ApiServer started;
        try {
            started = RegistryServer.start(new RegistryServer.Options(new InetSocketAddress("127.0.0.1", 0), root,
                    access, tlsCert, tlsKey), new ApiServer.ApiLog(ApiServer.ApiLog.Level.ERROR,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            delete(root);
            throw e;
        }
        this.server = started;
    }

    /** {@code 127.0.0.1:PORT}, as skopeo and docker name a registry. */
    public String host() {
        return "127.0.0.1:" + server.address().getPort();
    }

    public Path root() {
        return root;
    }

    /** A request to {@code path} ({@code /v2/…}) of this registry. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(scheme + "://" + host() + path)).timeout(Duration.ofSeconds(60));
    }

    /** Sends the requests with {@code client} from now on (one that trusts a test's CA). */
    public void client(HttpClient client) {
        this.http = client;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Pushes a blob in one request ({@code POST …/blobs/uploads/?digest=}); asserts 201. */
    public void pushBlob(String name, OciImages.Blob blob) throws IOException, InterruptedException {
        HttpResponse<String> r = send(request("/v2/" + name + "/blobs/uploads/?digest=" + blob.digest())
                .POST(HttpRequest.BodyPublishers.ofByteArray(blob.bytes())));
        if (r.statusCode() != 201) {
            throw new AssertionError("pushing " + blob.digest() + " to " + name + ": " + r.statusCode() + " "
                    + r.body());
        }
    }

    /** {@code PUT /v2/NAME/manifests/REFERENCE} with the blob's media type as Content-Type. */
    public HttpResponse<String> putManifest(String name, String reference, OciImages.Blob manifest)
            throws IOException, InterruptedException {
        return send(request("/v2/" + name + "/manifests/" + reference).header("Content-Type", manifest.mediaType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes())));
    }

    /** Pushes an image's blobs, then its manifest as {@code reference}; asserts 201. */
    public void push(String name, String reference, OciImages.Image image)
            throws IOException, InterruptedException {
        pushBlob(name, image.layer());
        pushBlob(name, image.config());
        HttpResponse<String> r = putManifest(name, reference, image.manifest());
        if (r.statusCode() != 201) {
            throw new AssertionError("pushing the manifest " + name + ":" + reference + ": " + r.statusCode() + " "
                    + r.body());
        }
    }

    /** The {@code code} of the first error in a registry's error body. */
    public static String errorCode(HttpResponse<String> response) throws IOException {
        return OciImages.JSON.readTree(response.body()).path("errors").path(0).path("code").asText();
    }

    /** Every blob file in the store: what a refused request must not have changed. */
    public long blobCount() throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            delete(root);
        }
    }

    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
