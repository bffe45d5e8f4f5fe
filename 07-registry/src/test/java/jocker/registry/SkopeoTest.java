package jocker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import jocker.course.Graded;
import jocker.images.Digest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skopeo, a real client, pushes to and pulls from the Jocker registry over plain HTTP. */
@DisplayName("skopeo and the Jocker registry")
class SkopeoTest {

    @TempDir
    Path tmp;

    private TestRegistry registry;

    @BeforeEach
    void start() throws Exception {
        Skopeo.assumeInstalled();
        registry = new TestRegistry();
    }

    @AfterEach
    void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Graded(exercise = "7.3", points = 4)
    @DisplayName("skopeo copies a busybox image in and back out; inspect shows the pushed digest; blobs are unchanged")
    void pushInspectPull() throws Exception {
        OciImages.Image image = OciImages.busybox();
        Path source = OciImages.layout(tmp.resolve("src"), image, "1");
        String ref = "docker://" + registry.host() + "/lib/bb:1";

        Skopeo.Result push = Skopeo.run(tmp, "copy", "--dest-tls-verify=false", "oci:" + source + ":1", ref);
        assertThat(push.exit()).as(push.out()).isZero();
        assertThat(Files.exists(registry.root().resolve("blobs/sha256")
                .resolve(image.layer().digest().hex().substring(0, 2)).resolve(image.layer().digest().hex())))
                .as("the layer is stored under its digest").isTrue();

        Skopeo.Result inspect = Skopeo.run(tmp, "inspect", "--tls-verify=false", ref);
        assertThat(inspect.exit()).as(inspect.out()).isZero();
        JsonNode info = OciImages.JSON.readTree(inspect.out());
        assertThat(info.path("Digest").asText()).isEqualTo(image.manifest().digest().toString());

        Path back = tmp.resolve("back");
        Skopeo.Result pull = Skopeo.run(tmp, "copy", "--src-tls-verify=false", ref, "oci:" + back + ":1");
        assertThat(pull.exit()).as(pull.out()).isZero();
        for (OciImages.Blob blob : new OciImages.Blob[] {image.layer(), image.config(), image.manifest()}) {
            Path file = back.resolve("blobs/sha256").resolve(blob.digest().hex());
            assertThat(Digest.of(Files.readAllBytes(file))).as("pulled back " + blob.mediaType())
                    .isEqualTo(blob.digest());
        }
    }
}
