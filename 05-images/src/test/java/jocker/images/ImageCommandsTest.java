package jocker.images;

import static jocker.images.ArchiveFixtures.committedImage;
import static jocker.images.ArchiveFixtures.hex;
import static jocker.images.ArchiveFixtures.inspect;
import static jocker.images.ArchiveFixtures.ok;
import static jocker.images.ArchiveFixtures.rootfsLayer;
import static jocker.images.ArchiveFixtures.sha256;
import static jocker.images.ArchiveFixtures.storeFiles;
import static jocker.images.ArchiveFixtures.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import jocker.course.Graded;
import jocker.course.JockerCommand;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The image commands as a user types them: rmi, image prune, save, import, commit, images, history, inspect. */
@RequiresRoot("layers hold files of every owner and whiteouts; containers need root")
@Timeout(300)
@DisplayName("image commands: rmi, prune, save, import, commit")
class ImageCommandsTest {

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

    @Test
    @Graded(exercise = "5.10", points = 2)
    @DisplayName("rmi refuses an image a container uses unless -f; after the last image goes, its blobs and layers go")
    void rmiRefusesUsedImageAndCollectsGarbage() throws Exception {
        String id = committedImage(root, "mine", "kept");
        List<String> diffIds = texts(inspect(root, "mine").get("RootFS").get("Layers"));
        ok(root, "run", "-d", "--name", "user", "mine", "sleep", "300");

        JockerCommand refused = JockerCommand.run(root, "rmi", "mine");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("container").contains(hex(id).substring(0, 12));
        assertThat(ok(root, "images").out()).containsPattern("(?m)^mine +latest +" + hex(id).substring(0, 12));

        assertThat(ok(root, "rmi", "-f", "mine").out()).isEqualTo("Untagged: mine:latest\n");
        assertThat(ok(root, "images").out()).doesNotContain("mine");
        for (String diffId : diffIds) { // the container still runs on them
            assertThat(root.resolve("layers").resolve(hex(diffId)).resolve("diff")).isDirectory();
        }
        assertThat(ok(root, "exec", "user", "cat", "/made").out()).isEqualTo("kept\n");

        ok(root, "rm", "-f", "user");
        assertThat(ok(root, "image", "prune", "-a", "-f").out()).contains("deleted: " + id);
        assertThat(storeFiles(root)).as("blobs and layers left after the last image went").isEmpty();
    }

    @Test
    @Graded(exercise = "5.10", points = 2)
    @DisplayName("save writes the same bytes twice; its config is the image ID's bytes, each layer tar its diff ID's")
    void saveIsDeterministicAndChecked() throws Exception {
        String id = committedImage(root, "hello", "twice");
        JsonNode image = inspect(root, "hello");
        Path a = work.resolve("a.tar");
        Path b = work.resolve("b.tar");
        ok(root, "save", "-o", a.toString(), "hello");
        ok(root, "image", "save", "-o", b.toString(), "hello");

        assertThat(Files.mismatch(a, b)).as("first differing byte").isEqualTo(-1);
        List<String> names = new ArrayList<>();
        List<String> layerDigests = new ArrayList<>();
        String configDigest = null;
        try (InputStream in = Files.newInputStream(a); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tar.getNextTarEntry(); e != null; e = tar.getNextTarEntry()) {
                names.add(e.getName());
                if (e.isFile() && e.getName().endsWith("/layer.tar")) {
                    layerDigests.add(sha256(tar.readAllBytes()));
                } else if (e.getName().equals(hex(id) + ".json")) {
                    configDigest = sha256(tar.readAllBytes());
                }
            }
        }
        assertThat(names).contains("manifest.json", "repositories", "oci-layout", "index.json");
        assertThat(configDigest).isEqualTo(id);
        assertThat(layerDigests).containsExactlyInAnyOrderElementsOf(texts(image.get("RootFS").get("Layers")));
    }

    @Test
    @Graded(exercise = "5.10", points = 2)
    @DisplayName("import makes a one-layer image of a gzip'ed rootfs tar; its diff ID is the tar's digest")
    void importRootfsTar() throws Exception {
        Path layer = rootfsLayer(work, "imported");
        Path gz = work.resolve("rootfs.tar.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(layer, out);
        }

        JockerCommand imported = ok(root, "import", gz.toString(), "imp:1");

        assertThat(imported.out()).matches("sha256:[0-9a-f]{64}\n");
        JsonNode image = inspect(root, "imp:1");
        assertThat(image.get("Id").asText()).isEqualTo(imported.out().strip());
        assertThat(texts(image.get("RootFS").get("Layers"))).containsExactly(sha256(layer));
        assertThat(ok(root, "run", "--rm", "imp:1", "cat", "/marker").out()).isEqualTo("imported\n");
    }

    @Test
    @DisplayName("commit writes a config with the container's command, the parent's layers and one more history entry")
    void commitWritesAConfig() throws Exception {
        JsonNode busybox = inspect(root, "busybox");
        ok(root, "run", "--name", "maker", "-e", "GREETING=hi", "busybox", "sh", "-c", "echo $GREETING > /made");
        String id = ok(root, "commit", "-m", "a message", "-a", "Jo", "maker", "made:1").out().strip();

        JsonNode image = inspect(root, "made:1");
        assertThat(image.get("Id").asText()).isEqualTo(id);
        assertThat(image.get("Author").asText()).isEqualTo("Jo");
        assertThat(image.get("Comment").asText()).isEqualTo("a message");
        assertThat(texts(image.get("Config").get("Cmd"))).containsExactly("sh", "-c", "echo $GREETING > /made");
        assertThat(texts(image.get("Config").get("Env"))).contains("GREETING=hi");
        List<String> layers = texts(image.get("RootFS").get("Layers"));
        assertThat(layers).hasSize(2).startsWith(texts(busybox.get("RootFS").get("Layers")).get(0));
        String history = ok(root, "history", "made:1").out();
        assertThat(history.lines().toList()).hasSize(3);
        assertThat(history).containsPattern("(?m)^IMAGE +CREATED +CREATED BY +SIZE +COMMENT$")
                .containsPattern("(?m)^" + hex(id).substring(0, 12) + " +.* ago +sh -c echo .* a message$")
                .containsPattern("(?m)^<missing> +");
        assertThat(ok(root, "run", "--rm", "made:1").out()).isEmpty();
        assertThat(ok(root, "run", "--rm", "made:1", "cat", "/made").out()).isEqualTo("hi\n");
    }

    @Test
    @DisplayName("images, tag and rmi print as Docker does: columns, <none>, human sizes and times, Untagged/Deleted")
    void imagesAsDocker() throws Exception {
        String id = committedImage(root, "one", "x");
        ok(root, "tag", "one", "two:v2");
        String images = ok(root, "images").out();
        assertThat(images.lines().findFirst().orElseThrow()).matches("REPOSITORY +TAG +IMAGE ID +CREATED +SIZE");
        assertThat(images).containsPattern("(?m)^one +latest +" + hex(id).substring(0, 12)
                + " +(1 second|\\d+ seconds|Less than a second|About a minute) ago +\\d+(\\.\\d+)?MB$");
        assertThat(images).containsPattern("(?m)^two +v2 +" + hex(id).substring(0, 12));
        assertThat(ok(root, "images", "two").out().lines().count()).isEqualTo(2);
        assertThat(ok(root, "images", "-q").out()).contains(hex(id).substring(0, 12) + "\n");

        assertThat(ok(root, "rmi", "one").out()).isEqualTo("Untagged: one:latest\n");
        JockerCommand both = JockerCommand.run(root, "rmi", "nosuch", "two:v2");
        assertThat(both.status()).isEqualTo(1);
        assertThat(both.err()).contains("No such image: nosuch");
        assertThat(both.out()).isEqualTo("Untagged: two:v2\nDeleted: " + id + "\n");
    }
}
