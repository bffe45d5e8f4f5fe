package jocker.chroot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import jocker.course.RunningContainer;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@RequiresRoot("chroot(2) needs CAP_SYS_CHROOT, which only root has")
@Timeout(60)
@DisplayName("Exercise 1.1: the chroot jail")
// The init enters the jail, then a probe reports from inside instead of the command: see JailProbe.
class ChrootJailTest {

    @TempDir
    static Path state;
    @TempDir
    static Path host;
    static Path rootfs;
    static Jail jail;

    @BeforeAll
    static void setUp() throws Exception {
        rootfs = TestRootfs.create(state.resolve("rootfs")).path();
        Files.writeString(rootfs.resolve("etc/jail-marker"), "inside the jail\n");
        Files.writeString(host.resolve("host-marker"), "on the host\n");
        jail = new Jail(state);
    }

    @Test
    @Graded(exercise = "1.1", points = 3)
    @DisplayName("the jailed process sees the rootfs's files and not a file that exists only on the host")
    void seesOnlyTheRootfs() throws Exception {
        Path hostMarker = host.resolve("host-marker");
        var result = jail.probe(Jail.sh(rootfs, "true"), "cat", "/etc/jail-marker", "exists", hostMarker.toString());

        assertThat(result.exitValue()).as(result.describe()).isZero();
        assertThat(result.out()).isEqualTo("inside the jail\nhidden\n");
    }

    @Test
    @Graded(exercise = "1.1", points = 3)
    @DisplayName("the kernel shows the rootfs as the container process's root: /proc/<pid>/root")
    void procRootIsTheRootfs() throws Exception {
        try (RunningContainer c = jail.startProbe(Jail.waiting(rootfs)).awaitReady()) {
            Path root = Files.readSymbolicLink(Path.of("/proc", Long.toString(c.pid()), "root"));

            assertThat(root).isEqualTo(rootfs.toRealPath());
            assertThat(c.finish()).isZero();
        }
    }

    @Test
    @Graded(exercise = "1.1", points = 2)
    @DisplayName("the working directory is / of the jail, not a directory left outside it")
    void workingDirectoryIsTheJailRoot() throws Exception {
        try (RunningContainer c = jail.startProbe(Jail.waiting(rootfs)).awaitReady()) {
            Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(c.pid()), "cwd"));

            assertThat(cwd).isEqualTo(rootfs.toRealPath());
            assertThat(c.finish()).isZero();
        }
    }

    @Test
    @Graded(exercise = "1.1", points = 2)
    @DisplayName("a failed chroot(2) names the call, its argument and the errno: exit 125")
    void failedChrootIsNamed() throws Exception {
        Path missing = state.resolve("no-such-rootfs");
        var result = jail.probe(Jail.sh(missing, "true"));

        assertThat(result.exitValue()).as(result.describe()).isEqualTo(125);
        assertThat(result.err()).contains("chroot(\"" + missing + "\"): ENOENT (No such file or directory)");
    }
}
