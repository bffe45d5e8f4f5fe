package jocker.volumes;

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

/**
 * {@code jocker run -v} and {@code jocker volume}, as a user types them:
 * what the container sees, what the host sees, what the kernel's mount
 * table says.
 */
@RequiresRoot("containers need root")
@Timeout(300)
@DisplayName("volumes and binds")
class VolumesTest {

    @TempDir
    static Path state;
    @TempDir
    static Path host;

    @BeforeAll
    static void image() {
        TestRootfs.createImage(state);
    }

    @AfterAll
    static void removeAll() throws Exception {
        JockerCommand.removeAll(state);
    }

    static JockerCommand jocker(String... args) throws Exception {
        return JockerCommand.run(state, args);
    }

    @Test
    @Graded(exercise = "6.7", points = 2)
    @DisplayName("a file written in a bind is on the host, and the container's mountinfo shows the bind")
    void bindReachesHost() throws Exception {
        Path dir = Files.createDirectories(host.resolve("site"));
        Files.writeString(dir.resolve("index.html"), "from the host\n");
        JockerCommand run = jocker("run", "--rm", "-v", dir + ":/www", "busybox", "sh", "-c",
                "cat /www/index.html; echo from the container > /www/log; grep ' /www ' /proc/self/mountinfo");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("from the host\n");
        // mountinfo(5): the root of the mount within its file system is the host's directory
        assertThat(run.out().lines().skip(1).findFirst().orElse(""))
                .as("the bind in mountinfo: %s", run.out()).contains(" " + dir + " /www rw");
        assertThat(dir.resolve("log")).hasContent("from the container");
    }

    @Test
    @Graded(exercise = "6.7", points = 2)
    @DisplayName(":ro is read-only in the kernel: a write from the container fails with EROFS")
    void readOnlyBind() throws Exception {
        Path dir = Files.createDirectories(host.resolve("conf"));
        Files.writeString(dir.resolve("app.conf"), "x=1\n");
        JockerCommand run = jocker("run", "--rm", "-v", dir + ":/conf:ro", "busybox", "sh", "-c",
                "cat /conf/app.conf; echo x=2 > /conf/app.conf; echo status $?; grep ' /conf ' /proc/self/mountinfo");
        assertThat(run.out()).as(run.err()).startsWith("x=1\nstatus 1\n").contains(" /conf ro,");
        assertThat(run.err()).contains("Read-only file system");
        assertThat(dir.resolve("app.conf")).hasContent("x=1");
    }

    @Test
    @Graded(exercise = "6.7", points = 2)
    @DisplayName("a named volume is made on first use, outlives its container and is seen by the next one")
    void namedVolumeOutlivesContainer() throws Exception {
        JockerCommand first = jocker("run", "--rm", "-v", "notes:/notes", "busybox", "sh", "-c",
                "echo remembered > /notes/n");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(jocker("volume", "ls", "-q").out().lines()).contains("notes");
        JockerCommand second = jocker("run", "--rm", "-v", "notes:/elsewhere:ro", "busybox", "cat", "/elsewhere/n");
        assertThat(second.out()).as(second.err()).isEqualTo("remembered\n");
        assertThat(state.resolve("volumes/notes/_data/n")).hasContent("remembered");
        assertThat(jocker("volume", "inspect", "notes").out()).contains("\"Mountpoint\": \""
                + state.resolve("volumes/notes/_data") + "\"").contains("\"Driver\": \"local\"");
    }

    @Test
    @Graded(exercise = "6.7", points = 2)
    @DisplayName("volume rm refuses a volume that a container uses, even one that has exited")
    void volumeInUse() throws Exception {
        JockerCommand made = jocker("run", "--name", "holder", "-v", "held:/h", "busybox", "true");
        assertThat(made.status()).as(made.err()).isZero();
        JockerCommand refused = jocker("volume", "rm", "held");
        assertThat(refused.status()).isNotZero();
        assertThat(refused.err()).contains("remove held: volume is in use");
        assertThat(state.resolve("volumes/held/_data")).isDirectory();
        assertThat(jocker("rm", "holder").status()).isZero();
        JockerCommand removed = jocker("volume", "rm", "held");
        assertThat(removed.out()).as(removed.err()).isEqualTo("held\n");
        assertThat(state.resolve("volumes/held")).doesNotExist();
    }

    @Test
    @DisplayName("a new volume starts with the image's files at its destination (copy-up); nocopy leaves it empty")
    void copyUp() throws Exception {
        JockerCommand run = jocker("run", "--rm", "-v", "etc-copy:/etc", "busybox", "true");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(state.resolve("volumes/etc-copy/_data/passwd")).isRegularFile();
        jocker("run", "--rm", "-v", "empty:/etc:nocopy", "busybox", "true");
        assertThat(state.resolve("volumes/empty/_data")).isEmptyDirectory();
    }

    @Test
    @DisplayName("-v /dir makes an anonymous volume; --rm removes it, volume prune removes unused ones")
    void anonymousAndPrune() throws Exception {
        jocker("volume", "create", "--label", "keep=no", "spare");
        JockerCommand run = jocker("run", "--rm", "-v", "/scratch", "busybox", "sh", "-c", "echo x > /scratch/x");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(jocker("volume", "ls", "-q").out().lines()).noneMatch(n -> n.matches("[0-9a-f]{64}"));
        JockerCommand prune = jocker("volume", "prune", "-f", "--filter", "label=keep=no");
        assertThat(prune.out()).contains("Deleted Volumes:\nspare\n");
        assertThat(state.resolve("volumes/spare")).doesNotExist();
    }

    @Test
    @DisplayName("bad -v specs are refused before anything is made")
    void refusals() throws Exception {
        JockerCommand relative = jocker("run", "--rm", "-v", "data:relative", "busybox", "true");
        assertThat(relative.status()).isEqualTo(125);
        assertThat(relative.err()).contains("mount path must be absolute");
        JockerCommand proc = jocker("run", "--rm", "-v", host + ":/proc/x", "busybox", "true");
        assertThat(proc.status()).isEqualTo(125);
        JockerCommand dirOnFile = jocker("run", "--rm", "-v", host + ":/etc/passwd", "busybox", "true");
        assertThat(dirOnFile.status()).isEqualTo(125);
        assertThat(dirOnFile.err()).contains("cannot mount a directory on /etc/passwd");
        assertThat(jocker("ps", "-a", "-q").out()).isEmpty();
    }

    @Test
    @DisplayName("a file binds onto a file, made in the image if missing")
    void fileBind() throws Exception {
        Path file = Files.writeString(host.resolve("motd"), "hello\n");
        JockerCommand run = jocker("run", "--rm", "-v", file + ":/etc/motd:ro", "-v", file + ":/new/dir/motd",
                "busybox", "cat", "/etc/motd", "/new/dir/motd");
        assertThat(run.out()).as(run.err()).isEqualTo("hello\nhello\n");
    }

    /**
     * A hostile image: {@code /evil} is a link to a host path. The bind must
     * land inside the container's root (where the image has that path too),
     * and nothing may be made on the host.
     */
    @Test
    @DisplayName("a destination that is a link in the image is resolved inside the root, never on the host")
    void hostileLink() throws Exception {
        Path target = Files.createDirectories(host.resolve("target"));
        Path tree = Files.createDirectories(state.resolve("evil-tree"));
        Files.createDirectories(tree.resolve(Path.of("/").relativize(target)));
        Files.createSymbolicLink(tree.resolve("evil"), target);
        LocalImages images = new LocalImages(state);
        LocalImages.Image busybox = images.builtIn();
        Descriptor top = images.layerFromTree(tree);
        List<Descriptor> layers = new ArrayList<>(busybox.manifest().layers());
        layers.add(top);
        List<String> diffIds = new ArrayList<>(busybox.config().rootfs().diffIds());
        diffIds.add(top.digest().toString());
        images.add(new ImageConfig(Instant.now().toString(), null, "amd64", "linux", ImageConfig.Config.EMPTY,
                new ImageConfig.RootFs("layers", diffIds), List.of()), layers, Reference.parse("test/evil:1"));
        Path source = Files.createDirectories(host.resolve("source"));
        Files.writeString(source.resolve("f"), "bound\n");

        JockerCommand run = jocker("run", "--rm", "-v", source + ":/evil/sub", "test/evil:1", "sh", "-c",
                "cat /evil/sub/f; grep -c ' " + target + "/sub ' /proc/self/mountinfo");
        assertThat(run.out()).as(run.err()).isEqualTo("bound\n1\n");
        assertThat(target.resolve("sub")).as("made on the host").doesNotExist();
    }
}
