package jocker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jocker.course.Graded;
import jocker.course.JockerCommand;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code jocker} command as a user runs it: a separate JVM, its real
 * exit status and output. The state directory starts with the busybox image
 * already in place, so these tests do not depend on exercise 1.5.
 */
@RequiresRoot("chroot(2) needs CAP_SYS_CHROOT, which only root has")
@Timeout(60)
@DisplayName("The jocker run command")
class JockerRunTest {

    @TempDir
    static Path state;

    @BeforeAll
    static void setUp() {
        TestRootfs.createImage(state);
    }

    static JockerCommand jocker(String... args) throws Exception {
        return JockerCommand.run(state, args);
    }

    @Test
    @Graded(exercise = "1.4", points = 3)
    @DisplayName("jocker run busybox sh -c 'echo $0; exit 3' prints sh and exits 3")
    void exitStatusPropagates() throws Exception {
        JockerCommand run = jocker("run", "busybox", "sh", "-c", "echo $0; exit 3");

        assertThat(run.status()).as(run.err()).isEqualTo(3);
        assertThat(run.out()).isEqualTo("sh\n");
    }

    @Test
    @Graded(exercise = "1.4", points = 2)
    @DisplayName("jocker run exits 137 when the command is killed by SIGKILL, as docker run does")
    void signalDeathPropagates() throws Exception {
        JockerCommand run = jocker("run", "busybox", "sh", "-c", "kill -9 $$");

        assertThat(run.status()).as(run.err()).isEqualTo(137);
    }

    @Test
    @Graded(exercise = "1.4", points = 2)
    @DisplayName("jocker run -e and -w reach the command, and its files are removed afterwards")
    void envAndWorkdirOptions() throws Exception {
        JockerCommand run = jocker("run", "-e", "GREETING=hi there", "-w", "/srv", "busybox", "sh", "-c", "echo $GREETING; pwd");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("hi there\n/srv\n");
        try (Stream<Path> left = Files.list(state.resolve("containers"))) {
            assertThat(left).as("container directories left behind").isEmpty();
        }
    }
}
