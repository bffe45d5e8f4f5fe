package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jocker.cgroups.CgroupFeature;
import jocker.course.Await;
import jocker.course.RequiresRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@RequiresRoot("jockerd runs containers, which needs root")
@Timeout(300)
@DisplayName("The real docker CLI manages containers through jockerd")
class DockerCliContainersTest {

    /** A container that ends at once on SIGTERM: stop needs no SIGKILL. */
    private static final String POLITE = "trap 'exit 0' TERM; while true; do sleep 0.2; done";

    @TempDir
    Path tmp;
    Jockerd daemon;

    @BeforeEach
    void start() throws Exception {
        Jockerd.assumeDockerCli();
        daemon = Jockerd.start(tmp.resolve("d"));
        daemon.assertServerIsJocker();
    }

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    /** Runs docker, expecting success; returns its stdout, stripped. */
    private String docker(String... args) throws Exception {
        Jockerd.Result r = daemon.docker(args);
        assertThat(r.exit()).as("docker %s: %s\njockerd's log:\n%s", String.join(" ", args), r,
                Jockerd.tail(daemon.log(), 30)).isZero();
        return r.out().strip();
    }

    private long pid(String container) throws Exception {
        return Long.parseLong(docker("inspect", "-f", "{{.State.Pid}}", container));
    }

    @Test
    @DisplayName("run -d, ps, inspect, stop, ps -a --filter, wait and rm: the process and its exit are real")
    void lifeCycle() throws Exception {
        String id = docker("run", "-d", "--name", "web", "--label", "app=web", "-m", "32m", "busybox", "sh", "-c",
                POLITE);
        assertThat(id).matches("[0-9a-f]{64}");
        assertThat(docker("ps", "--format", "{{.ID}} {{.Names}} {{.Status}}")).startsWith(id.substring(0, 12)
                + " web Up ");
        long pid = pid("web");
        assertThat(ProcessHandle.of(pid)).as("the container's process on the host").isPresent();
        assertThat(docker("inspect", "-f", "{{.Name}} {{.HostConfig.Memory}} {{index .Config.Labels \"app\"}}",
                "web")).isEqualTo("/web 33554432 web");
        Path limit = CgroupFeature.of(id).paths().stream()
                .flatMap(d -> java.util.stream.Stream.of(d.resolve("memory.limit_in_bytes"), d.resolve("memory.max")))
                .filter(Files::exists).findFirst().orElseThrow(); // cgroup v1, or v2
        assertThat(Files.readString(limit).strip()).as("the cgroup's memory limit").isEqualTo("33554432");

        docker("stop", "web");
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("stopped").isEmpty();
        assertThat(docker("ps", "-a", "--filter", "status=exited", "--filter", "label=app=web", "--format",
                "{{.Names}} {{.Status}}")).startsWith("web Exited (0) ");
        assertThat(docker("ps", "-a", "--filter", "label=app=db", "--format", "{{.Names}}")).isEmpty();
        assertThat(docker("ps", "--format", "{{.Names}}")).as("ps lists running ones only").isEmpty();
        assertThat(docker("wait", "web")).isEqualTo("0");
        docker("rm", "web");
        assertThat(docker("ps", "-a", "--format", "{{.Names}}")).isEmpty();
        assertThat(Files.exists(daemon.root().resolve("containers").resolve(id))).isFalse();
    }

    @Test
    @DisplayName("kill gives 137 to wait; rm -f ends a running container and removes it")
    void killAndForce() throws Exception {
        docker("run", "-d", "--name", "killme", "busybox", "sleep", "300");
        docker("run", "-d", "--name", "forceme", "busybox", "sleep", "300");
        long killed = pid("killme");
        long forced = pid("forceme");
        docker("kill", "killme");
        assertThat(docker("wait", "killme")).isEqualTo("137");
        assertThat(ProcessHandle.of(killed).filter(ProcessHandle::isAlive)).isEmpty();
        docker("rm", "-f", "forceme");
        assertThat(ProcessHandle.of(forced).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(docker("ps", "-a", "--format", "{{.Names}}")).isEqualTo("killme");
        // A name that is no hex digits: "f" would also be a prefix of the other container's ID one time in 16.
        Jockerd.Result missing = daemon.docker("inspect", "forceme");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("No such");
    }

    @Test
    @DisplayName("pause freezes the container's cgroup, unpause thaws it")
    void pauseUnpause() throws Exception {
        String id = docker("run", "-d", "--name", "p", "busybox", "sleep", "300");
        Path state = CgroupFeature.of(id).paths().stream().map(d -> d.resolve("freezer.state"))
                .filter(Files::exists).findFirst().orElse(null);
        docker("pause", "p");
        assertThat(docker("ps", "--format", "{{.Status}}")).endsWith("(Paused)");
        if (state != null) { // cgroup v1's freezer
            assertThat(Files.readString(state).strip()).isEqualTo("FROZEN");
        }
        docker("unpause", "p");
        assertThat(docker("ps", "--format", "{{.Status}}")).doesNotContain("Paused");
        if (state != null) {
            assertThat(Files.readString(state).strip()).isEqualTo("THAWED");
        }
    }

    @Test
    @DisplayName("exec runs in the container: its output apart on stdout and stderr, its exit status, its hostname")
    void exec() throws Exception {
        String id = docker("run", "-d", "--name", "x", "busybox", "sleep", "300");
        Jockerd.Result r = daemon.docker("exec", "x", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(r.exit()).as("%s", r).isEqualTo(3);
        assertThat(r.out()).isEqualTo("out\n");
        assertThat(r.err()).isEqualTo("err\n");
        assertThat(docker("exec", "x", "hostname")).isEqualTo(id.substring(0, 12));
    }

    @Test
    @DisplayName("stats --no-stream and top show the container's own processes and memory")
    void statsAndTop() throws Exception {
        docker("run", "-d", "--name", "s", "-m", "64m", "busybox", "sh", "-c", POLITE);
        String pid = Long.toString(pid("s"));
        String stats = docker("stats", "--no-stream", "--format", "{{.Name}}|{{.MemUsage}}|{{.PIDs}}", "s");
        String[] f = stats.split("\\|");
        assertThat(f[0]).isEqualTo("s");
        assertThat(f[1]).endsWith("/ 64MiB");
        assertThat(Integer.parseInt(f[2])).isPositive();
        List<String> top = docker("top", "s").lines().toList();
        assertThat(top.get(0)).contains("PID");
        assertThat(top).anySatisfy(line -> assertThat(line.split("\\s+")).contains(pid));
    }

    @Test
    @DisplayName("diff lists what the container changed; cp copies into it and out of it")
    void diffAndCp() throws Exception {
        docker("run", "-d", "--name", "c", "busybox", "sh", "-c", "echo made > /made; " + POLITE);
        Await.until(Duration.ofSeconds(20), () -> "/made in docker diff",
                () -> daemon.docker("diff", "c").out().lines().toList().contains("A /made"));
        Path in = tmp.resolve("host.txt");
        Files.writeString(in, "from the host\n");
        docker("cp", in.toString(), "c:/tmp/");
        assertThat(docker("exec", "c", "cat", "/tmp/host.txt")).isEqualTo("from the host");
        Path out = tmp.resolve("made.out");
        docker("cp", "c:/made", out.toString());
        assertThat(Files.readString(out)).isEqualTo("made\n");
        docker("stop", "c");
        Path stopped = tmp.resolve("made.stopped");
        docker("cp", "c:/made", stopped.toString());
        assertThat(Files.readString(stopped)).as("cp from a stopped container").isEqualTo("made\n");
    }
}
