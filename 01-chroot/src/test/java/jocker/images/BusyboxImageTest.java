package jocker.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import jocker.spec.Bundle;
import jocker.spec.Spec;
import jocker.runtime.InitLauncher;
import jocker.course.ContainerResult;
import jocker.course.ContainerRun;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@RequiresRoot("chroot(2) needs CAP_SYS_CHROOT, which only root has")
@Timeout(60)
@DisplayName("Exercise 1.5: the busybox image")
class BusyboxImageTest {

    @TempDir
    static Path state;
    static Path rootfs;

    @BeforeAll
    static void assemble() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(BusyboxImage.HOST_BUSYBOX),
                "requires /bin/busybox: install the Debian package busybox-static");
        rootfs = state.resolve("rootfs");
        BusyboxImage.fromHost().assemble(rootfs);
    }

    /** The image's links point at /bin/busybox, the host's when seen from outside: remove them as links. */
    @AfterAll
    static void removeRootfs() throws Exception {
        if (rootfs != null) {
            Trees.delete(rootfs);
        }
    }

    @Test
    @Graded(exercise = "1.5", points = 2)
    @DisplayName("the rootfs holds a copy of busybox, executable, and a link for each applet")
    void busyboxAndItsApplets() throws Exception {
        Path busybox = rootfs.resolve("bin/busybox");
        assertThat(busybox).isRegularFile();
        assertThat(Files.isSameFile(busybox, BusyboxImage.HOST_BUSYBOX)).as("a copy, not the host's file").isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(busybox))).isEqualTo("rwxr-xr-x");
        assertThat(Files.readSymbolicLink(rootfs.resolve("bin/sh"))).isEqualTo(Path.of("/bin/busybox"));

        List<String> applets = BusyboxImage.fromHost().applets();
        assertThat(applets).hasSizeGreaterThan(100);
        for (String applet : applets) {
            assertThat(Files.exists(rootfs.resolve(applet), LinkOption.NOFOLLOW_LINKS)).as(applet).isTrue();
        }
    }

    @Test
    @Graded(exercise = "1.5", points = 2)
    @DisplayName("/etc/passwd, /etc/group and /etc/hostname are there, with root as user 0")
    void etcFiles() throws Exception {
        assertThat(Files.readAllLines(rootfs.resolve("etc/passwd"))).anyMatch(l -> l.startsWith("root:x:0:0:"));
        assertThat(Files.readAllLines(rootfs.resolve("etc/group"))).anyMatch(l -> l.startsWith("root:x:0:"));
        assertThat(rootfs.resolve("etc/hostname")).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rootfs.resolve("tmp"))))
                .isEqualTo("rwxrwxrwx");
    }

    @Test
    @Graded(exercise = "1.5", points = 3)
    @DisplayName("a shell runs in the assembled rootfs and knows root by name")
    void aShellRunsInIt() throws Exception {
        List<String> init = InitLauncher.forThisJvm(state).commandLine(Bundle.write(
                Files.createTempDirectory(state, "bundle"),
                Spec.of(rootfs, List.of("sh", "-c", "whoami; ls /bin | grep -c ."))).dir());
        ContainerResult result = new ContainerRun(state, Duration.ofSeconds(15), ProcessBuilder::start).run(init);
        List<String> lines = result.out().lines().toList();

        assertThat(result.exitValue()).as(result.describe()).isZero();
        assertThat(lines.get(0)).isEqualTo("root");
        assertThat(Integer.parseInt(lines.get(1))).isGreaterThan(50);
    }
}
