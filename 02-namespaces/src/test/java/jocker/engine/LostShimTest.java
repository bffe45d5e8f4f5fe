package jocker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
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

/**
 * Not graded: a detached container whose shim was killed ({@code kill -9}).
 * Only a process's parent learns its exit status (wait(2)), so nobody can
 * know how the container ended: {@code ps} and {@code inspect} must both
 * say so, from one rule ({@link ContainerSummary#exitCodeOf}).
 */
@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(120)
@DisplayName("A container whose shim was killed: ps and inspect agree that its exit status is unknown")
class LostShimTest {

    @TempDir
    Path state;

    @BeforeEach
    void image() {
        TestRootfs.create(state.resolve("images/busybox/rootfs"));
    }

    @AfterEach
    void removeAll() throws Exception {
        if (Files.isDirectory(state.resolve("containers"))) {
            for (String id : jocker("ps", "-a", "-q").out().lines().toList()) {
                jocker("rm", "-f", id);
            }
        }
    }

    @Test
    @DisplayName("stopped after its shim was killed: ps says Exited (unknown), inspect ExitCode -1 and why")
    void stoppedWithoutShim() throws Exception {
        ProcessHandle container = startAndKillShim("orphan");

        JockerCommand stop = jocker("stop", "-t", "1", "orphan");

        assertThat(stop.status()).as(stop.err()).isZero();
        assertThat(container.isAlive()).isFalse();
        assertUnknownExit("orphan");
    }

    @Test
    @DisplayName("ended unseen after its shim was killed, nothing recorded: ps and inspect say the same")
    void endedUnseen() throws Exception {
        ProcessHandle container = startAndKillShim("unseen");

        container.destroyForcibly();
        assertThat(container.onExit().get().isAlive()).isFalse(); // gone, reaped by PID 1

        assertUnknownExit("unseen");
        assertThat(jocker("rm", "unseen").status()).isZero();
    }

    /** Starts a detached container, kills -9 its shim (the container's parent); returns the container's process. */
    private ProcessHandle startAndKillShim(String name) throws Exception {
        JockerCommand run = jocker("run", "-d", "--name", name, "busybox", "sleep", "1000");
        assertThat(run.status()).as(run.err()).isZero();
        long pid = inspect(name).get("State").get("Pid").asLong();
        ProcessHandle container = ProcessHandle.of(pid).orElseThrow();
        ProcessHandle shim = container.parent().orElseThrow();
        assertThat(shim.info().commandLine().orElse("")).contains(ContainerMonitor.class.getName());

        shim.destroyForcibly(); // SIGKILL
        shim.onExit().get();

        assertThat(container.isAlive()).as("the container outlives its shim").isTrue();
        assertThat(jocker("ps").out()).contains(name, "Up ");
        return container;
    }

    private void assertUnknownExit(String name) throws Exception {
        assertThat(jocker("ps", "-a").out()).containsPattern("Exited \\(unknown\\) +" + name);
        JsonNode s = inspect(name).get("State");
        assertThat(s.get("Status").asText()).isEqualTo("exited");
        assertThat(s.get("Running").asBoolean()).isFalse();
        assertThat(s.get("ExitCode").asInt()).isEqualTo(ContainerSummary.UNKNOWN_EXIT);
        assertThat(s.get("Error").asText()).contains("exit status unknown");
    }

    private JsonNode inspect(String name) throws Exception {
        JockerCommand inspect = jocker("inspect", name);
        assertThat(inspect.status()).as(inspect.err()).isZero();
        return new ObjectMapper().readTree(inspect.out()).get(0);
    }

    private JockerCommand jocker(String... args) throws Exception {
        return JockerCommand.run(state, args);
    }
}
