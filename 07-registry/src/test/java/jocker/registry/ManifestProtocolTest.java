package jocker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jocker.images.MediaTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Manifests straight over HTTP: what a PUT checks, what a DELETE removes. */
@DisplayName("manifests over the distribution API")
class ManifestProtocolTest {

    private TestRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new TestRegistry();
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return registry.send(registry.request(path).header("Accept", MediaTypes.OCI_MANIFEST)
                .header("Accept", MediaTypes.OCI_INDEX).GET());
    }

    @Test
    @DisplayName("a manifest naming a blob the repository lacks is 400 MANIFEST_BLOB_UNKNOWN; nothing is stored")
    void missingBlob() throws Exception {
        OciImages.Image image = OciImages.small("hello");
        registry.pushBlob("lib/bb", image.config()); // the layer is never pushed
        long files = registry.blobCount();
        HttpResponse<String> r = registry.putManifest("lib/bb", "1", image.manifest());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestRegistry.errorCode(r)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
        assertThat(r.body()).contains(image.layer().digest().toString());
        assertThat(registry.blobCount()).isEqualTo(files);
        assertThat(get("/v2/lib/bb/manifests/1").statusCode()).isEqualTo(404);
        assertThat(get("/v2/lib/bb/manifests/" + image.manifest().digest()).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("a manifest PUT by a digest that is not its own is 400 DIGEST_INVALID")
    void wrongDigest() throws Exception {
        OciImages.Image image = OciImages.small("hello");
        registry.pushBlob("lib/bb", image.layer());
        registry.pushBlob("lib/bb", image.config());
        HttpResponse<String> r = registry.putManifest("lib/bb", image.config().digest().toString(), image.manifest());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestRegistry.errorCode(r)).isEqualTo("DIGEST_INVALID");
    }

    @Test
    @DisplayName("a body that is no manifest is 400 MANIFEST_INVALID")
    void notAManifest() throws Exception {
        HttpResponse<String> r = registry.send(registry.request("/v2/lib/bb/manifests/1")
                .header("Content-Type", MediaTypes.OCI_MANIFEST).PUT(HttpRequest.BodyPublishers.ofString("{oops")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestRegistry.errorCode(r)).isEqualTo("MANIFEST_INVALID");
    }

    @Test
    @DisplayName("a digest or tag with an encoded slash is 400 (DIGEST_INVALID, MANIFEST_INVALID), nothing is read")
    void encodedSlashes() throws Exception {
        HttpResponse<String> blob = get("/v2/lib/bb/blobs/sha256:..%2f..%2f..%2fetc%2fpasswd");
        assertThat(blob.statusCode()).isEqualTo(400);
        assertThat(TestRegistry.errorCode(blob)).isEqualTo("DIGEST_INVALID");
        assertThat(blob.body()).doesNotContain("root:");
        HttpResponse<String> manifest = get("/v2/lib/bb/manifests/..%2f..%2fx");
        assertThat(manifest.statusCode()).isEqualTo(400);
        assertThat(TestRegistry.errorCode(manifest)).isEqualTo("MANIFEST_INVALID");
        assertThat(get("/v2/lib/bb/nothing/here").statusCode()).isEqualTo(405);
    }

    @Test
    @DisplayName("a PUT answers 201 with Docker-Content-Digest; by digest the manifest comes back byte for byte")
    void putAndGetByDigest() throws Exception {
        OciImages.Image image = OciImages.small("hello");
        registry.push("lib/bb", "1", image);
        HttpResponse<String> r = registry.send(registry.request("/v2/lib/bb/manifests/" + image.manifest().digest())
                .GET());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(MediaTypes.OCI_MANIFEST);
        assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(image.manifest().digest().toString());
        assertThat(r.body()).isEqualTo(new String(image.manifest().bytes()));
        HttpResponse<String> head = registry.send(registry.request("/v2/lib/bb/manifests/1")
                .header("Accept", MediaTypes.OCI_MANIFEST).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length"))
                .hasValue(String.valueOf(image.manifest().bytes().length));
        assertThat(head.headers().firstValue("Docker-Content-Digest")).hasValue(image.manifest().digest().toString());
        assertThat(head.body()).isEmpty();
    }

    @Test
    @DisplayName("after DELETE of a tag, GET by that tag is 404 MANIFEST_UNKNOWN; the manifest stays by digest")
    void deleteTag() throws Exception {
        OciImages.Image image = OciImages.small("hello");
        registry.push("lib/bb", "1", image);
        assertThat(registry.send(registry.request("/v2/lib/bb/manifests/1").DELETE()).statusCode()).isEqualTo(202);
        HttpResponse<String> r = get("/v2/lib/bb/manifests/1");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(TestRegistry.errorCode(r)).isEqualTo("MANIFEST_UNKNOWN");
        assertThat(get("/v2/lib/bb/manifests/" + image.manifest().digest()).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("after DELETE of a manifest by digest, its tags are gone too")
    void deleteByDigest() throws Exception {
        OciImages.Image image = OciImages.small("hello");
        registry.push("lib/bb", "1", image);
        assertThat(registry.send(registry.request("/v2/lib/bb/manifests/" + image.manifest().digest()).DELETE())
                .statusCode()).isEqualTo(202);
        assertThat(get("/v2/lib/bb/manifests/1").statusCode()).isEqualTo(404);
        assertThat(registry.send(registry.request("/v2/lib/bb/tags/list").GET()).body()).contains("\"tags\":[]");
    }

    @Test
    @DisplayName("an index naming a manifest the repository lacks is 400 MANIFEST_BLOB_UNKNOWN")
    void indexWithMissingChild() throws Exception {
        OciImages.Image image = OciImages.small("hello");
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.put("manifests", List.of(image.manifest().descriptor()));
        OciImages.Blob blob = OciImages.Blob.of(OciImages.JSON.writeValueAsBytes(index), MediaTypes.OCI_INDEX);
        HttpResponse<String> r = registry.putManifest("lib/bb", "multi", blob);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestRegistry.errorCode(r)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
        registry.push("lib/bb", image.manifest().digest().toString(), image);
        assertThat(registry.putManifest("lib/bb", "multi", blob).statusCode()).isEqualTo(201);
    }

    @Test
    @DisplayName("tags/list of a repository never pushed is 404 NAME_UNKNOWN")
    void unknownRepository() throws Exception {
        HttpResponse<String> r = registry.send(registry.request("/v2/lib/none/tags/list").GET());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(TestRegistry.errorCode(r)).isEqualTo("NAME_UNKNOWN");
    }
}
