package jocker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import jocker.course.JockerCommand;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Not graded: what a paused container refuses, and what it still allows. */
@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(120)
@DisplayName("A paused container")
class PausedContainerTest {

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
    @DisplayName("exec into a paused container fails at once, as Docker's does; after unpause it works")
    void execIntoPausedFails() throws Exception {
        JockerCommand run = JockerCommand.run(state, "run", "-d", "--name", "p", "busybox", "sleep", "60");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(JockerCommand.run(state, "pause", "p").status()).isZero();

        JockerCommand exec = JockerCommand.run(state, "exec", "p", "true");
        assertThat(exec.status()).isEqualTo(125);
        assertThat(exec.err()).contains("is paused");

        assertThat(JockerCommand.run(state, "unpause", "p").status()).isZero();
        JockerCommand again = JockerCommand.run(state, "exec", "p", "true");
        assertThat(again.status()).as(again.err()).isZero();
    }

    @Test
    @DisplayName("flag values Docker refuses: -m below 6 MiB, --cpus above the host's CPUs")
    void refusedFlags() throws Exception {
        JockerCommand small = JockerCommand.run(state, "run", "-m", "4m", "busybox", "true");
        assertThat(small.status()).isEqualTo(125);
        assertThat(small.err()).contains("Minimum memory limit allowed is 6MB");

        int cpus = Runtime.getRuntime().availableProcessors();
        JockerCommand many = JockerCommand.run(state, "run", "--cpus", Integer.toString(cpus + 1), "busybox", "true");
        assertThat(many.status()).isEqualTo(125);
        assertThat(many.err()).contains("Range of CPUs");
        assertThat(JockerCommand.run(state, "ps", "-a", "-q").out()).as("nothing was created").isEmpty();
    }
}
