package jocker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import jocker.course.Graded;
import jocker.images.Digest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Chunked uploads straight over HTTP (OCI distribution spec, "Pushing a blob
 * in chunks"): {@code POST} opens a session, each {@code PATCH} appends a
 * chunk that must start where the upload ends, {@code PUT ?digest=} closes it.
 */
@DisplayName("a chunked blob upload")
class ChunkedUploadTest {

    private TestRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new TestRegistry();
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    /** Opens a session; returns its Location. */
    private String open() throws Exception {
        HttpResponse<String> r = registry.send(registry.request("/v2/lib/bb/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.headers().firstValue("Range")).hasValue("0-0");
        assertThat(r.headers().firstValue("Docker-Upload-UUID")).isPresent();
        return r.headers().firstValue("Location").orElseThrow();
    }

    private HttpResponse<String> patch(String location, String range, String chunk) throws Exception {
        HttpRequest.Builder b = registry.request(location).header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(chunk));
        if (range != null) {
            b.header("Content-Range", range);
        }
        return registry.send(b);
    }

    private HttpResponse<String> status(String location) throws Exception {
        return registry.send(registry.request(location).GET());
    }

    private HttpResponse<String> finish(String location, String digest) throws Exception {
        return registry.send(registry.request(location + "?digest=" + digest)
                .PUT(HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    @Graded(exercise = "7.1", points = 4)
    @DisplayName("chunks in order, each with its Content-Range, make the blob whose digest the PUT names")
    void chunksInOrder() throws Exception {
        String location = open();
        HttpResponse<String> first = patch(location, "0-4", "hello");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(first.headers().firstValue("Range")).hasValue("0-4");
        HttpResponse<String> second = patch(location, "5-10", " world");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
        assertThat(second.headers().firstValue("Range")).hasValue("0-10");
        assertThat(status(location).statusCode()).isEqualTo(204);
        assertThat(status(location).headers().firstValue("Range")).hasValue("0-10");

        Digest digest = Digest.of("hello world".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> done = finish(location, digest.toString());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
        assertThat(done.headers().firstValue("Docker-Content-Digest")).hasValue(digest.toString());
        HttpResponse<String> blob = registry.send(registry.request("/v2/lib/bb/blobs/" + digest).GET());
        assertThat(blob.body()).isEqualTo("hello world");
    }

    @Test
    @Graded(exercise = "7.1", points = 4)
    @DisplayName("a chunk that overlaps or leaves a gap is refused with 416 RANGE_INVALID; the upload is unchanged")
    void outOfOrderChunk() throws Exception {
        String location = open();
        assertThat(patch(location, "0-4", "hello").statusCode()).isEqualTo(202);

        HttpResponse<String> overlap = patch(location, "3-7", "lo wo");
        assertThat(overlap.statusCode()).isEqualTo(416);
        assertThat(TestRegistry.errorCode(overlap)).isEqualTo("RANGE_INVALID");
        HttpResponse<String> gap = patch(location, "8-12", "world");
        assertThat(gap.statusCode()).isEqualTo(416);
        assertThat(TestRegistry.errorCode(gap)).isEqualTo("RANGE_INVALID");

        assertThat(status(location).headers().firstValue("Range")).as("the upload still ends at byte 4")
                .hasValue("0-4");
        assertThat(registry.blobCount()).as("no blob stored").isZero();
        assertThat(patch(location, "5-10", " world").statusCode()).isEqualTo(202);
        Digest digest = Digest.of("hello world".getBytes(StandardCharsets.UTF_8));
        assertThat(finish(location, digest.toString()).statusCode()).as("the refused chunks left no trace")
                .isEqualTo(201);
    }

    @Test
    @Graded(exercise = "7.1", points = 2)
    @DisplayName("a Content-Range whose length is not the Content-Length is refused with SIZE_INVALID")
    void rangeLengthMismatch() throws Exception {
        String location = open();
        HttpResponse<String> r = patch(location, "0-9", "hello");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestRegistry.errorCode(r)).isEqualTo("SIZE_INVALID");
        assertThat(status(location).headers().firstValue("Range")).hasValue("0-0");
    }

    @Test
    @DisplayName("a chunk sent with chunked transfer encoding and no length, as dockerd sends it, is appended")
    void chunkedTransferEncoding() throws Exception {
        String location = open();
        byte[] bytes = "streamed without a length".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = registry.send(registry.request(location).method("PATCH",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(r.headers().firstValue("Range")).hasValue("0-" + (bytes.length - 1));
        assertThat(finish(location, Digest.of(bytes).toString()).statusCode()).isEqualTo(201);
    }

    @Test
    @DisplayName("a cancelled session is gone: its status is 404 BLOB_UPLOAD_UNKNOWN")
    void cancel() throws Exception {
        String location = open();
        patch(location, null, "hello");
        assertThat(registry.send(registry.request(location).DELETE()).statusCode()).isEqualTo(204);
        HttpResponse<String> r = status(location);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(TestRegistry.errorCode(r)).isEqualTo("BLOB_UPLOAD_UNKNOWN");
        assertThat(registry.blobCount()).isZero();
    }

    @Test
    @DisplayName("a PUT whose digest does not match is refused with DIGEST_INVALID, and nothing is stored")
    void finishWithWrongDigest() throws Exception {
        String location = open();
        patch(location, null, "hello");
        HttpResponse<String> r = finish(location, Digest.of("other".getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestRegistry.errorCode(r)).isEqualTo("DIGEST_INVALID");
        assertThat(registry.blobCount()).isZero();
        assertThat(status(location).statusCode()).as("the session is dropped").isEqualTo(404);
    }
}
