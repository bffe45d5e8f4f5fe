package jocker.unionfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jocker.engine.ContainerState;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Whole containers on overlayfs: what the kernel did to the upper layer, the lower ones and the host. */
@RequiresRoot("containers and overlay mounts need root")
@Timeout(120)
@DisplayName("Containers on layers")
class LayeredContainerTest {

    @TempDir
    Path state;
    Union union;

    @BeforeEach
    void setUp() {
        union = new Union(state);
    }

    @AfterEach
    void tearDown() throws Exception {
        union.close();
    }

    @Test
    @Graded(exercise = "4.4", points = 3)
    @DisplayName("a file written in the container lands in its upper layer; the image's layer is byte for byte unchanged")
    void writesGoToTheUpperLayer() throws Exception {
        Path image = union.layer("busybox", 0);
        String before = Union.treeDigest(image);

        Union.Run run = union.run("busybox", "echo hello > /greeting; mkdir -p /var/data; echo 1 > /var/data/n; cat /greeting");

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).isEqualTo("hello\n");
        assertThat(union.upper(run.state()).resolve("greeting")).hasContent("hello");
        assertThat(union.upper(run.state()).resolve("var/data/n")).hasContent("1");
        assertThat(image.resolve("greeting")).doesNotExist();
        assertThat(Union.treeDigest(image)).as("the image's layer").isEqualTo(before);
    }

    @Test
    @Graded(exercise = "4.4", points = 1)
    @DisplayName("the engine mounts the union at the bundle's root.path while the container runs, and unmounts it after")
    void theEngineMountsTheRoot() throws Exception {
        ContainerState s = union.detached("busybox", "touch /ready; sleep 30", "ready");
        Path rootfs = union.containers.store().rootfs(s.id());

        String host = Files.readString(Path.of("/proc/self/mountinfo"));
        assertThat(host.lines().filter(l -> l.contains(" " + rootfs + " ")).findFirst().orElse(""))
                .as("the host's mount at " + rootfs).contains(" - overlay overlay ");
        assertThat(rootfs.resolve("ready")).as("the container's file, seen through the host's mount").exists();
        String inside = Files.readString(Path.of("/proc", Long.toString(union.containers.store().read(s.id()).pid()),
                "mountinfo"));
        assertThat(inside.lines().filter(l -> l.contains(" / / ")).findFirst().orElse(""))
                .as("the container's / in its mountinfo").contains(" - overlay overlay ");

        union.containers.stop(s.id(), java.time.Duration.ofSeconds(1));
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).as("the host's mounts after stop")
                .doesNotContain(s.id());
    }

    @Test
    @Graded(exercise = "4.4", points = 3)
    @DisplayName("deleting a lower file hides it and leaves a whiteout (character device 0/0) in the upper layer")
    void deletionLeavesAWhiteout() throws Exception {
        Union.Run run = union.run("busybox", "rm /bin/ls; test -e /bin/ls && echo still there; echo done");

        assertThat(run.out()).isEqualTo("done\n");
        assertThat(Union.stat(union.upper(run.state()).resolve("bin/ls"))).isEqualTo("character special file 0 0");
        assertThat(union.layer("busybox", 0).resolve("bin/ls")).exists();
    }

    @Test
    @Graded(exercise = "4.4", points = 2)
    @DisplayName("a lower directory removed and made again is opaque: its old contents stay hidden")
    void remadeDirectoryIsOpaque() throws Exception {
        Union.Run run = union.run("busybox", "rm -r /etc; mkdir /etc; echo new > /etc/motd; ls -A /etc");

        assertThat(run.out()).isEqualTo("motd\n");
        Path etc = union.upper(run.state()).resolve("etc");
        assertThat(Union.xattr(etc, "trusted.overlay.opaque")).isEqualTo("y");
        assertThat(union.layer("busybox", 0).resolve("etc/passwd")).exists();
    }

    @Test
    @Graded(exercise = "4.4", points = 2)
    @DisplayName("appending to a lower file copies it up whole; the lower file is unchanged")
    void appendCopiesUp() throws Exception {
        Path lower = union.layer("busybox", 0).resolve("etc/passwd");
        String original = Files.readString(lower);

        Union.Run run = union.run("busybox", "echo 'extra:x:1000:1000::/:/bin/sh' >> /etc/passwd");

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(union.upper(run.state()).resolve("etc/passwd"))
                .hasContent(original + "extra:x:1000:1000::/:/bin/sh");
        assertThat(lower).hasContent(original.strip());
        assertThat(Files.readString(lower)).isEqualTo(original);
    }

    @Test
    @Graded(exercise = "4.4", points = 2)
    @DisplayName("two containers of one image do not see each other's changes")
    void containersAreIsolated() throws Exception {
        ContainerState first = union.detached("busybox", "rm /bin/cat; echo first > /who; sleep 30", "who");

        Union.Run second = union.run("busybox",
                "test -e /who && echo sees who; test -e /bin/cat || echo sees no cat; echo second > /who; echo ok");

        assertThat(second.out()).isEqualTo("ok\n");
        assertThat(union.upper(first).resolve("who")).hasContent("first");
        assertThat(union.upper(second.state()).resolve("who")).hasContent("second");
    }

    @Test
    @Graded(exercise = "4.4", points = 3)
    @DisplayName("an image of 128 layers mounts, and the topmost version of a file wins")
    void manyLayers() throws Exception {
        List<String> diffIds = new ArrayList<>(union.images.get("busybox").layers());
        for (int i = 1; i <= 127; i++) {
            int n = i;
            diffIds.add(union.handLayer(dir -> {
                Files.writeString(dir.resolve("v"), n + "\n");
                Files.writeString(dir.resolve("layer-" + n), "");
            }));
        }
        union.image("tall", diffIds);

        Union.Run run = union.run("tall", "cat /v; ls / | grep -c layer-");

        assertThat(run.out()).as("the top layer's /v, and one file of each layer").isEqualTo("127\n127\n");
    }

    @Test
    @DisplayName("removing a container removes its upper layer; the image's layers stay")
    void removeDeletesTheUpperLayer() throws Exception {
        Union.Run run = union.run("busybox", "echo x > /x");
        Path dir = union.containers.store().dir(run.state().id());

        union.containers.remove(run.state().id(), false);

        assertThat(dir).doesNotExist();
        assertThat(union.layer("busybox", 0).resolve("bin/busybox")).exists();
    }
}
