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
 * Not graded: the one {@link ContainerMonitor} of a state directory, as the
 * kernel sees it: the parent of every detached container, a child
 * subreaper in a session of its own, gone once no container runs.
 */
@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(120)
@DisplayName("One monitor per state directory: the detached containers' parent")
class ContainerMonitorTest {

    @TempDir
    Path state;

    @BeforeEach
    void image() {
        TestRootfs.create(state.resolve("images/busybox/rootfs"));
    }

    @AfterEach
    void removeAll() throws Exception {
        JockerCommand.removeAll(state);
    }

    @Test
    @DisplayName("two detached containers have one parent, a subreaper in its own session that outlives the CLI")
    void oneParent() throws Exception {
        long first = runDetached("one");
        long second = runDetached("two");

        long monitor = parent(first);
        assertThat(parent(second)).isEqualTo(monitor);
        assertThat(Files.readString(Path.of("/proc", Long.toString(monitor), "cmdline")))
                .contains(ContainerMonitor.class.getName(), state.toString());
        // setsid: the terminal's hang-up and Ctrl-C reach neither the monitor nor its containers
        assertThat(session(monitor)).isEqualTo(monitor);
        assertThat(MonitorClient.status(state, new Engine(state).monitorCommand()))
                .isEqualTo("pid " + monitor + " subreaper true");
    }

    @Test
    @DisplayName("the monitor exits once its last container has ended")
    void exitsWhenIdle() throws Exception {
        long monitor = parent(runDetached("last"));

        assertThat(JockerCommand.run(state, "stop", "-t", "1", "last").status()).isZero();

        assertThat(Await.poll(Duration.ofSeconds(20), Duration.ofMillis(50),
                () -> ProcessHandle.of(monitor).isEmpty())).as("monitor " + monitor + " exited").isTrue();
        String inspect = JockerCommand.run(state, "inspect", "last").out();
        assertThat(new ObjectMapper().readTree(inspect).get(0).get("State").get("ExitCode").asInt())
                .as("recorded by the monitor: SIGKILL after the 1 s").isEqualTo(137);
    }

    @Test
    @DisplayName("a monitor that exits removes its own socket, never one bound at that path since (a state directory "
            + "deleted and made anew): without it, no client could reach the monitor that bound it")
    void leavesAnotherMonitorsSocket() throws Exception {
        long monitor = parent(runDetached("old"));
        Path socket = MonitorClient.socket(state);
        Files.delete(socket); // as rm -rf of the state directory does, under the running monitor
        try (java.nio.channels.ServerSocketChannel other =
                     java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            other.bind(java.net.UnixDomainSocketAddress.of(socket)); // the next monitor's
            Object key = Files.readAttributes(socket, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

            assertThat(JockerCommand.run(state, "rm", "-f", "old").status()).isZero();
            assertThat(Await.poll(Duration.ofSeconds(20), Duration.ofMillis(50),
                    () -> ProcessHandle.of(monitor).isEmpty())).as("monitor " + monitor + " exited").isTrue();

            assertThat(socket).as("the other monitor's socket").exists();
            assertThat(Files.readAttributes(socket, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                    .isEqualTo(key);
        } finally {
            Files.deleteIfExists(socket);
        }
    }

    @Test
    @DisplayName("a state directory whose path leaves no room for the monitor's socket: run -d says so at once, "
            + "starts no monitor and leaves no container")
    void socketPathTooLong() throws Exception {
        Path deep = state.resolve("d".repeat(Math.max(1, 110 - state.toString().length())));
        TestRootfs.create(deep.resolve("images/busybox/rootfs"));

        JockerCommand run = JockerCommand.run(deep, "run", "-d", "busybox", "true");

        assertThat(run.status()).isEqualTo(125);
        assertThat(run.err()).contains("too long for the container monitor's socket", "use a shorter --root");
        assertThat(deep.resolve("monitor.log")).as("no monitor started").doesNotExist();
        assertThat(JockerCommand.run(deep, "ps", "-aq").out()).isBlank();
    }

    @Test
    @DisplayName("asked to prepare an init (run -d does, first thing), a monitor whose containers write to a log "
            + "file starts none: only a cold start opens the log")
    void preparesNoInitForALogFile() throws Exception {
        long first = runDetached("first");
        long monitor = parent(first);

        MonitorClient.prelaunch(state, new Engine(state).monitorCommand());
        long second = runDetached("second"); // which asks as well

        assertThat(ProcessHandle.of(monitor).orElseThrow().children().map(ProcessHandle::pid))
                .as("the children of monitor " + monitor).contains(first, second);
        assertThat(ProcessHandle.of(monitor).orElseThrow().children().map(p -> cmdline(p.pid())))
                .as("the children of monitor " + monitor).noneMatch(c -> c.contains("ZygoteInit"));
        // Chapter 6's PreparedInitTest shows one prepared and taken, with streams a zygote can hold.
        assertThat(JockerCommand.run(state, "rm", "-f", "first", "second").status()).isZero();
        assertThat(Await.poll(Duration.ofSeconds(20), Duration.ofMillis(50),
                () -> ProcessHandle.of(monitor).isEmpty())).as("monitor " + monitor + " gone").isTrue();
    }

    private static String cmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
        } catch (java.io.IOException gone) {
            return "";
        }
    }

    /** {@code jocker run -d}, which has exited when this returns; the container's PID. */
    private long runDetached(String name) throws Exception {
        JockerCommand run = JockerCommand.run(state, "run", "-d", "--name", name, "busybox", "sleep", "1000");
        assertThat(run.status()).as(run.err()).isZero();
        JockerCommand inspect = JockerCommand.run(state, "inspect", name);
        long pid = new ObjectMapper().readTree(inspect.out()).get(0).get("State").get("Pid").asLong();
        assertThat(ProcessHandle.of(pid)).as("the container outlives the jocker that started it").isPresent();
        return pid;
    }

    /** PPid in /proc/PID/status: the kernel's word. */
    private static long parent(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("PPid:")).map(l -> Long.parseLong(l.substring(5).strip()))
                .findFirst().orElseThrow();
    }

    /** The session ID, field 6 of /proc/PID/stat (after the command's name in parentheses). */
    private static long session(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }
}
