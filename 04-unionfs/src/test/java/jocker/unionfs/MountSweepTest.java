package jocker.unionfs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jocker.course.JockerCommand;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Not graded: the engine mounts a container's layers on the host, so a crash must not leave the mount forever. */
@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(120)
@DisplayName("Layer mounts after a crash")
class MountSweepTest {

    @TempDir
    Path state;

    @BeforeEach
    void image() {
        TestRootfs.create(state.resolve("images/busybox/rootfs"));
    }

    @AfterEach
    void removeAll() throws Exception {
        for (String id : JockerCommand.run(state, "ps", "-a", "-q").out().lines().toList()) {
            JockerCommand.run(state, "rm", "-f", id);
        }
    }

    @Test
    @DisplayName("shim and container killed with SIGKILL: the next jocker command unmounts the container's root")
    void nextCommandUnmounts() throws Exception {
        JockerCommand run = JockerCommand.run(state, "run", "-d", "--name", "m", "busybox", "sleep", "60");
        assertThat(run.status()).as(run.err()).isZero();
        String id = run.out().strip();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).contains(id);

        long pid = new ObjectMapper().readTree(JockerCommand.run(state, "inspect", "m").out()).get(0)
                .at("/State/Pid").asLong();
        ProcessHandle container = ProcessHandle.of(pid).orElseThrow();
        ProcessHandle shim = container.parent().orElseThrow();
        shim.destroyForcibly();
        shim.onExit().get();
        container.destroyForcibly();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (container.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20); // until the host's init has reaped it
        }

        JockerCommand ps = JockerCommand.run(state, "ps", "-a");
        assertThat(ps.out()).contains("Exited (unknown)");
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).as("the host's mounts").doesNotContain(id);
    }
}
