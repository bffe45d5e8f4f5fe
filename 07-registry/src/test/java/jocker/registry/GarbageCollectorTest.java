package jocker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jocker.course.Graded;
import jocker.images.Digest;
import jocker.images.MediaTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code jocker registry gc}: what a manifest reaches stays, the rest goes. */
@DisplayName("registry garbage collection")
class GarbageCollectorTest {

    private TestRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new TestRegistry();
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    private Path file(Digest d) {
        return registry.root().resolve("blobs/sha256").resolve(d.hex().substring(0, 2)).resolve(d.hex());
    }

    /** gc spares what is newer than its start (a push may be under way): make every blob an hour old. */
    private void age() throws IOException {
        try (var files = Files.walk(registry.root().resolve("blobs"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
            }
        }
    }

    private static OciImages.Blob index(OciImages.Blob... manifests) throws Exception {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.put("manifests", java.util.Arrays.stream(manifests).map(OciImages.Blob::descriptor).toList());
        return OciImages.Blob.of(OciImages.JSON.writeValueAsBytes(index), MediaTypes.OCI_INDEX);
    }

    @Test
    @Graded(exercise = "7.4", points = 4)
    @DisplayName("gc removes a blob no manifest reaches and keeps the image's manifest, config and layer")
    void removesUnreferenced() throws Exception {
        OciImages.Image image = OciImages.small("kept");
        registry.push("lib/bb", "1", image);
        OciImages.Blob stray = OciImages.Blob.of("never in a manifest".getBytes(), MediaTypes.OCI_LAYER);
        registry.pushBlob("lib/bb", stray);
        age();

        GarbageCollector.Report report = GarbageCollector.collect(registry.root(), false, Duration.ofHours(24));
        assertThat(report.blobs()).containsExactly(stray.digest());
        assertThat(file(stray.digest())).doesNotExist();
        for (OciImages.Blob b : List.of(image.layer(), image.config(), image.manifest())) {
            assertThat(file(b.digest())).as(b.mediaType()).exists();
        }
        HttpResponse<String> pull = registry.send(registry.request("/v2/lib/bb/blobs/" + image.layer().digest())
                .GET());
        assertThat(pull.statusCode()).isEqualTo(200);
    }

    @Test
    @Graded(exercise = "7.4", points = 3)
    @DisplayName("gc keeps what an index reaches through a manifest that is no longer in the repository itself")
    void followsIndexes() throws Exception {
        OciImages.Image image = OciImages.small("through an index");
        registry.push("lib/bb", image.manifest().digest().toString(), image);
        OciImages.Blob index = index(image.manifest());
        assertThat(registry.putManifest("lib/bb", "multi", index).statusCode()).isEqualTo(201);
        // take the image manifest out of the repository: only the index still reaches it
        registry.send(registry.request("/v2/lib/bb/manifests/" + image.manifest().digest()).DELETE());
        age();

        GarbageCollector.collect(registry.root(), false, Duration.ofHours(24));
        for (OciImages.Blob b : List.of(index, image.manifest(), image.config(), image.layer())) {
            assertThat(file(b.digest())).as(b.mediaType()).exists();
        }
    }

    @Test
    @Graded(exercise = "7.4", points = 3)
    @DisplayName("the mark follows indexes of indexes down to every config and layer, and marks nothing else")
    void reachableRecursively() throws Exception {
        OciImages.Image a = OciImages.small("a");
        OciImages.Image b = OciImages.small("b");
        OciImages.Blob inner = index(b.manifest());
        OciImages.Blob outer = index(a.manifest(), inner);
        Map<Digest, JsonNode> manifests = new HashMap<>();
        for (OciImages.Blob m : List.of(a.manifest(), b.manifest(), inner, outer)) {
            manifests.put(m.digest(), OciImages.JSON.readTree(m.bytes()));
        }
        assertThat(GarbageCollector.reachable(outer.digest(), manifests::get)).containsExactlyInAnyOrder(
                outer.digest(), inner.digest(), a.manifest().digest(), a.config().digest(), a.layer().digest(),
                b.manifest().digest(), b.config().digest(), b.layer().digest());
        assertThat(GarbageCollector.reachable(inner.digest(), manifests::get)).containsExactlyInAnyOrder(
                inner.digest(), b.manifest().digest(), b.config().digest(), b.layer().digest());
    }

    @Test
    @DisplayName("a blob newer than the gc's start is spared: it may belong to a push under way")
    void sparesNewBlobs() throws Exception {
        OciImages.Blob fresh = OciImages.Blob.of("just pushed".getBytes(), MediaTypes.OCI_LAYER);
        registry.pushBlob("lib/bb", fresh);
        GarbageCollector.Report report = GarbageCollector.collect(registry.root(), false, Duration.ofHours(24));
        assertThat(report.blobs()).isEmpty();
        assertThat(file(fresh.digest())).exists();
    }

    @Test
    @DisplayName("--dry-run lists what it would remove and removes nothing; old upload sessions go too")
    void dryRunAndUploads() throws Exception {
        OciImages.Blob stray = OciImages.Blob.of("stray".getBytes(), MediaTypes.OCI_LAYER);
        registry.pushBlob("lib/bb", stray);
        registry.send(registry.request("/v2/lib/bb/blobs/uploads/").POST(java.net.http.HttpRequest.BodyPublishers
                .noBody()));
        age();
        GarbageCollector.Report dry = GarbageCollector.collect(registry.root(), true, Duration.ZERO);
        assertThat(dry.blobs()).containsExactly(stray.digest());
        assertThat(dry.uploads()).hasSize(1);
        assertThat(file(stray.digest())).exists();
        try (var uploads = Files.list(registry.root().resolve("_uploads"))) {
            assertThat(uploads).hasSize(1);
        }
        GarbageCollector.collect(registry.root(), false, Duration.ZERO);
        assertThat(file(stray.digest())).doesNotExist();
        try (var uploads = Files.list(registry.root().resolve("_uploads"))) {
            assertThat(uploads).isEmpty();
        }
    }

    @Test
    @DisplayName("jocker registry gc --dry-run prints the blobs it would remove and the space they take")
    void cliDryRun() throws Exception {
        OciImages.Blob stray = OciImages.Blob.of("stray".getBytes(), MediaTypes.OCI_LAYER);
        registry.pushBlob("lib/bb", stray);
        age();
        jocker.cli.RegistryCommand command = new jocker.cli.RegistryCommand();
        picocli.CommandLine cli = new picocli.CommandLine(command);
        command.extend(cli, 7);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        int exit;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            exit = cli.execute("gc", "--root", registry.root().toString(), "--dry-run");
        } finally {
            System.setOut(stdout);
        }
        assertThat(exit).isZero();
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("would remove blob " + stray.digest()).contains("Would reclaim: 5B");
        assertThat(file(stray.digest())).exists();
    }
}
