package jocker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jocker.course.Graded;
import jocker.course.JockerCommand;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import jocker.images.Descriptor;
import jocker.images.ImageConfig;
import jocker.images.LocalImages;
import jocker.images.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code jocker run}'s options over an image's config, as a user types them. */
@RequiresRoot("containers need root")
@Timeout(180)
@DisplayName("jocker run -u, --entrypoint, --stop-signal")
class ImageRunCliTest {

    @TempDir
    static Path state;

    /** busybox with a passwd of its own, User web and Entrypoint echo. */
    @BeforeAll
    static void image() throws Exception {
        TestRootfs.createImage(state);
        LocalImages images = new LocalImages(state);
        LocalImages.Image busybox = images.builtIn();
        Path tree = Files.createDirectories(state.resolve("tree/etc"));
        Files.writeString(tree.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\nweb:x:33:33::/var/www:/bin/sh\n");
        Files.writeString(tree.resolve("group"), "root:x:0:\nwww-data:x:33:\nstaff:x:50:web\n");
        Descriptor top = images.layerFromTree(tree.getParent());
        List<Descriptor> layers = new ArrayList<>(busybox.manifest().layers());
        layers.add(top);
        List<String> diffIds = new ArrayList<>(busybox.config().rootfs().diffIds());
        diffIds.add(top.digest().toString());
        ImageConfig.Config config = new ImageConfig.Config("web", null, null, List.of("echo", "entrypoint:"),
                List.of("cmd"), null, null, null, null, null);
        images.add(new ImageConfig(Instant.now().toString(), null, "amd64", "linux", config,
                new ImageConfig.RootFs("layers", diffIds), List.of()), layers, Reference.parse("test/web:1"));
    }

    @AfterAll
    static void removeAll() throws Exception {
        JockerCommand.removeAll(state);
    }

    static JockerCommand jocker(String... args) throws Exception {
        return JockerCommand.run(state, args);
    }

    @Test
    @Graded(exercise = "5.9", points = 2)
    @DisplayName("-u takes names of the image's passwd; --entrypoint takes one program, \"\" clears the image's")
    void userAndEntrypoint() throws Exception {
        JockerCommand plain = jocker("run", "--rm", "test/web:1");
        assertThat(plain.out()).as(plain.err()).isEqualTo("entrypoint: cmd\n");

        JockerCommand named = jocker("run", "--rm", "--entrypoint", "sh", "test/web:1", "-c",
                "grep -E '^(Uid|Groups):' /proc/self/status");
        assertThat(named.out()).as(named.err()).containsPattern("Uid:\\s+33\\s+33\\s+33\\s+33\\n")
                .containsPattern("Groups:\\s+50\\s*\\n");

        JockerCommand root = jocker("run", "--rm", "-u", "root", "--entrypoint", "", "test/web:1", "id", "-u");
        assertThat(root.out()).as(root.err()).isEqualTo("0\n");

        JockerCommand unknown = jocker("run", "--rm", "-u", "nosuch", "test/web:1");
        assertThat(unknown.status()).isEqualTo(125);
        assertThat(unknown.err()).contains("unable to find user nosuch: no matching entries in passwd file");
        assertThat(jocker("ps", "-a", "-q").out()).as("no container left").isEmpty();
    }

    @Test
    @DisplayName("an unknown --stop-signal is refused before anything is made; before chapter 5, -u takes numbers only")
    void refusals() throws Exception {
        JockerCommand signal = jocker("run", "--rm", "--stop-signal", "SIGNOPE", "test/web:1");
        assertThat(signal.status()).isEqualTo(125);
        assertThat(signal.err()).contains("invalid signal: SIGNOPE");

        JockerCommand chapter4 = jocker("--chapter", "4", "run", "--rm", "-u", "nobody", "busybox", "id");
        assertThat(chapter4.status()).isEqualTo(125);
        assertThat(chapter4.err()).contains("invalid user \"nobody\"");
        assertThat(jocker("--chapter", "4", "run", "--rm", "-u", "1234", "busybox", "id", "-u").out())
                .isEqualTo("1234\n");
        assertThat(jocker("ps", "-a", "-q").out()).isEmpty();
    }
}
