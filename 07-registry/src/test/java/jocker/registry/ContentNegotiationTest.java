package jocker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import jocker.course.Graded;
import jocker.images.MediaTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Which manifest a GET by tag gets, given its Accept headers: the stored one
 * when its media type is listed, else 404 MANIFEST_UNKNOWN (distribution
 * 2.8's answer to an OCI manifest asked for with Docker's types only,
 * checked against it by hand); nothing is converted.
 */
@DisplayName("manifest content negotiation")
class ContentNegotiationTest {

    /** What skopeo sends when it pulls. */
    static final String[] SKOPEO_ACCEPTS = {MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX,
        "application/vnd.docker.distribution.manifest.v2+json", MediaTypes.DOCKER_MANIFEST_LIST,
        "application/vnd.docker.distribution.manifest.v1+prettyjws",
        "application/vnd.docker.distribution.manifest.v1+json"};

    private TestRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new TestRegistry();
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    private HttpResponse<String> get(String path, String... accepts) throws Exception {
        HttpRequest.Builder b = registry.request(path).GET();
        for (String accept : accepts) {
            b.header("Accept", accept);
        }
        return registry.send(b);
    }

    /** The image's manifest rewritten with Docker's media types (as docker push writes it). */
    private static OciImages.Blob dockerManifest(OciImages.Image image) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", 2);
        m.put("mediaType", MediaTypes.DOCKER_MANIFEST);
        Map<String, Object> config = new LinkedHashMap<>(image.config().descriptor());
        config.put("mediaType", MediaTypes.DOCKER_CONFIG);
        Map<String, Object> layer = new LinkedHashMap<>(image.layer().descriptor());
        layer.put("mediaType", MediaTypes.DOCKER_LAYER_GZIP);
        m.put("config", config);
        m.put("layers", java.util.List.of(layer));
        return OciImages.Blob.of(OciImages.JSON.writeValueAsBytes(m), MediaTypes.DOCKER_MANIFEST);
    }

    @Test
    @Graded(exercise = "7.3", points = 3)
    @DisplayName("by tag, with the six types skopeo accepts (one header each), the OCI manifest is served as it is")
    void skopeoAccepts() throws Exception {
        OciImages.Image image = OciImages.small("hi");
        registry.push("lib/bb", "1", image);
        HttpResponse<String> r = get("/v2/lib/bb/manifests/1", SKOPEO_ACCEPTS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(MediaTypes.OCI_MANIFEST);
        assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(image.manifest().digest().toString());
        assertThat(r.body()).isEqualTo(new String(image.manifest().bytes()));
    }

    @Test
    @Graded(exercise = "7.3", points = 2)
    @DisplayName("by tag, types listed in one comma-separated header with parameters (;q=0.5) count")
    void commaSeparatedWithParameters() throws Exception {
        OciImages.Image image = OciImages.small("hi");
        registry.push("lib/bb", "1", image);
        HttpResponse<String> r = get("/v2/lib/bb/manifests/1", MediaTypes.DOCKER_MANIFEST + ", "
                + MediaTypes.OCI_MANIFEST + ";q=0.5");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(MediaTypes.OCI_MANIFEST);
    }

    @Test
    @Graded(exercise = "7.3", points = 3)
    @DisplayName("by tag, an OCI manifest asked for with Docker's types only (or */*) is 404 MANIFEST_UNKNOWN")
    void dockerOnlyGetsNoOciManifest() throws Exception {
        OciImages.Image image = OciImages.small("hi");
        registry.push("lib/bb", "1", image);
        for (String[] accepts : new String[][] {{MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST},
            {"*/*"}, {}}) {
            HttpResponse<String> r = get("/v2/lib/bb/manifests/1", accepts);
            assertThat(r.statusCode()).as(String.join(",", accepts)).isEqualTo(404);
            assertThat(TestRegistry.errorCode(r)).isEqualTo("MANIFEST_UNKNOWN");
        }
        HttpResponse<String> head = registry.send(registry.request("/v2/lib/bb/manifests/1")
                .header("Accept", MediaTypes.DOCKER_MANIFEST).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).as("HEAD answers as GET").isEqualTo(404);
    }

    @Test
    @Graded(exercise = "7.3", points = 2)
    @DisplayName("a Docker manifest by tag is served to a client that accepts it, with its Docker media type")
    void dockerManifest() throws Exception {
        OciImages.Image image = OciImages.small("hi");
        registry.pushBlob("lib/bb", image.layer());
        registry.pushBlob("lib/bb", image.config());
        OciImages.Blob manifest = dockerManifest(image);
        assertThat(registry.putManifest("lib/bb", "d", manifest).statusCode()).isEqualTo(201);
        HttpResponse<String> r = get("/v2/lib/bb/manifests/d", SKOPEO_ACCEPTS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(MediaTypes.DOCKER_MANIFEST);
        assertThat(get("/v2/lib/bb/manifests/d", MediaTypes.OCI_MANIFEST).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("by digest, the manifest is served whatever Accept lists: the client named those bytes")
    void byDigest() throws Exception {
        OciImages.Image image = OciImages.small("hi");
        registry.push("lib/bb", "1", image);
        HttpResponse<String> r = get("/v2/lib/bb/manifests/" + image.manifest().digest(), MediaTypes.DOCKER_MANIFEST);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(MediaTypes.OCI_MANIFEST);
    }
}
