package jocker.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jocker.course.RequiresRoot;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The store's index of names: tags, IDs and prefixes, removal and what it leaves on disk. */
@RequiresRoot("layers keep their files' owners")
@Timeout(120)
@DisplayName("The image store")
class LocalImagesTest {

    @TempDir
    Path root;

    /** A one-layer image of one file, named {@code name}. */
    LocalImages.Image image(LocalImages images, String file, String name) throws Exception {
        Path tree = Files.createTempDirectory(root, "tree");
        Files.writeString(tree.resolve(file), file);
        Descriptor layer = images.layerFromTree(tree);
        ImageConfig config = new ImageConfig("2026-11-30T00:00:00Z", null, "amd64", "linux",
                new ImageConfig.Config(null, null, null, null, List.of("cat", "/" + file), null, null, null, null, null),
                new ImageConfig.RootFs("layers", List.of(layer.digest())), List.of());
        return images.add(config, List.of(layer), name != null ? Reference.parse(name) : null);
    }

    static List<String> names(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.length() == 64).sorted().toList();
        }
    }

    @Test
    @DisplayName("an image's ID is its config's digest; names, IDs and prefixes find it")
    void idsAndNames() throws Exception {
        LocalImages images = new LocalImages(root);
        LocalImages.Image one = image(images, "one", "one");
        String configHex = BlobStoreTest.sha256(Files.readAllBytes(
                root.resolve("oci/blobs/sha256").resolve(one.id().hex())));
        assertThat(one.id().hex()).isEqualTo(configHex);
        assertThat(images.resolve("one").id()).isEqualTo(one.id());
        assertThat(images.resolve("docker.io/library/one:latest").id()).isEqualTo(one.id());
        assertThat(images.resolve(one.id().toString()).id()).isEqualTo(one.id());
        assertThat(images.resolve(one.id().shortHex()).id()).isEqualTo(one.id());
        assertThat(images.resolve("one@" + one.manifestDigest()).id()).isEqualTo(one.id());
        assertThatThrownBy(() -> images.resolve("two")).hasMessage("No such image: two");
        images.tag("one", "me/other:2");
        assertThat(images.resolve("me/other:2").references()).extracting(Reference::familiar)
                .containsExactlyInAnyOrder("one:latest", "me/other:2");
    }

    @Test
    @DisplayName("an ID prefix that begins two IDs is ambiguous")
    void ambiguousPrefix() throws Exception {
        LocalImages images = new LocalImages(root);
        for (int i = 0; i < 40; i++) {
            image(images, "f" + i, "img" + i);
        }
        List<LocalImages.Image> all = images.list(false);
        assertThat(all).hasSize(40);
        String clash = null;
        for (LocalImages.Image a : all) {
            for (LocalImages.Image b : all) {
                if (a != b && a.id().hex().charAt(0) == b.id().hex().charAt(0)) {
                    clash = a.id().hex().substring(0, 1);
                }
            }
        }
        String prefix = clash;
        assertThat(prefix).as("40 IDs share a first hex digit").isNotNull();
        assertThatThrownBy(() -> images.resolve(prefix)).hasMessageContaining("ambiguous");
    }

    @Test
    @DisplayName("moving a tag leaves the old image unnamed; removing it deletes its blobs and layer")
    void removeCollectsGarbage() throws Exception {
        LocalImages images = new LocalImages(root);
        LocalImages.Image first = image(images, "first", "app");
        LocalImages.Image second = image(images, "second", "app");
        assertThat(images.resolve("app").id()).isEqualTo(second.id());
        assertThat(images.resolve(first.id().toString()).references()).isEmpty();
        String firstLayer = first.diffIds().get(0).hex();
        assertThat(names(root.resolve("layers"))).contains(firstLayer);
        assertThat(images.remove(first.id().shortHex(), false, id -> false))
                .containsExactly("Deleted: " + first.id());
        assertThat(names(root.resolve("layers"))).doesNotContain(firstLayer);
        assertThat(names(root.resolve("oci/blobs/sha256")))
                .doesNotContain(first.id().hex(), first.manifestDigest().hex(), firstLayer)
                .contains(second.id().hex(), second.manifestDigest().hex());
        assertThatThrownBy(() -> images.remove("app", false, id -> true)).hasMessageContaining("container");
        assertThat(images.remove("app", false, id -> false))
                .containsExactly("Untagged: app:latest", "Deleted: " + second.id());
        assertThat(names(root.resolve("oci/blobs/sha256"))).isEmpty();
        assertThat(names(root.resolve("layers"))).isEmpty();
    }

    @Test
    @DisplayName("a prune waits for a command that has stored a layer and not yet named it")
    void collectorWaitsForAdders() throws Exception {
        LocalImages images = new LocalImages(root);
        java.util.concurrent.CountDownLatch stored = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<LocalImages.Image> adder = pool.submit(() -> new LocalImages(root).adding(() -> {
                LocalImages mine = new LocalImages(root);
                Path tree = Files.createTempDirectory(root, "tree");
                Files.writeString(tree.resolve("late"), "late");
                Descriptor layer = mine.layerFromTree(tree);
                stored.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException("interrupted");
                }
                ImageConfig config = new ImageConfig(null, null, "amd64", "linux", null,
                        new ImageConfig.RootFs("layers", List.of(layer.digest())), List.of());
                return mine.add(config, List.of(layer), Reference.parse("late"));
            }));
            stored.await();
            java.util.concurrent.Future<List<String>> prune = pool.submit(() -> images.prune(true, id -> false));
            Thread.sleep(300);
            assertThat(prune).as("prune ran while a layer was unnamed").isNotDone();
            go.countDown();
            LocalImages.Image late = adder.get();
            assertThat(prune.get()).containsExactly("Deleted: " + late.id()); // after the adder: its image, whole
            assertThat(names(root.resolve("layers"))).isEmpty();
        } finally {
            go.countDown();
            pool.shutdownNow();
        }
    }
}
