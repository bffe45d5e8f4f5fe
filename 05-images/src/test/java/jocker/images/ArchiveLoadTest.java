package jocker.images;

import static jocker.images.ArchiveFixtures.Member;
import static jocker.images.ArchiveFixtures.committedImage;
import static jocker.images.ArchiveFixtures.config;
import static jocker.images.ArchiveFixtures.hex;
import static jocker.images.ArchiveFixtures.inspect;
import static jocker.images.ArchiveFixtures.ok;
import static jocker.images.ArchiveFixtures.rootfsLayer;
import static jocker.images.ArchiveFixtures.sha256;
import static jocker.images.ArchiveFixtures.storeFiles;
import static jocker.images.ArchiveFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import jocker.course.Graded;
import jocker.course.JockerCommand;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code jocker save} and {@code jocker load}: archives as Docker writes them, checked byte by byte. */
@RequiresRoot("layers hold files of every owner and whiteouts; containers need root")
@Timeout(300)
@DisplayName("save and load: docker-archive and OCI layouts")
class ArchiveLoadTest {

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
    @Graded(exercise = "5.10", points = 3)
    @DisplayName("save, rmi, load: the image runs again, with the same ID, and its container's output and status")
    void saveRemoveLoadRuns() throws Exception {
        String id = committedImage(root, "hello", "made-here");
        Path archive = work.resolve("x.tar");
        ok(root, "save", "-o", archive.toString(), "hello");
        assertThat(ok(root, "rmi", "hello").out()).contains("Untagged: hello:latest", "Deleted: " + id);
        assertThat(JockerCommand.run(root, "run", "--rm", "hello", "true").status()).isNotZero();

        assertThat(ok(root, "load", "-i", archive.toString()).out()).isEqualTo("Loaded image: hello:latest\n");

        JockerCommand run = ok(root, "run", "--rm", "hello", "cat", "/made");
        assertThat(run.out()).isEqualTo("made-here\n");
        assertThat(JockerCommand.run(root, "run", "--rm", "hello", "sh", "-c", "exit 7").status()).isEqualTo(7);
        assertThat(inspect(root, "hello").get("Id").asText()).isEqualTo(id);
    }

    /** A docker save archive as dockerd 20.10 writes it, with its layer gzip'ed and manifest.json last. */
    private Path docker2010Archive(String marker) throws Exception {
        Path layer = rootfsLayer(work, marker);
        String diffId = sha256(layer);
        Path gz = work.resolve("layer.tar.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(layer, out);
        }
        byte[] config = ArchiveFixtures.JSON.writeValueAsBytes(config(List.of(diffId), List.of("cat", "/marker")));
        String configName = hex(sha256(config)) + ".json";
        String v1 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        return ArchiveFixtures.tar(work.resolve("docker2010.tar"), List.of(
                Member.file(v1 + "/VERSION", utf8("1.0")),
                Member.file(v1 + "/json", utf8("{\"id\":\"" + v1 + "\"}")),
                Member.file(v1 + "/layer.tar", gz),
                Member.file(configName, config),
                Member.json("repositories", Map.of("old", Map.of("v1", v1))),
                Member.json("manifest.json", List.of(Map.of("Config", configName, "RepoTags", List.of("old:v1"),
                        "Layers", List.of(v1 + "/layer.tar"))))));
    }

    @Test
    @Graded(exercise = "5.10", points = 2)
    @DisplayName("a dockerd 20.10 archive (legacy layer directories, gzip layer, manifest.json last) loads and runs")
    void docker2010ArchiveLoads() throws Exception {
        Path archive = docker2010Archive("from-docker-20");

        assertThat(ok(root, "load", "-i", archive.toString()).out()).isEqualTo("Loaded image: old:v1\n");
        assertThat(ok(root, "run", "--rm", "old:v1").out()).isEqualTo("from-docker-20\n");
    }

    @Test
    @Graded(exercise = "5.10", points = 3)
    @DisplayName("a docker 25 archive (an OCI layout inside, manifest.json into blobs/sha256, links) loads and runs")
    void docker25ArchiveLoads() throws Exception {
        Path layer = rootfsLayer(work, "from-docker-25");
        String diffId = sha256(layer);
        byte[] config = ArchiveFixtures.JSON.writeValueAsBytes(config(List.of(diffId), List.of("cat", "/marker")));
        String configDigest = sha256(config);
        byte[] manifest = ArchiveFixtures.JSON.writeValueAsBytes(Map.of("schemaVersion", 2,
                "mediaType", MediaTypes.OCI_MANIFEST,
                "config", Map.of("mediaType", MediaTypes.OCI_CONFIG, "digest", configDigest, "size", config.length),
                "layers", List.of(Map.of("mediaType", MediaTypes.OCI_LAYER, "digest", diffId,
                        "size", Files.size(layer)))));
        String manifestDigest = sha256(manifest);
        Path archive = ArchiveFixtures.tar(work.resolve("docker25.tar"), List.of(
                Member.file("blobs/sha256/" + hex(configDigest), config),
                Member.file("blobs/sha256/" + hex(diffId), layer),
                Member.file("blobs/sha256/" + hex(manifestDigest), manifest),
                Member.symlink("a1b2/layer.tar", "../blobs/sha256/" + hex(diffId)),
                Member.json("index.json", Map.of("schemaVersion", 2, "mediaType", MediaTypes.OCI_INDEX,
                        "manifests", List.of(Map.of("mediaType", MediaTypes.OCI_MANIFEST, "digest", manifestDigest,
                                "size", manifest.length, "annotations", Map.of(
                                        "io.containerd.image.name", "docker.io/library/new:v25",
                                        "org.opencontainers.image.ref.name", "v25"))))),
                Member.json("manifest.json", List.of(Map.of("Config", "blobs/sha256/" + hex(configDigest),
                        "RepoTags", List.of("new:v25"), "Layers", List.of("blobs/sha256/" + hex(diffId))))),
                Member.file("oci-layout", utf8("{\"imageLayoutVersion\":\"1.0.0\"}"))));

        assertThat(ok(root, "load", "-i", archive.toString()).out()).isEqualTo("Loaded image: new:v25\n");
        assertThat(ok(root, "run", "--rm", "new:v25").out()).isEqualTo("from-docker-25\n");
        assertThat(inspect(root, "new:v25").get("Id").asText()).isEqualTo(configDigest);
    }

    @Test
    @Graded(exercise = "5.10", points = 3)
    @DisplayName("an archive with one byte of a layer changed is refused with a digest error; the store is as it was")
    void tamperedArchiveRefused() throws Exception {
        Path layer = rootfsLayer(work, "original");
        String diffId = sha256(layer);
        byte[] bytes = Files.readAllBytes(layer);
        byte[] marker = utf8("original\n");
        int at = indexOf(bytes, marker);
        assertThat(at).as("the marker's bytes in the layer tar").isPositive();
        bytes[at] = 'O'; // the tar stays a valid tar: only a file's content changed
        byte[] config = ArchiveFixtures.JSON.writeValueAsBytes(config(List.of(diffId), List.of("cat", "/marker")));
        String configName = hex(sha256(config)) + ".json";
        Path archive = ArchiveFixtures.tar(work.resolve("tampered.tar"), List.of(
                Member.file("aaaa/layer.tar", bytes),
                Member.file(configName, config),
                Member.json("manifest.json", List.of(Map.of("Config", configName, "RepoTags", List.of("bad:1"),
                        "Layers", List.of("aaaa/layer.tar"))))));
        ok(root, "images"); // the built-in busybox is in the store
        String imagesBefore = ok(root, "images", "-q").out();
        TreeSet<String> before = storeFiles(root);

        JockerCommand load = JockerCommand.run(root, "load", "-i", archive.toString());

        assertThat(load.status()).isNotZero();
        assertThat(load.err()).containsIgnoringCase("digest").contains(diffId);
        assertThat(ok(root, "images", "-q").out()).isEqualTo(imagesBefore);
        assertThat(storeFiles(root)).isEqualTo(before);
        assertThat(scratchLeft()).isEmpty();
    }

    @Test
    @Graded(exercise = "5.10", points = 2)
    @DisplayName("members named ../x or /x are refused and nothing is written outside the scratch directory")
    void unsafeNamesRefused() throws Exception {
        // a loader that loads nothing refuses everything: first, one that loads
        assertThat(ok(root, "load", "-i", docker2010Archive("safe").toString()).out())
                .isEqualTo("Loaded image: old:v1\n");
        for (String name : List.of("../../escaped", "/tmp/escaped-" + work.getFileName())) {
            Path archive = ArchiveFixtures.tar(work.resolve("unsafe.tar"), List.of(
                    Member.file(name, utf8("gotcha")),
                    Member.json("manifest.json", List.of())));

            JockerCommand load = JockerCommand.run(root, "load", "-i", archive.toString());

            assertThat(load.status()).isNotZero();
            assertThat(load.err()).contains(name).contains("refused");
        }
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.filter(p -> p.getFileName().toString().startsWith("escaped"))).isEmpty();
        }
        assertThat(Path.of("/tmp/escaped-" + work.getFileName())).doesNotExist();
        assertThat(scratchLeft()).isEmpty();
    }

    /** Files a load left in the scratch directories. */
    private List<Path> scratchLeft() throws Exception {
        Path tmp = root.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(tmp)) {
            return all.filter(p -> !Files.isDirectory(p)).toList();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
