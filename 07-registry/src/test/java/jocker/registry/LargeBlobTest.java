package jocker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import jocker.images.Digest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry streams: a 1 GiB blob pushed and pulled through a registry
 * whose JVM has a 64 MiB heap ({@code -Xmx64m}). A registry that held a
 * blob in memory would die of OutOfMemoryError at the first 64 MiB.
 */
@DisplayName("a 1 GiB blob through a registry with a 64 MiB heap")
class LargeBlobTest {

    static final long SIZE = 1L << 30;

    @TempDir
    Path tmp;

    private Process registry;

    @AfterEach
    void stop() throws Exception {
        if (registry != null) {
            registry.destroy();
            if (!registry.waitFor(10, TimeUnit.SECONDS)) {
                registry.destroyForcibly().waitFor();
            }
        }
    }

    /** Writes {@code SIZE} bytes of noise to {@code file} (one random MiB, numbered); returns their digest. */
    private static Digest noise(Path file) throws IOException {
        MessageDigest sha256 = Digest.sha256();
        byte[] block = new byte[1 << 20];
        new Random(7).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < SIZE; written += block.length) {
                java.nio.ByteBuffer.wrap(block).putLong(written); // no two MiB alike
                sha256.update(block);
                out.write(block);
            }
        }
        return Digest.of(sha256);
    }

    private static Digest digest(Path file) throws IOException {
        MessageDigest sha256 = Digest.sha256();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
            }
        }
        return Digest.of(sha256);
    }

    @Test
    @DisplayName("pushed in a PATCH and pulled back, the blob keeps its digest and the registry its 64 MiB heap")
    void streams() throws Exception {
        Assumptions.assumeTrue(tmp.toFile().getUsableSpace() > 4 * SIZE, "needs 4 GiB free in " + tmp);
        Path blob = tmp.resolve("blob");
        Digest digest = noise(blob);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = tmp.resolve("registry.log");
        registry = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                "jocker.cli.RegistryMain", "serve", "--addr", "127.0.0.1:0", "--root",
                tmp.resolve("root").toString())).redirectError(log.toFile()).start();
        String line = new BufferedReader(new InputStreamReader(registry.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(line).as(Files.exists(log) ? Files.readString(log) : "").startsWith("listening on ");
        String base = "http://" + line.substring("listening on ".length()).trim();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> open = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/big/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(open.statusCode()).isEqualTo(202);
        URI session = URI.create(base + open.headers().firstValue("Location").orElseThrow());
        long pushStart = System.nanoTime();
        HttpResponse<String> patch = http.send(HttpRequest.newBuilder(session).timeout(Duration.ofMinutes(5))
                .method("PATCH", HttpRequest.BodyPublishers.ofFile(blob)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(patch.statusCode()).as(patch.body()).isEqualTo(202);
        assertThat(patch.headers().firstValue("Range")).hasValue("0-" + (SIZE - 1));
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(session + "?digest=" + digest))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);

        long pushed = System.nanoTime() - pushStart;
        Path back = tmp.resolve("back");
        long pullStart = System.nanoTime();
        HttpResponse<Path> get = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/big/blobs/" + digest))
                .timeout(Duration.ofMinutes(5)).GET().build(), HttpResponse.BodyHandlers.ofFile(back));
        long pulled = System.nanoTime() - pullStart;
        System.out.printf("1 GiB pushed in %d ms, pulled in %d ms (registry at -Xmx64m)%n", pushed / 1_000_000,
                pulled / 1_000_000);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Content-Length")).hasValue(String.valueOf(SIZE));
        Files.delete(blob);
        assertThat(digest(back)).isEqualTo(digest);
        assertThat(registry.isAlive()).as("the registry is still up").isTrue();
        assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
    }
}
