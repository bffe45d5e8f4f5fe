package jocker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(90)
@DisplayName("Exercise 2.7: containers that outlive the command that started them")
class LifecycleTest {

    @TempDir
    Path state;
    TestEngine engine;

    @BeforeEach
    void setUp() {
        engine = new TestEngine(state);
    }

    @AfterEach
    void tearDown() throws Exception {
        engine.close();
    }

    @Test
    @Graded(exercise = "2.7", points = 4)
    @DisplayName("stop ends a container that ignores SIGTERM once the timeout is over: SIGKILL, status 137")
    void stopKillsWhatIgnoresSigterm() throws Exception {
        ContainerState c = engine.detached("stubborn", "trap '' TERM; echo trapped; while true; do sleep 1; done");
        engine.awaitLog(c.id(), "trapped");
        ProcessHandle process = c.process().orElseThrow();

        Instant start = Instant.now();
        ContainerState stopped = engine.containers.stop(c.id(), Duration.ofSeconds(1));
        Duration took = Duration.between(start, Instant.now());

        assertThat(process.isAlive()).isFalse();
        assertThat(stopped.status()).isEqualTo(ContainerState.EXITED);
        assertThat(stopped.exitCode()).isEqualTo(137);
        assertThat(took).as("stop with a 1 s timeout").isBetween(Duration.ofMillis(900), Duration.ofSeconds(8));
    }

    @Test
    @Graded(exercise = "2.7", points = 2)
    @DisplayName("stop lets a container that handles SIGTERM exit on its own: status 0, no SIGKILL")
    void stopAsksFirst() throws Exception {
        ContainerState c = engine.detached("polite", "trap 'exit 0' TERM; echo trapped; while true; do sleep 0.2; done");
        engine.awaitLog(c.id(), "trapped");

        ContainerState stopped = engine.containers.stop(c.id(), Duration.ofSeconds(10));

        assertThat(stopped.exitCode()).isZero();
    }

    @Test
    @Graded(exercise = "2.7", points = 2)
    @DisplayName("rm leaves no directory, mount or process of the container behind")
    void rmLeavesNothing() throws Exception {
        ContainerState c = engine.detached("removable", "while true; do sleep 1; done");
        ProcessHandle process = c.process().orElseThrow();
        Path dir = engine.containers.store().dir(c.id());

        engine.containers.stop(c.id(), Duration.ofSeconds(1));
        engine.containers.remove(c.id(), false);

        assertThat(dir).doesNotExist();
        assertThat(process.isAlive()).isFalse();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(c.id());
        assertThat(engine.containers.store().list()).isEmpty();
    }

    @Test
    @Graded(exercise = "2.7", points = 2)
    @DisplayName("a detached container's stdout and stderr are in its log")
    void detachedOutputIsLogged() throws Exception {
        ContainerState c = engine.detached("chatty", "echo to-out; echo to-err >&2; while true; do sleep 1; done");
        engine.awaitLog(c.id(), "to-err");

        assertThat(engine.log(c.id())).contains("to-out\n", "to-err\n");
        engine.containers.stop(c.id(), Duration.ofSeconds(1));
    }
}
