package jocker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jocker.course.Graded;
import jocker.course.JockerCommand;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The jocker command as a user runs it: a separate JVM, its exit status and output. */
@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(120)
@DisplayName("The jocker commands of chapter 2")
class JockerCliTest {

    @TempDir
    static Path state;

    @BeforeAll
    static void setUp() {
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
    @Graded(exercise = "2.4", points = 3)
    @DisplayName("jocker run busybox sh -c 'echo $$; hostname; ls /sys/class/net' prints 1, the short ID, lo")
    void runShowsItsOwnWorld() throws Exception {
        JockerCommand run = jocker("run", "--rm", "busybox", "sh", "-c", "echo $$; hostname; ls /sys/class/net");

        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("1");
        assertThat(lines.get(1)).matches("[0-9a-f]{12}");
        assertThat(lines.get(2)).isEqualTo("lo");
        assertThat(jocker("ps", "-a", "-q").out()).as("--rm removed it").isEmpty();
    }

    @Test
    @Graded(exercise = "2.7", points = 4)
    @DisplayName("a detached container can be listed, exec'd into, logged, stopped and removed")
    void detachedLifecycle() throws Exception {
        JockerCommand started = jocker("run", "-d", "--name", "web", "--hostname", "webhost", "busybox", "sh", "-c",
                "echo hello; while true; do sleep 1; done");
        assertThat(started.status()).as(started.err()).isZero();
        String id = started.out().strip();
        assertThat(id).matches("[0-9a-f]{64}");

        assertThat(jocker("ps").out()).contains(id.substring(0, 12), "web", "Up ");
        JockerCommand exec = jocker("exec", "web", "sh", "-c", "hostname; exit 4");
        assertThat(exec.status()).as(exec.err()).isEqualTo(4);
        assertThat(exec.out()).isEqualTo("webhost\n");
        assertThat(jocker("logs", "web").out()).isEqualTo("hello\n");

        assertThat(jocker("stop", "-t", "1", "web").status()).isZero();
        assertThat(jocker("ps", "-a").out()).contains("Exited (137)");
        assertThat(jocker("rm", "web").status()).isZero();
        assertThat(jocker("ps", "-a", "-q").out()).isEmpty();
        assertThat(state.resolve("containers").resolve(id)).doesNotExist();
    }
}
