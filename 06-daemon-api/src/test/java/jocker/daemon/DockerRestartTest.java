package jocker.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import jocker.api.Jockerd;
import jocker.course.Await;
import jocker.course.RequiresRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Restart policies and a daemon's restart, through the real docker CLI. */
@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(240)
@DisplayName("docker run --restart, and jockerd killed and started again")
class DockerRestartTest {

    @TempDir
    Path dir;
    Jockerd daemon;

    @BeforeEach
    void setUp() throws Exception {
        Jockerd.assumeDockerCli();
        daemon = Jockerd.start(dir);
        daemon.assertServerIsJocker();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private String inspect(String name, String format) throws Exception {
        return daemon.docker("inspect", "--format", format, name).out().strip();
    }

    @Test
    @DisplayName("on-failure:2 restarts a failing container exactly twice: RestartCount 2, exited 1")
    void onFailureTwice() throws Exception {
        Jockerd.Result run = daemon.docker("run", "-d", "--name", "f", "--restart", "on-failure:2", "busybox",
                "sh", "-c", "exit 1");
        assertThat(run.exit()).as("%s", run).isZero();
        Await.until(Duration.ofSeconds(60), () -> "RestartCount 2; jockerd's log:\n" + daemon.log(),
                () -> inspect("f", "{{.RestartCount}} {{.State.Status}}").equals("2 exited"));
        Thread.sleep(1500);
        assertThat(inspect("f", "{{.RestartCount}} {{.State.Status}} {{.State.ExitCode}} {{.HostConfig.RestartPolicy.Name}}"))
                .isEqualTo("2 exited 1 on-failure");
    }

    @Test
    @DisplayName("docker stop is final for an always container; jockerd killed with SIGKILL and started again "
            + "shows the running ones, which docker stop stops")
    void stopAndAdoption() throws Exception {
        assertThat(daemon.docker("run", "-d", "--name", "a", "--restart", "always", "busybox", "sleep", "60").exit())
                .isZero();
        assertThat(daemon.docker("run", "-d", "--name", "b", "busybox", "sleep", "60").exit()).isZero();
        assertThat(daemon.docker("run", "-d", "--name", "c", "busybox", "sleep", "2").exit()).isZero();
        daemon.kill9();
        Thread.sleep(3000); // c ends while no daemon runs
        daemon.launch();
        Jockerd.Result ps = daemon.docker("ps", "--format", "{{.Names}}");
        assertThat(ps.out().lines().sorted().toList()).as("%s", ps).containsExactly("a", "b");
        assertThat(inspect("c", "{{.State.Status}} {{.State.ExitCode}}")).isEqualTo("exited 0");
        Jockerd.Result stop = daemon.docker("stop", "-t", "1", "a", "b");
        assertThat(stop.exit()).as("%s", stop).isZero();
        Thread.sleep(1500);
        assertThat(daemon.docker("ps", "-q").out().strip()).as("always stays stopped after docker stop").isEmpty();
        assertThat(inspect("a", "{{.RestartCount}}")).isEqualTo("0");
    }
}
