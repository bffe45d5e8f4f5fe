package jocker.images;

import static jocker.images.ArchiveFixtures.JSON;
import static jocker.images.ArchiveFixtures.assumeInstalled;
import static jocker.images.ArchiveFixtures.committedImage;
import static jocker.images.ArchiveFixtures.inspect;
import static jocker.images.ArchiveFixtures.ok;
import static jocker.images.ArchiveFixtures.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jocker.course.Graded;
import jocker.course.HostCommand;
import jocker.course.JockerCommand;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jocker and the tools of the OCI world read each other's images: skopeo
 * copies what {@code jocker save} wrote, Jocker loads what skopeo and umoci
 * write, and the digests stay what they were.
 */
@RequiresRoot("layers hold files of every owner and whiteouts; containers need root")
@Timeout(300)
@DisplayName("interop with skopeo and umoci")
class InteropTest {

    @TempDir
    Path root;

    @TempDir
    Path work;

    @BeforeEach
    void setUp() {
        TestRootfs.createImage(root);
    }

    @AfterEach
    void removeContainers() throws Exception {
        JockerCommand.removeAll(root);
    }

    /** The manifest skopeo reads from {@code transport:path}. */
    private static JsonNode skopeoManifest(String source) throws Exception {
        return JSON.readTree(HostCommand.run("skopeo", "inspect", "--raw", source));
    }

    private static List<String> layerDigests(JsonNode manifest) {
        return manifest.get("layers").findValuesAsText("digest");
    }

    @Test
    @Graded(exercise = "5.10", points = 3)
    @DisplayName("skopeo reads and copies what jocker save wrote (docker-archive, oci): config, layer digests kept")
    void skopeoCopiesWhatJockerSaved() throws Exception {
        assumeInstalled("skopeo");
        String id = committedImage(root, "hello", "saved");
        List<String> diffIds = texts(inspect(root, "hello").get("RootFS").get("Layers"));
        Path archive = work.resolve("x.tar");
        ok(root, "save", "-o", archive.toString(), "hello");

        JsonNode saved = skopeoManifest("docker-archive:" + archive);
        assertThat(saved.get("config").get("digest").asText()).isEqualTo(id);
        assertThat(layerDigests(saved)).isEqualTo(diffIds);

        Path copy = work.resolve("y.tar");
        HostCommand.run("skopeo", "copy", "-q", "docker-archive:" + archive, "docker-archive:" + copy);
        JsonNode copied = skopeoManifest("docker-archive:" + copy);
        assertThat(copied.get("config").get("digest").asText()).isEqualTo(id);
        assertThat(layerDigests(copied)).isEqualTo(diffIds);

        Path layout = work.resolve("oci");
        HostCommand.run("skopeo", "copy", "-q", "docker-archive:" + archive, "oci:" + layout + ":v1");
        JsonNode oci = skopeoManifest("oci:" + layout + ":v1");
        assertThat(oci.get("config").get("digest").asText()).as("the image ID after skopeo's conversion to OCI")
                .isEqualTo(id);
        JsonNode config = JSON.readTree(HostCommand.run("skopeo", "inspect", "--config", "--raw",
                "oci:" + layout + ":v1"));
        assertThat(texts(config.get("rootfs").get("diff_ids"))).isEqualTo(diffIds);
    }

    @Test
    @Graded(exercise = "5.10", points = 3)
    @DisplayName("jocker loads and runs what skopeo wrote: oci: dir, oci-archive:, docker-archive:; same image ID")
    void jockerRunsWhatSkopeoWrote() throws Exception {
        assumeInstalled("skopeo");
        String id = committedImage(root, "hello", "round-trip");
        Path archive = work.resolve("x.tar");
        ok(root, "save", "-o", archive.toString(), "hello");
        Path layout = work.resolve("oci");
        HostCommand.run("skopeo", "copy", "-q", "docker-archive:" + archive, "oci:" + layout + ":v1");
        Path ociArchive = work.resolve("oci.tar");
        HostCommand.run("skopeo", "copy", "-q", "docker-archive:" + archive, "oci-archive:" + ociArchive + ":v2");
        Path dockerArchive = work.resolve("docker.tar");
        HostCommand.run("skopeo", "copy", "-q", "docker-archive:" + archive,
                "docker-archive:" + dockerArchive + ":skopeo/hello:v3");

        for (Path written : List.of(layout, ociArchive, dockerArchive)) {
            ok(root, "rmi", "hello");
            assertThat(Files.exists(root.resolve("oci/blobs/sha256").resolve(id.substring(7)))).isFalse();

            JockerCommand load = ok(root, "load", "-i", written.toString());

            String ref = written.equals(dockerArchive) ? "skopeo/hello:v3" : id;
            assertThat(load.out()).as(written.toString()).isEqualTo(written.equals(dockerArchive)
                    ? "Loaded image: skopeo/hello:v3\n" : "Loaded image ID: " + id + "\n");
            assertThat(ok(root, "run", "--rm", ref, "cat", "/made").out()).isEqualTo("round-trip\n");
            ok(root, "tag", ref, "hello");
            if (written.equals(dockerArchive)) {
                ok(root, "rmi", "skopeo/hello:v3");
            }
        }
    }

    @Test
    @Graded(exercise = "5.10", points = 2)
    @DisplayName("an OCI layout that umoci made (init, new, unpack, repack, config) loads and runs, its file there")
    void umociLayoutRuns() throws Exception {
        assumeInstalled("umoci");
        Path layout = work.resolve("layout");
        Path bundle = work.resolve("bundle");
        HostCommand.run("umoci", "init", "--layout", layout.toString());
        HostCommand.run("umoci", "new", "--image", layout + ":t");
        HostCommand.run("umoci", "unpack", "--image", layout + ":t", bundle.toString());
        TestRootfs.create(bundle.resolve("rootfs"));
        Files.writeString(bundle.resolve("rootfs/from-umoci"), "umoci was here\n");
        HostCommand.run("umoci", "repack", "--image", layout + ":t", bundle.toString());
        HostCommand.run("umoci", "config", "--image", layout + ":t", "--config.cmd", "cat",
                "--config.cmd", "/from-umoci");

        JockerCommand load = ok(root, "load", "-i", layout.toString());

        assertThat(load.out()).startsWith("Loaded image ID: sha256:");
        String id = load.out().strip().substring("Loaded image ID: ".length());
        assertThat(ok(root, "run", "--rm", id).out()).isEqualTo("umoci was here\n");
        assertThat(ok(root, "history", id).out()).contains("umoci repack");
    }
}
