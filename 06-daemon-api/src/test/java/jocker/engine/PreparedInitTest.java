package jocker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jocker.course.Await;
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
 * Not graded: the init a running monitor prepares when {@code run -d} asks
 * ({@code ContainerMonitor.prepare}), with this chapter's streams: pipes to
 * the monitor, which a zygote can take (chapter 2's test shows that with a
 * log file the monitor prepares none).
 */
@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(120)
@DisplayName("run -d with chapter 6's streams: the container runs in the init its monitor prepared")
class PreparedInitTest {

    @TempDir
    Path state;

    @BeforeEach
    void image() {
        TestRootfs.createImage(state);
    }

    @AfterEach
    void removeAll() throws Exception {
        JockerCommand.removeAll(state);
    }

    @Test
    @DisplayName("the next detached container's PID is that of the init prepared before it was made")
    void nextContainerTakesIt() throws Exception {
        long monitor = parent(runDetached("first"));

        MonitorClient.prelaunch(state, new Engine(state).monitorCommand());
        long[] zygote = new long[1];
        assertThat(Await.poll(Duration.ofSeconds(30), Duration.ofMillis(20), () -> {
            zygote[0] = ProcessHandle.of(monitor).orElseThrow().children()
                    .filter(p -> cmdline(p.pid()).contains("ZygoteInit")).mapToLong(ProcessHandle::pid)
                    .findFirst().orElse(0);
            return zygote[0] != 0;
        })).as("a ZygoteInit child of monitor " + monitor).isTrue();

        long second = runDetached("second");
        assertThat(second).as("the second container's init").isEqualTo(zygote[0]);
        assertThat(parent(second)).isEqualTo(monitor);
        JockerCommand comm = JockerCommand.run(state, "exec", "second", "cat", "/proc/1/comm");
        assertThat(comm.out()).as(comm.err()).isEqualTo("sleep\n");
    }

    /** {@code jocker run -d}, which has exited when this returns; the container's PID. */
    private long runDetached(String name) throws Exception {
        JockerCommand run = JockerCommand.run(state, "run", "-d", "--name", name, "busybox", "sleep", "1000");
        assertThat(run.status()).as(run.err()).isZero();
        JockerCommand inspect = JockerCommand.run(state, "inspect", name);
        return new ObjectMapper().readTree(inspect.out()).get(0).get("State").get("Pid").asLong();
    }

    private static long parent(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("PPid:")).map(l -> Long.parseLong(l.substring(5).strip()))
                .findFirst().orElseThrow();
    }

    private static String cmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
        } catch (java.io.IOException gone) {
            return "";
        }
    }
}
