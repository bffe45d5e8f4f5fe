package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jocker.course.RequiresRoot;
import jocker.images.LocalImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jocker -H … pull} and {@code push}: the daemon moves the image,
 * jocker prints the progress the daemon streams.
 */
@RequiresRoot("jockerd's store holds files of every owner")
@Timeout(300)
@DisplayName("jocker -H pull and push through jockerd")
class RemotePullPushTest {

    @TempDir
    Path tmp;

    private Registries.Registry registry;
    private Jockerd daemon;

    @BeforeEach
    void start() throws Exception {
        registry = Registries.jocker(tmp.resolve("registry"));
        Path seed = tmp.resolve("seed");
        new LocalImages(seed).builtIn();
        Registries.skopeoCopy(seed.resolve("oci"), "docker.io/library/busybox:latest", registry.host() + "/lib/bb:1");
        daemon = Jockerd.start(tmp.resolve("d"));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {daemon, registry}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    @DisplayName("pull lands in the daemon's store, push reaches the registry, a missing tag fails with its reason")
    void pullAndPush() throws Exception {
        String image = registry.host() + "/lib/bb:1";
        Jockerd.Result pulled = daemon.jocker("pull", image);
        assertThat(pulled.exit()).as("%s\njockerd's log:\n%s", pulled, daemon.log()).isZero();
        assertThat(pulled.out()).contains("Pull complete", "Digest: sha256:", "Status: Downloaded newer image for "
                + image);
        assertThat(new LocalImages(daemon.root()).find(image)).as("in the daemon's store").isNotNull();

        String copy = registry.host() + "/lib/again:3";
        assertThat(daemon.docker("tag", image, copy).exit()).isZero();
        Jockerd.Result pushed = daemon.jocker("push", copy);
        assertThat(pushed.exit()).as("%s", pushed).isZero();
        Matcher m = Pattern.compile("3: digest: (sha256:[0-9a-f]{64})").matcher(pushed.out());
        assertThat(m.find()).as("%s", pushed).isTrue();
        assertThat(Registries.status("HEAD", "http://" + registry.host() + "/v2/lib/again/manifests/" + m.group(1)))
                .isEqualTo(200);

        Jockerd.Result missing = daemon.jocker("pull", registry.host() + "/lib/bb:nope");
        assertThat(missing.exit()).as("%s", missing).isNotZero();
        assertThat(missing.err()).as("%s", missing).contains("manifest unknown");
    }
}
