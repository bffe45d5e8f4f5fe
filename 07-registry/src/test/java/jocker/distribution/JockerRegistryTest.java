package jocker.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import jocker.api.ApiServer;
import jocker.course.RequiresRoot;
import jocker.distribution.auth.Authenticator;
import jocker.images.Descriptor;
import jocker.images.ImageConfig;
import jocker.images.LocalImages;
import jocker.images.Reference;
import jocker.registry.RegistryServer;
import jocker.registry.auth.Access;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The client against the chapter's own registry, in this JVM. */
@RequiresRoot("layers keep their files' owners")
@Timeout(120)
@DisplayName("Push and pull against the Jocker registry")
class JockerRegistryTest {

    @TempDir
    Path tmp;

    private ApiServer registry;
    private String domain;

    @BeforeEach
    void startRegistry() throws Exception {
        registry = RegistryServer.start(new RegistryServer.Options(new InetSocketAddress("127.0.0.1", 0),
                tmp.resolve("registry"), Access.Options.anonymous(), null, null),
                new ApiServer.ApiLog(ApiServer.ApiLog.Level.ERROR,
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        domain = "127.0.0.1:" + registry.address().getPort();
    }

    @AfterEach
    void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @DisplayName("busybox pushed, mounted into a second repository, removed and pulled back, its layer unpacked")
    void pushMountPull() throws Exception {
        LocalImages images = new LocalImages(tmp.resolve("root"));
        LocalImages.Image busybox = images.builtIn();
        String one = domain + "/lib/bb:1";
        String two = domain + "/other/bb:2";
        images.tag("busybox", one);
        images.tag("busybox", two);
        assertThat(Distribution.push(images, Reference.parse(one), Authenticator.anonymous(), Progress.silent(),
                Distribution.Options.defaults())).isEqualTo(busybox.manifestDigest());
        RecordingProgress second = new RecordingProgress();
        Distribution.push(images, Reference.parse(two), Authenticator.anonymous(), second,
                Distribution.Options.defaults());
        String layer = busybox.manifest().layers().get(0).digestValue().shortHex();
        assertThat(second.statesOf(layer)).contains("Mounted from lib/bb");

        for (String name : List.of(one, two, "busybox")) {
            images.remove(name, false, id -> false);
        }
        LocalImages.Image back = Distribution.pull(images, Reference.parse(two), Authenticator.anonymous(),
                Progress.silent(), Distribution.Options.defaults());
        assertThat(back.manifestDigest()).isEqualTo(busybox.manifestDigest());
        assertThat(images.layers().diff(back.diffIds().get(0).toString()).resolve("bin/busybox")).isRegularFile();
        LocalImages.Image byDigest = Distribution.pull(new LocalImages(tmp.resolve("other")),
                Reference.parse(domain + "/lib/bb@" + busybox.manifestDigest()), Authenticator.anonymous(),
                Progress.silent(), Distribution.Options.defaults());
        assertThat(byDigest.references()).extracting(Reference::toString)
                .containsExactly(domain + "/lib/bb@" + busybox.manifestDigest());
    }

    @Test
    @DisplayName("a connection cut in the middle of a chunk: the push goes on from where the registry got")
    void resumesThroughACutConnection() throws Exception {
        LocalImages images = new LocalImages(tmp.resolve("root"));
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        byte[] random = new byte[3 << 20];
        new Random(11).nextBytes(random);
        Files.write(tree.resolve("noise"), random);
        Descriptor layer = images.layerFromTree(tree);
        try (DroppingProxy proxy = new DroppingProxy(registry.address().getPort(), (3 << 20) / 2)) {
            String ref = proxy.domain() + "/lib/noise:1";
            LocalImages.Image image = images.add(new ImageConfig(null, null, "amd64", "linux", null,
                    new ImageConfig.RootFs("layers", List.of(layer.digest())), List.of()), List.of(layer),
                    Reference.parse(ref));
            Pusher pusher = new Pusher(images, Reference.parse(ref), Authenticator.anonymous(), Progress.silent(),
                    new Distribution.Options(Set.of(), 1), 1 << 20);
            assertThat(pusher.push()).isEqualTo(image.manifestDigest());
            assertThat(proxy.cut()).isTrue();

            LocalImages other = new LocalImages(tmp.resolve("other"));
            LocalImages.Image back = Distribution.pull(other, Reference.parse(domain + "/lib/noise:1"),
                    Authenticator.anonymous(), Progress.silent(), Distribution.Options.defaults());
            assertThat(Files.readAllBytes(other.layers().diff(back.diffIds().get(0).toString()).resolve("noise")))
                    .isEqualTo(random);
        }
    }
}
