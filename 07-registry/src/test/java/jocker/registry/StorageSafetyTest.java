package jocker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jocker.images.Digest;
import jocker.images.MediaTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the storage promises: a cut upload leaves no blob, and pushes of one blob at once all succeed. */
@DisplayName("the registry's storage under stress")
class StorageSafetyTest {

    private TestRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new TestRegistry();
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    private long filesIn(String dir) throws Exception {
        try (var files = Files.walk(registry.root().resolve(dir))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    @DisplayName("an upload cut off halfway leaves no blob, no session and no temporary file")
    void interruptedUpload() throws Exception {
        byte[] bytes = new byte[1 << 20];
        new Random(1).nextBytes(bytes);
        Digest digest = Digest.of(bytes);
        int port = Integer.parseInt(registry.host().split(":")[1]);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v2/lib/bb/blobs/uploads/?digest=" + digest + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
        }
        HttpResponse<String> head = null;
        for (int i = 0; i < 50; i++) { // the registry notices the cut connection soon after
            Thread.sleep(100);
            head = registry.send(registry.request("/v2/lib/bb/blobs/" + digest).method("HEAD",
                    HttpRequest.BodyPublishers.noBody()));
            if (filesIn("_uploads") == 0) {
                break;
            }
        }
        assertThat(head.statusCode()).isEqualTo(404);
        assertThat(registry.blobCount()).isZero();
        assertThat(filesIn("_uploads")).isZero();
        assertThat(filesIn("_tmp")).isZero();
    }

    @Test
    @DisplayName("eight pushes of the same blob at once all succeed and store it once, intact")
    void concurrentPushes() throws Exception {
        byte[] bytes = new byte[4 << 20];
        new Random(2).nextBytes(bytes);
        OciImages.Blob blob = OciImages.Blob.of(bytes, MediaTypes.OCI_LAYER);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> pushes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "lib/repo" + i;
                pushes.add(pool.submit(() -> {
                    HttpResponse<String> open = registry.send(registry.request("/v2/" + name + "/blobs/uploads/")
                            .POST(HttpRequest.BodyPublishers.noBody()));
                    String location = open.headers().firstValue("Location").orElseThrow();
                    registry.send(registry.request(location).method("PATCH",
                            HttpRequest.BodyPublishers.ofByteArray(bytes)));
                    return registry.send(registry.request(location + "?digest=" + blob.digest())
                            .PUT(HttpRequest.BodyPublishers.noBody())).statusCode();
                }));
            }
            for (Future<Integer> push : pushes) {
                assertThat(push.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.blobCount()).isEqualTo(1);
        HttpResponse<byte[]> got = registry.sendForBytes(registry.request("/v2/lib/repo5/blobs/" + blob.digest())
                .GET());
        assertThat(Digest.of(got.body())).isEqualTo(blob.digest());
        assertThat(filesIn("_uploads")).isZero();
        assertThat(filesIn("_tmp")).isZero();
    }
}
