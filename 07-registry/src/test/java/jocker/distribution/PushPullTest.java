package jocker.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import jocker.distribution.auth.Authenticator;
import jocker.images.Descriptor;
import jocker.images.Digest;
import jocker.images.ImageConfig;
import jocker.images.LocalImages;
import jocker.images.Reference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** jocker push and pull against the real registry, distribution 2.8. */
@RequiresRoot("layers keep their files' owners")
@Timeout(180)
@DisplayName("Push and pull against distribution 2.8")
class PushPullTest {

    @TempDir
    Path tmp;

    /** An image of {@code files.length} layers, one file each, named {@code name}. */
    static LocalImages.Image image(LocalImages images, Path tmp, String name, String... files) throws Exception {
        List<Descriptor> layers = new java.util.ArrayList<>();
        List<String> diffIds = new java.util.ArrayList<>();
        for (String file : files) {
            Path tree = Files.createTempDirectory(tmp, "tree");
            Files.writeString(tree.resolve(file), "the file " + file + "\n");
            Descriptor layer = images.layerFromTree(tree);
            layers.add(layer);
            diffIds.add(layer.digest());
        }
        ImageConfig config = new ImageConfig("2026-11-30T00:00:00Z", null, "amd64", "linux",
                new ImageConfig.Config(null, null, null, null, List.of("cat", "/" + files[0]), null, null, null, null,
                        null), new ImageConfig.RootFs("layers", diffIds), List.of());
        return images.add(config, layers, Reference.parse(name));
    }

    @Test
    @Graded(exercise = "7.9", points = 15)
    @DisplayName("busybox pushed to distribution and pulled back after rmi has the same digest on both sides and "
            + "its layer unpacked")
    void pushThenPullBack() throws Exception {
        try (DistributionRegistry registry = DistributionRegistry.start(null)) {
            LocalImages images = new LocalImages(tmp.resolve("root"));
            LocalImages.Image busybox = images.builtIn();
            String ref = registry.domain() + "/lib/bb:1";
            images.tag("busybox", ref);
            RecordingProgress pushed = new RecordingProgress();
            Digest digest = Distribution.push(images, Reference.parse(ref), Authenticator.anonymous(), pushed,
                    Distribution.Options.defaults());

            assertThat(digest).isEqualTo(busybox.manifestDigest());
            assertThat(registry.manifestDigest("lib/bb", "1")).isEqualTo(digest.toString());
            String layer = busybox.manifest().layers().get(0).digestValue().shortHex();
            assertThat(pushed.statesOf(layer)).containsSubsequence("Preparing", "Pushing", "Pushed");
            assertThat(pushed.lines()).contains("1: digest: " + digest + " size: "
                    + images.blobs().size(digest));

            images.remove(ref, false, id -> false);
            images.remove("busybox", false, id -> false);
            assertThat(images.blobs().has(busybox.manifest().layers().get(0).digestValue())).isFalse();
            RecordingProgress pulled = new RecordingProgress();
            LocalImages.Image back = Distribution.pull(images, Reference.parse(ref), Authenticator.anonymous(),
                    pulled, Distribution.Options.defaults());

            assertThat(back.manifestDigest()).isEqualTo(digest);
            assertThat(back.id()).isEqualTo(busybox.id());
            assertThat(images.resolve(ref).manifestDigest()).isEqualTo(digest);
            Path rootfs = images.layers().diff(back.diffIds().get(0).toString());
            assertThat(rootfs.resolve("bin/busybox")).isRegularFile();
            assertThat(pulled.statesOf(layer)).containsSubsequence("Pulling fs layer", "Downloading",
                    "Verifying Checksum", "Download complete", "Extracting", "Pull complete");
            assertThat(pulled.lines()).containsSubsequence("Digest: " + digest,
                    "Status: Downloaded newer image for " + ref);

            RecordingProgress again = new RecordingProgress();
            Distribution.pull(images, Reference.parse(ref), Authenticator.anonymous(), again,
                    Distribution.Options.defaults());
            assertThat(again.statesOf(layer)).containsExactly("Already exists");
            assertThat(again.lines()).contains("Status: Image is up to date for " + ref);
        }
    }
}
