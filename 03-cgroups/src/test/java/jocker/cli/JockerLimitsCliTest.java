package jocker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jocker.cgroups.TestJoin;
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

/**
 * The jocker commands of chapter 3 as a user runs them: separate JVMs, real exit statuses and output.
 * Each container asks for the tests' own join ({@code -e JOCKER_TEST_JOIN=1}, {@link TestJoin}), so that
 * these tests of 3.2 to 3.5 pass before exercise 3.6 is done.
 */
@RequiresRoot("containers and cgroups need root")
@Timeout(180)
@DisplayName("The jocker commands of chapter 3")
class JockerLimitsCliTest {

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
    @Graded(exercise = "3.5", points = 3)
    @DisplayName("jocker run -m 32m with a growing string exits 137 and inspect shows OOMKilled: true")
    void oomThroughTheCli() throws Exception {
        JockerCommand run = jocker("run", "-m", "32m", "-e", TestJoin.ENV, "--name", "hog", "busybox", "sh", "-c", "x=a; while true; do x=$x$x; done");
        assertThat(run.status()).as(run.err()).isEqualTo(137);

        JockerCommand inspect = jocker("inspect", "hog");
        assertThat(inspect.status()).as(inspect.err()).isZero();
        assertThat(inspect.out()).containsPattern("\"OOMKilled\"\\s*:\\s*true").containsPattern("\"ExitCode\"\\s*:\\s*137");
        assertThat(jocker("rm", "hog").status()).isZero();
    }

    @Test
    @Graded(exercise = "3.2", points = 3)
    @DisplayName("jocker run --pids-limit 10 reports failed forks instead of 50 sleepers, and leaves nothing behind")
    void pidsThroughTheCli() throws Exception {
        JockerCommand run = jocker("run", "--rm", "--pids-limit", "10", "-e", TestJoin.ENV, "busybox", "sh", "-c",
                "for i in $(seq 50); do sleep 5 & done; wait");

        assertThat(run.out() + run.err()).contains("can't fork");
        assertThat(jocker("ps", "-a", "-q").out()).isEmpty();
        // The store's own .lock stays; no container's directory may.
        assertThat(state.resolve("containers")).isDirectoryNotContaining(Files::isDirectory);
    }

    @Test
    @Graded(exercise = "3.4", points = 2)
    @DisplayName("jocker pause shows the container as paused in ps; unpause and rm -f clean it all up")
    void pauseThroughTheCli() throws Exception {
        JockerCommand started = jocker("run", "-d", "-e", TestJoin.ENV, "--name", "sleeper", "busybox", "sh", "-c", "while true; do sleep 1; done");
        assertThat(started.status()).as(started.err()).isZero();

        assertThat(jocker("pause", "sleeper").status()).isZero();
        assertThat(jocker("ps").out()).contains("(Paused)");
        assertThat(jocker("unpause", "sleeper").status()).isZero();
        assertThat(jocker("ps").out()).doesNotContain("(Paused)").contains("sleeper");
        JockerCommand stats = jocker("stats", "--no-stream", "sleeper");
        assertThat(stats.status()).as(stats.err()).isZero();
        assertThat(stats.out()).contains("sleeper", "MEM USAGE");
        assertThat(jocker("rm", "-f", "sleeper").status()).isZero();
        assertThat(jocker("ps", "-a", "-q").out()).isEmpty();
    }
}
