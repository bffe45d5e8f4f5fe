package jocker.chroot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import jocker.course.RunningContainer;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import jocker.spec.Spec;

@RequiresRoot("chroot(2) needs CAP_SYS_CHROOT, which only root has")
@Timeout(60)
@DisplayName("Exercise 1.6: root walks out of a chroot jail")
class EscapeTest {

    @TempDir
    static Path state;
    @TempDir
    static Path host;
    static Path rootfs;
    static Jail jail;

    @BeforeAll
    static void setUp() throws Exception {
        rootfs = TestRootfs.create(state.resolve("rootfs")).path();
        Files.writeString(host.resolve("host-marker"), "on the host\n");
        jail = new Jail(state);
    }

    @Test
    @Graded(exercise = "1.6", points = 3)
    @DisplayName("after the escape the command reads a file that exists only on the host")
    void escapedCommandReadsHostFiles() throws Exception {
        Path marker = host.resolve("host-marker");
        var result = jail.run(Spec.of(rootfs, List.of("cat", marker.toString())).withEscape(true));

        assertThat(result.exitValue()).as(result.describe()).isZero();
        assertThat(result.out()).isEqualTo("on the host\n");
    }

    @Test
    @Graded(exercise = "1.6", points = 3)
    @DisplayName("the kernel shows the escaped process's root as the host's /")
    void escapedRootIsTheHostRoot() throws Exception {
        try (RunningContainer c = jail.start(Jail.waiting(rootfs).withEscape(true)).awaitReady()) {
            Path root = Files.readSymbolicLink(Path.of("/proc", Long.toString(c.pid()), "root"));

            assertThat(root).isEqualTo(Path.of("/"));
            assertThat(c.finish()).isZero();
        }
    }
}
