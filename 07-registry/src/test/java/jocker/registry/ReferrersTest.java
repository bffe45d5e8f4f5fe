package jocker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jocker.images.MediaTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The referrers API (distribution spec 1.1): manifests pushed with a {@code subject}, listed by that subject. */
@DisplayName("the referrers API")
class ReferrersTest {

    static final String SBOM = "application/vnd.example.sbom+json";

    private TestRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new TestRegistry();
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    /** An artifact manifest about {@code subject}: empty config, one blob, {@code artifactType}. */
    private OciImages.Blob artifact(OciImages.Blob subject, String artifactType, String text) throws Exception {
        OciImages.Blob empty = OciImages.Blob.of("{}".getBytes(), "application/vnd.oci.empty.v1+json");
        OciImages.Blob content = OciImages.Blob.of(text.getBytes(), artifactType);
        registry.pushBlob("lib/bb", empty);
        registry.pushBlob("lib/bb", content);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", 2);
        m.put("mediaType", MediaTypes.OCI_MANIFEST);
        m.put("artifactType", artifactType);
        m.put("config", empty.descriptor());
        m.put("layers", List.of(content.descriptor()));
        m.put("subject", subject.descriptor());
        m.put("annotations", Map.of("org.example.note", text));
        return OciImages.Blob.of(OciImages.JSON.writeValueAsBytes(m), MediaTypes.OCI_MANIFEST);
    }

    @Test
    @DisplayName("a manifest PUT with a subject answers OCI-Subject; GET referrers lists it with its artifactType")
    void listed() throws Exception {
        OciImages.Image image = OciImages.small("image");
        registry.push("lib/bb", "1", image);
        OciImages.Blob sbom = artifact(image.manifest(), SBOM, "sbom");
        HttpResponse<String> put = registry.putManifest("lib/bb", sbom.digest().toString(), sbom);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        assertThat(put.headers().firstValue("OCI-Subject")).hasValue(image.manifest().digest().toString());

        HttpResponse<String> r = registry.send(registry.request("/v2/lib/bb/referrers/" + image.manifest().digest())
                .GET());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(MediaTypes.OCI_INDEX);
        JsonNode index = OciImages.JSON.readTree(r.body());
        assertThat(index.path("manifests")).hasSize(1);
        JsonNode d = index.path("manifests").path(0);
        assertThat(d.path("digest").asText()).isEqualTo(sbom.digest().toString());
        assertThat(d.path("artifactType").asText()).isEqualTo(SBOM);
        assertThat(d.path("size").asInt()).isEqualTo(sbom.bytes().length);
        assertThat(d.path("annotations").path("org.example.note").asText()).isEqualTo("sbom");
    }

    @Test
    @DisplayName("artifactType filters the list and OCI-Filters-Applied says so; an unknown subject has none")
    void filtered() throws Exception {
        OciImages.Image image = OciImages.small("image");
        registry.push("lib/bb", "1", image);
        OciImages.Blob sbom = artifact(image.manifest(), SBOM, "sbom");
        OciImages.Blob sig = artifact(image.manifest(), "application/vnd.example.signature", "sig");
        registry.putManifest("lib/bb", sbom.digest().toString(), sbom);
        registry.putManifest("lib/bb", sig.digest().toString(), sig);

        HttpResponse<String> r = registry.send(registry.request("/v2/lib/bb/referrers/" + image.manifest().digest()
                + "?artifactType=" + java.net.URLEncoder.encode(SBOM, java.nio.charset.StandardCharsets.UTF_8)).GET());
        assertThat(r.headers().firstValue("OCI-Filters-Applied")).hasValue("artifactType");
        JsonNode manifests = OciImages.JSON.readTree(r.body()).path("manifests");
        assertThat(manifests).hasSize(1);
        assertThat(manifests.path(0).path("digest").asText()).isEqualTo(sbom.digest().toString());

        HttpResponse<String> none = registry.send(registry.request("/v2/lib/bb/referrers/" + image.config().digest())
                .GET());
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(OciImages.JSON.readTree(none.body()).path("manifests")).isEmpty();
    }
}
