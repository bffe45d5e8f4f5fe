package jocker.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jocker.course.RequiresRoot;
import jocker.distribution.auth.Authenticator;
import jocker.images.Descriptor;
import jocker.images.Digest;
import jocker.images.DigestMismatchException;
import jocker.images.ImageException;
import jocker.images.ImageIndex;
import jocker.images.ImageJson;
import jocker.images.LocalImages;
import jocker.images.MediaTypes;
import jocker.images.Reference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a pull refuses, and what it does in parallel: against distribution 2.8 and a registry of our own. */
@RequiresRoot("layers keep their files' owners")
@Timeout(180)
@DisplayName("Pull: refusals and parallel downloads")
class PullRefusalsTest {

    @TempDir
    Path tmp;

    /** The files of the store's blob directory, and its index's named images. */
    static List<String> blobFiles(LocalImages images) throws Exception {
        Path dir = images.blobs().dir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Copies {@code image}'s blobs and manifest from {@code images} into {@code fake} as {@code repo:tag}. */
    static void serve(FakeRegistry fake, LocalImages images, LocalImages.Image image, String repo, String tag)
            throws Exception {
        fake.blobs.put(image.manifest().config().digest(), images.blobs().read(image.id()));
        for (Descriptor layer : image.manifest().layers()) {
            fake.blobs.put(layer.digest(), images.blobs().read(layer.digestValue()));
        }
        fake.manifest(repo, tag, images.blobs().read(image.manifestDigest()), MediaTypes.OCI_MANIFEST);
    }

    @Test
    @DisplayName("a layer that distribution serves changed on its disk is refused: no blob stored, no name")
    void tamperedBlobInDistribution() throws Exception {
        try (DistributionRegistry registry = DistributionRegistry.start(null)) {
            LocalImages source = new LocalImages(tmp.resolve("source"));
            String ref = registry.domain() + "/lib/app:1";
            LocalImages.Image image = PushPullTest.image(source, tmp, ref, "a", "b");
            Distribution.push(source, Reference.parse(ref), Authenticator.anonymous(), Progress.silent(),
                    Distribution.Options.defaults());
            Digest layer = image.manifest().layers().get(1).digestValue();
            Path data = registry.blobData(layer.hex());
            byte[] bytes = Files.readAllBytes(data);
            bytes[bytes.length / 2] ^= 1; // one bit, the same length: only the digest can tell
            Files.write(data, bytes);

            LocalImages target = new LocalImages(tmp.resolve("target"));
            assertThatThrownBy(() -> Distribution.pull(target, Reference.parse(ref), Authenticator.anonymous(),
                    Progress.silent(), Distribution.Options.defaults()))
                    .isInstanceOf(DigestMismatchException.class)
                    .hasMessageContaining(layer.toString()).hasMessageContaining("refused");
            assertThat(target.list(true)).isEmpty();
            assertThat(target.find(ref)).isNull();
            assertThat(blobFiles(target)).doesNotContain(layer.hex(), Digest.of(bytes).hex());
            assertThat(target.layers().list()).isEmpty();
        }
    }

    @Test
    @DisplayName("a registry that sends other bytes than the manifest names is refused before they are stored")
    void tamperedBlobInFake() throws Exception {
        try (FakeRegistry fake = new FakeRegistry()) {
            LocalImages source = new LocalImages(tmp.resolve("source"));
            LocalImages.Image image = PushPullTest.image(source, tmp, "app", "a");
            serve(fake, source, image, "lib/app", "1");
            Digest layer = image.manifest().layers().get(0).digestValue();
            fake.tamper(layer, b -> {
                byte[] copy = b.clone();
                copy[100] ^= 1;
                return copy;
            });
            LocalImages target = new LocalImages(tmp.resolve("target"));
            assertThatThrownBy(() -> Distribution.pull(target, Reference.parse(fake.domain() + "/lib/app:1"),
                    Authenticator.anonymous(), Progress.silent(), Distribution.Options.defaults()))
                    .isInstanceOf(DigestMismatchException.class).hasMessageContaining("expected " + layer);
            assertThat(target.list(true)).isEmpty();
            assertThat(blobFiles(target)).isEmpty();
        }
    }

    @Test
    @DisplayName("an index with no linux/amd64 manifest is an error that names the platforms it offers")
    void indexWithoutTheHost() throws Exception {
        try (FakeRegistry fake = new FakeRegistry()) {
            LocalImages source = new LocalImages(tmp.resolve("source"));
            LocalImages.Image image = PushPullTest.image(source, tmp, "app", "a");
            serve(fake, source, image, "lib/app", "only-arm");
            byte[] manifest = source.blobs().read(image.manifestDigest());
            ImageIndex index = new ImageIndex(2, MediaTypes.OCI_INDEX, List.of(
                    new Descriptor(MediaTypes.OCI_MANIFEST, image.manifestDigest().toString(), manifest.length,
                            new Descriptor.Platform("arm64", "linux", "v8"), null),
                    new Descriptor(MediaTypes.OCI_MANIFEST, image.manifestDigest().toString(), manifest.length,
                            new Descriptor.Platform("s390x", "linux", null), null)), null);
            fake.manifest("lib/app", "multi", ImageJson.bytes(index), MediaTypes.OCI_INDEX);

            LocalImages target = new LocalImages(tmp.resolve("target"));
            assertThatThrownBy(() -> Distribution.pull(target, Reference.parse(fake.domain() + "/lib/app:multi"),
                    Authenticator.anonymous(), Progress.silent(), Distribution.Options.defaults()))
                    .isInstanceOf(ImageException.class)
                    .hasMessageContaining("no manifest for linux/amd64")
                    .hasMessageContaining("linux/arm64/v8").hasMessageContaining("linux/s390x");
            assertThat(blobFiles(target)).isEmpty();
            assertThat(fake.requests).noneMatch(r -> r.contains("/blobs/"));
        }
    }

    @Test
    @DisplayName("an index's linux/amd64 manifest is the one pulled; Digest: is the index's")
    void indexWithTheHost() throws Exception {
        try (FakeRegistry fake = new FakeRegistry()) {
            LocalImages source = new LocalImages(tmp.resolve("source"));
            LocalImages.Image image = PushPullTest.image(source, tmp, "app", "a");
            serve(fake, source, image, "lib/app", "single");
            byte[] manifest = source.blobs().read(image.manifestDigest());
            byte[] index = ImageJson.bytes(new ImageIndex(2, MediaTypes.OCI_INDEX, List.of(
                    new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(new byte[1]).toString(), 1,
                            new Descriptor.Platform("arm64", "linux", null), null),
                    new Descriptor(MediaTypes.OCI_MANIFEST, image.manifestDigest().toString(), manifest.length,
                            new Descriptor.Platform("amd64", "linux", null), null)), null));
            fake.manifest("lib/app", "multi", index, MediaTypes.OCI_INDEX);

            LocalImages target = new LocalImages(tmp.resolve("target"));
            RecordingProgress progress = new RecordingProgress();
            LocalImages.Image pulled = Distribution.pull(target, Reference.parse(fake.domain() + "/lib/app:multi"),
                    Authenticator.anonymous(), progress, Distribution.Options.defaults());
            assertThat(pulled.manifestDigest()).isEqualTo(image.manifestDigest());
            assertThat(progress.lines()).contains("Digest: " + Digest.of(index));
            assertThat(fake.requests).contains("GET /v2/lib/app/manifests/" + image.manifestDigest());
        }
    }

    @Test
    @DisplayName("layers download in parallel, as many at once as Options.parallel says")
    void parallelDownloads() throws Exception {
        try (FakeRegistry fake = new FakeRegistry()) {
            LocalImages source = new LocalImages(tmp.resolve("source"));
            LocalImages.Image image = PushPullTest.image(source, tmp, "app", "a", "b", "c", "d", "e", "f");
            serve(fake, source, image, "lib/app", "1");
            fake.delayBlobs(300);
            LocalImages target = new LocalImages(tmp.resolve("target"));
            Distribution.pull(target, Reference.parse(fake.domain() + "/lib/app:1"), Authenticator.anonymous(),
                    Progress.silent(), new Distribution.Options(java.util.Set.of(), 3));
            assertThat(fake.maxConcurrentBlobGets()).isEqualTo(3);
            for (Digest diffId : image.diffIds()) {
                assertThat(target.layers().exists(diffId.toString())).isTrue();
            }
            assertThat(Files.readString(target.layers().diff(image.diffIds().get(5).toString()).resolve("f")))
                    .isEqualTo("the file f\n");
        }
    }

    @Test
    @DisplayName("an unknown tag is the registry's error: manifest unknown")
    void unknownTag() throws Exception {
        try (DistributionRegistry registry = DistributionRegistry.start(null)) {
            LocalImages target = new LocalImages(tmp.resolve("target"));
            assertThatThrownBy(() -> Distribution.pull(target, Reference.parse(registry.domain() + "/no/such:1"),
                    Authenticator.anonymous(), Progress.silent(), Distribution.Options.defaults()))
                    .isInstanceOf(RegistryException.class)
                    .hasMessage("manifest for " + registry.domain() + "/no/such:1 not found: "
                            + "manifest unknown: manifest unknown");
            assertThat(Map.of("images", target.list(true))).isEqualTo(Map.of("images", List.of()));
        }
    }
}
