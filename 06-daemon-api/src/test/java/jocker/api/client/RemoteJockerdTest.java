package jocker.api.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import jocker.api.Jockerd;
import jocker.course.RequiresRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jocker -H} against a real {@code jockerd}, side by side with the
 * real docker CLI: both front ends see the same containers. A test whose
 * endpoints the daemon does not serve yet is skipped, naming them.
 */
@RequiresRoot("jockerd runs containers: namespaces, cgroups and mounts need root")
@DisplayName("jocker -H against jockerd, beside docker")
class RemoteJockerdTest {

    @TempDir
    Path tmp;
    Jockerd daemon;
    DaemonClient client;

    @BeforeEach
    void start() throws Exception {
        Jockerd.assumeDockerCli();
        daemon = Jockerd.start(tmp.resolve("d"));
        daemon.assertServerIsJocker();
        client = new DaemonClient(daemon.socket());
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    /** Skips the test unless the daemon serves {@code method path}: a missing route is Docker's "page not found". */
    void assumeServed(String method, String path) throws Exception {
        try {
            client.call(HttpMethod.valueOf(method), path, null);
        } catch (DaemonException e) {
            Assumptions.assumeFalse(e.status() == 404 && e.daemonMessage().equals("page not found"),
                    "jockerd does not serve " + method + " " + path + " yet");
        }
    }

    void assumeContainerEndpoints(String... more) throws Exception {
        assumeServed("GET", "/containers/json");
        assumeServed("POST", "/containers/create");
        assumeServed("POST", "/containers/nosuch-probe/start");
        assumeServed("DELETE", "/containers/nosuch-probe");
        for (String endpoint : more) {
            String[] methodPath = endpoint.split(" ", 2);
            assumeServed(methodPath[0], methodPath[1]);
        }
    }

    /** The jocker CLI in a JVM of its own, as a user runs it, with -H this daemon. */
    Jockerd.Result jocker(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "jocker.cli.Jocker",
                "-H", daemon.host()));
        cmd.addAll(Arrays.asList(args));
        Jockerd.Result r = daemon.run(cmd, null);
        // the test class path has docker-java's SLF4J, which says so on stderr; jocker's own has none
        String err = r.err().lines().filter(l -> !l.startsWith("SLF4J: ")).map(l -> l + "\n")
                .collect(Collectors.joining());
        return new Jockerd.Result(r.exit(), r.out(), err);
    }

    static List<String> lines(String out) {
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
    }

    @Test
    @DisplayName("jocker -H ps lists what docker ps lists: the same IDs and names")
    void psListsWhatDockerPsLists() throws Exception {
        assumeContainerEndpoints();
        for (String name : List.of("remote-a", "remote-b")) {
            Jockerd.Result run = daemon.docker("run", "-d", "--name", name, "busybox", "sleep", "60");
            assertThat(run.exit()).as("%s", run).isZero();
        }

        Jockerd.Result docker = daemon.docker("ps", "--format", "{{.ID}} {{.Names}}");
        Jockerd.Result jocker = jocker("ps");

        assertThat(jocker.exit()).as("%s", jocker).isZero();
        List<String> jockerRows = jocker.out().lines().skip(1)
                .map(l -> l.substring(0, 12) + " " + l.substring(l.lastIndexOf(' ') + 1)).sorted().toList();
        assertThat(jockerRows).hasSize(2).isEqualTo(lines(docker.out()));
    }

    @Test
    @DisplayName("jocker -H run --rm: the output, the container's exit status, and nothing left behind")
    void runInTheForeground() throws Exception {
        assumeContainerEndpoints("POST /containers/nosuch-probe/attach", "POST /containers/nosuch-probe/wait");

        Jockerd.Result run = jocker("run", "--rm", "busybox", "sh", "-c", "echo hi; echo oops >&2; exit 3");

        assertThat(run.exit()).as("%s", run).isEqualTo(3);
        assertThat(run.out()).isEqualTo("hi\n");
        assertThat(run.err()).isEqualTo("oops\n");
        assertThat(daemon.docker("ps", "-aq").out()).as("--rm removed it").isBlank();
    }

    @Test
    @DisplayName("jocker -H exec, stop, logs and rm work on a container that docker started")
    void execLogsAndRemove() throws Exception {
        assumeContainerEndpoints("POST /containers/nosuch-probe/exec", "GET /containers/nosuch-probe/logs",
                "POST /containers/nosuch-probe/stop");
        Jockerd.Result started = daemon.docker("run", "-d", "--name", "w", "busybox", "sh", "-c",
                "echo out; echo err >&2; sleep 60");
        assertThat(started.exit()).as("%s", started).isZero();
        String id = started.out().strip();

        Jockerd.Result exec = jocker("exec", "w", "sh", "-c", "hostname; exit 4");
        assertThat(exec.exit()).as("%s", exec).isEqualTo(4);
        assertThat(exec.out()).isEqualTo(id.substring(0, 12) + "\n");

        Jockerd.Result stop = jocker("stop", "-t", "1", "w");
        assertThat(stop.exit()).as("%s", stop).isZero();
        assertThat(daemon.docker("ps", "-q").out()).as("stopped").isBlank();

        Jockerd.Result logs = jocker("logs", "w");
        boolean logsRemote = !logs.err().contains("logs is not available with -H yet");
        if (logsRemote) {
            assertThat(logs.out()).as("%s", logs).isEqualTo("out\n");
            assertThat(logs.err()).isEqualTo("err\n");
        }

        Jockerd.Result rm = jocker("rm", "w");
        Jockerd.Result missing = jocker("rm", "w");
        assertThat(rm.exit()).as("%s", rm).isZero();
        assertThat(daemon.docker("ps", "-aq").out()).isBlank();
        assertThat(missing.exit()).as("%s", missing).isEqualTo(1);
        assertThat(missing.err()).contains("jocker: Error response from daemon: No such container: w");
        Assumptions.assumeTrue(logsRemote, "this jocker's logs command reads the local state directory only: "
                + logs.err());
    }
}
