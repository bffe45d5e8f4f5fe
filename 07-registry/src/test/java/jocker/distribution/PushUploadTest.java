package jocker.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import jocker.distribution.auth.Authenticator;
import jocker.images.Descriptor;
import jocker.images.Digest;
import jocker.images.LocalImages;
import jocker.images.Reference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A push's uploads: in chunks, resumed after a dropped connection. */
@RequiresRoot("layers keep their files' owners")
@Timeout(120)
@DisplayName("Push: chunked and resumable uploads")
class PushUploadTest {

    @TempDir
    Path tmp;

    @Test
    @Graded(exercise = "7.9", points = 10)
    @DisplayName("a chunk whose connection drops midway is resumed from the registry's Range, not sent again whole")
    void resumesAfterADroppedConnection() throws Exception {
        try (FakeRegistry fake = new FakeRegistry()) {
            LocalImages images = new LocalImages(tmp.resolve("root"));
            Path tree = Files.createDirectories(tmp.resolve("tree"));
            byte[] random = new byte[3 << 20];
            new Random(7).nextBytes(random);
            Files.write(tree.resolve("noise"), random);
            Descriptor layer = images.layerFromTree(tree);
            String ref = fake.domain() + "/lib/noise:1";
            LocalImages.Image image = images.add(new jocker.images.ImageConfig(null, null, "amd64", "linux", null,
                    new jocker.images.ImageConfig.RootFs("layers", java.util.List.of(layer.digest())),
                    java.util.List.of()), java.util.List.of(layer), Reference.parse(ref));
            int chunk = 1 << 20;
            fake.dropPatch(2); // the second chunk of the layer: half of it arrives

            Digest pushed = new Pusher(images, Reference.parse(ref), Authenticator.anonymous(), Progress.silent(),
                    new Distribution.Options(java.util.Set.of(), 1), chunk).push();

            assertThat(pushed).isEqualTo(image.manifestDigest());
            assertThat(fake.blobs.get(layer.digest())).isEqualTo(Files.readAllBytes(images.blobs()
                    .path(layer.digestValue())));
            assertThat(fake.requests).anyMatch(r -> r.startsWith("GET /v2/lib/noise/blobs/uploads/"));
            // every byte of the layer arrived once: the lost half chunk was not sent again
            long config = images.blobs().size(image.id());
            assertThat(fake.patchedBytes).isEqualTo(layer.size() + config);
            assertThat(Digest.of(fake.manifests.get("lib/noise:1"))).isEqualTo(image.manifestDigest());
        }
    }

    @Test
    @DisplayName("blobs go up in chunks: a PATCH per chunk with its Content-Range, then PUT ?digest=")
    void chunks() throws Exception {
        try (FakeRegistry fake = new FakeRegistry()) {
            LocalImages images = new LocalImages(tmp.resolve("root"));
            String ref = fake.domain() + "/lib/bb:1";
            LocalImages.Image image = images.builtIn();
            images.tag("busybox", ref);
            int chunk = 256 << 10;
            new Pusher(images, Reference.parse(ref), Authenticator.anonymous(), Progress.silent(),
                    Distribution.Options.defaults(), chunk).push();
            long size = image.manifest().layers().get(0).size();
            long patches = fake.requests.stream().filter(r -> r.startsWith("PATCH")).count();
            assertThat(patches).isEqualTo((size + chunk - 1) / chunk + 1); // the layer's chunks and the config
            assertThat(fake.requests).anyMatch(r -> r.startsWith("PUT") && r.contains("digest=" + image.id()));
        }
    }
}
