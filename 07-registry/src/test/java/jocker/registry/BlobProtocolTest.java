package jocker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import jocker.images.Digest;
import jocker.images.MediaTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Blobs straight over HTTP: monolithic uploads, digests, mounts, HEAD, Range, names. */
@DisplayName("blobs over the distribution API")
class BlobProtocolTest {

    private TestRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new TestRegistry();
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    private static OciImages.Blob blob(String text) {
        return OciImages.Blob.of(text.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_LAYER);
    }

    @Test
    @DisplayName("GET /v2/ answers 200 with Docker-Distribution-API-Version: registry/2.0")
    void base() throws Exception {
        HttpResponse<String> r = registry.send(registry.request("/v2/").GET());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
    }

    @Test
    @DisplayName("a monolithic upload (POST ?digest=) stores the blob: 201, Location, Docker-Content-Digest")
    void monolithic() throws Exception {
        OciImages.Blob blob = blob("one request");
        HttpResponse<String> r = registry.send(registry.request("/v2/lib/bb/blobs/uploads/?digest=" + blob.digest())
                .POST(HttpRequest.BodyPublishers.ofByteArray(blob.bytes())));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("Location")).hasValue("/v2/lib/bb/blobs/" + blob.digest());
        assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(blob.digest().toString());
        HttpResponse<byte[]> got = registry.sendForBytes(registry.request("/v2/lib/bb/blobs/" + blob.digest()).GET());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(Digest.of(got.body())).isEqualTo(blob.digest());
    }

    @Test
    @DisplayName("a monolithic upload whose bytes do not match its digest is 400 DIGEST_INVALID; nothing is stored")
    void digestMismatch() throws Exception {
        OciImages.Blob claimed = blob("what the digest says");
        HttpResponse<String> r = registry.send(registry.request("/v2/lib/bb/blobs/uploads/?digest=" + claimed.digest())
                .POST(HttpRequest.BodyPublishers.ofString("something else")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestRegistry.errorCode(r)).isEqualTo("DIGEST_INVALID");
        assertThat(registry.blobCount()).isZero();
        assertThat(registry.send(registry.request("/v2/lib/bb/blobs/" + claimed.digest()).method("HEAD",
                HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(404);
        try (var uploads = java.nio.file.Files.list(registry.root().resolve("_uploads"))) {
            assertThat(uploads).as("no session left behind").isEmpty();
        }
    }

    @Test
    @DisplayName("a malformed digest is 400 DIGEST_INVALID")
    void malformedDigest() throws Exception {
        HttpResponse<String> r = registry.send(registry.request("/v2/lib/bb/blobs/sha256:abc").GET());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestRegistry.errorCode(r)).isEqualTo("DIGEST_INVALID");
    }

    @Test
    @DisplayName("HEAD of a blob gives its Content-Length and digest and no body; an unknown one 404 BLOB_UNKNOWN")
    void head() throws Exception {
        OciImages.Blob blob = blob("twelve bytes");
        registry.pushBlob("lib/bb", blob);
        HttpResponse<String> r = registry.send(registry.request("/v2/lib/bb/blobs/" + blob.digest())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Length")).hasValue("12");
        assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(blob.digest().toString());
        assertThat(r.body()).isEmpty();
        HttpResponse<String> other = registry.send(registry.request("/v2/lib/other/blobs/" + blob.digest()).GET());
        assertThat(other.statusCode()).as("the blob is lib/bb's, not lib/other's").isEqualTo(404);
        assertThat(TestRegistry.errorCode(other)).isEqualTo("BLOB_UNKNOWN");
    }

    @Test
    @DisplayName("a Range GET answers 206 with the bytes asked for and Content-Range; one past the end 416")
    void range() throws Exception {
        OciImages.Blob blob = blob("0123456789");
        registry.pushBlob("lib/bb", blob);
        HttpResponse<String> r = registry.send(registry.request("/v2/lib/bb/blobs/" + blob.digest())
                .header("Range", "bytes=2-5").GET());
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEqualTo("2345");
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 2-5/10");
        HttpResponse<String> tail = registry.send(registry.request("/v2/lib/bb/blobs/" + blob.digest())
                .header("Range", "bytes=7-").GET());
        assertThat(tail.body()).isEqualTo("789");
        HttpResponse<String> past = registry.send(registry.request("/v2/lib/bb/blobs/" + blob.digest())
                .header("Range", "bytes=10-12").GET());
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */10");
    }

    @Test
    @DisplayName("a cross-repository mount links a blob the other repository has (201), else starts an upload (202)")
    void mount() throws Exception {
        OciImages.Blob blob = blob("shared layer");
        registry.pushBlob("lib/a", blob);
        long files = registry.blobCount();
        HttpResponse<String> r = registry.send(registry.request("/v2/team/b/blobs/uploads/?mount=" + blob.digest()
                + "&from=lib/a").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(blob.digest().toString());
        assertThat(registry.send(registry.request("/v2/team/b/blobs/" + blob.digest()).GET()).body())
                .isEqualTo("shared layer");
        assertThat(registry.blobCount()).as("stored once, shared").isEqualTo(files);

        HttpResponse<String> missing = registry.send(registry.request("/v2/team/c/blobs/uploads/?mount="
                + blob("not there").digest() + "&from=lib/a").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(missing.statusCode()).isEqualTo(202);
        assertThat(missing.headers().firstValue("Location")).hasValueSatisfying(l ->
                assertThat(l).startsWith("/v2/team/c/blobs/uploads/"));
    }

    @Test
    @DisplayName("DELETE of a blob takes it out of the repository: 202, then 404")
    void delete() throws Exception {
        OciImages.Blob blob = blob("to delete");
        registry.pushBlob("lib/bb", blob);
        assertThat(registry.send(registry.request("/v2/lib/bb/blobs/" + blob.digest()).DELETE()).statusCode())
                .isEqualTo(202);
        assertThat(registry.send(registry.request("/v2/lib/bb/blobs/" + blob.digest()).GET()).statusCode())
                .isEqualTo(404);
    }

    @Test
    @DisplayName("a repository name with capitals or '..' is 400 NAME_INVALID")
    void badName() throws Exception {
        for (String name : new String[] {"Lib/bb", "lib/../etc", "lib//bb", "_uploads"}) {
            HttpResponse<String> r = registry.send(registry.request("/v2/" + name + "/tags/list").GET());
            assertThat(r.statusCode()).as(name).isEqualTo(400);
            assertThat(TestRegistry.errorCode(r)).as(name).isEqualTo("NAME_INVALID");
        }
    }
}
