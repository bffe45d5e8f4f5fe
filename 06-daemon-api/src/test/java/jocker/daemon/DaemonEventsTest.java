package jocker.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jocker.api.Jockerd;
import jocker.course.Await;
import jocker.course.RequiresRoot;
import jocker.engine.ContainerState;
import jocker.engine.ContainerStore;
import jocker.engine.CreateRequest;
import jocker.engine.Engine;
import jocker.engine.Event;
import jocker.events.EventLog;
import jocker.spec.Spec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * jockerd's events and watchdog, driven by the real docker CLI and by
 * containers that a daemonless engine (as {@code jocker} without {@code -H})
 * runs on the same state directory: their events reach the daemon's clients.
 */
@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(180)
@DisplayName("jockerd: events and the watchdog")
class DaemonEventsTest {

    @TempDir
    Path dir;
    Jockerd daemon;
    Engine engine;

    @BeforeEach
    void setUp() throws Exception {
        Jockerd.assumeDockerCli();
        daemon = Jockerd.start(dir);
        daemon.assertServerIsJocker();
        engine = new Engine(daemon.root());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private ContainerState run(String script) throws Exception {
        ContainerState c = engine.create(new CreateRequest("busybox", List.of("sh", "-c", script), null, null,
                Spec.DEFAULT_ENV, "/", false));
        engine.startDetached(c.id());
        return c;
    }

    private boolean logged(String id, String action) throws Exception {
        return new EventLog(daemon.root()).read().stream()
                .anyMatch(e -> e.actor().id().equals(id) && e.action().equals(action));
    }

    private static String epoch(Instant t) {
        return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
    }

    @Test
    @DisplayName("docker events --since --until prints a container's life, die with its exit code, filtered")
    void sinceUntil() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        ContainerState c = run("exit 3");
        Await.until(Duration.ofSeconds(30), () -> "a die event", () -> logged(c.id(), "die"));
        Instant end = Instant.now().plusSeconds(1);

        Jockerd.Result all = daemon.docker("events", "--since", epoch(start), "--until", epoch(end));
        assertThat(all.exit()).as("%s", all).isZero();
        assertThat(all.out()).contains("container create " + c.id(), "container start " + c.id(),
                "container die " + c.id());
        assertThat(all.out()).contains("exitCode=3", "image=busybox", "name=" + c.name());

        Jockerd.Result dies = daemon.docker("events", "--since", epoch(start), "--until", epoch(end),
                "--filter", "event=die", "--format", "{{.Action}} {{.Actor.ID}} {{index .Actor.Attributes \"exitCode\"}}");
        assertThat(dies.exit()).as("%s", dies).isZero();
        assertThat(dies.out().strip()).isEqualTo("die " + c.id() + " 3");
    }

    @Test
    @DisplayName("a streaming docker events prints an event as it happens")
    void streams() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("docker", "events", "--filter", "type=container",
                "--filter", "event=create", "--format", "{{.Action}} {{.Actor.ID}}");
        daemon.environment(pb.environment());
        Process events = pb.redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(events.getInputStream(),
                    StandardCharsets.UTF_8));
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            });
            Thread.sleep(1500); // the CLI connects; events before that are not its to show
            ContainerState c = engine.create(new CreateRequest("busybox", List.of("true"), null, null,
                    Spec.DEFAULT_ENV, "/", false));
            assertThat(line.get(20, TimeUnit.SECONDS)).isEqualTo("create " + c.id());
        } finally {
            events.destroyForcibly();
            events.waitFor();
        }
    }

    @Test
    @DisplayName("killed with SIGKILL and started again, jockerd restarts an always container that died meanwhile")
    void alwaysAfterKill9() throws Exception {
        ContainerState c = run("sleep 60");
        ContainerStore store = engine.store();
        // as jockerd's create records it (this engine, without a watchdog, would refuse the policy)
        ContainerStore.writeJson(store.dir(c.id()).resolve(RestartRecord.FILE),
                RestartRecord.of(RestartPolicy.parse("always")));
        ProcessHandle first = store.read(c.id()).process().orElseThrow();

        daemon.kill9();
        first.destroyForcibly(); // the container dies while no daemon runs; the monitor records it
        Await.until(Duration.ofSeconds(20), () -> "exit recorded",
                () -> ContainerState.EXITED.equals(store.read(c.id()).status()));
        daemon.launch();

        Await.until(Duration.ofSeconds(30), () -> "running again; jockerd's log:\n" + daemon.log(),
                () -> store.read(c.id()).isRunning());
        assertThat(store.read(c.id()).pid()).isNotEqualTo(first.pid());
        Await.until(Duration.ofSeconds(10), () -> "a second start event", () -> new EventLog(daemon.root()).read()
                .stream().filter(e -> e.type().equals(Event.CONTAINER) && e.action().equals("start")).count() == 2);
    }

    @Test
    @DisplayName("a container jockerd started runs on, the container monitor's child, after jockerd's SIGTERM and kill -9")
    void outlivesTheDaemon() throws Exception {
        Jockerd.Result run = daemon.docker("run", "-d", "busybox", "sleep", "60");
        assertThat(run.exit()).as("%s", run).isZero();
        ProcessHandle container = engine.store().read(run.out().strip()).process().orElseThrow();
        ProcessHandle monitor = container.parent().orElseThrow();
        assertThat(monitor.pid()).isNotEqualTo(daemon.pid());
        assertThat(monitor.parent().map(ProcessHandle::pid)).as("double-forked: not the daemon's child")
                .isNotEqualTo(java.util.Optional.of(daemon.pid()));

        daemon.stop();
        daemon.launch();
        daemon.kill9();

        assertThat(container.isAlive()).isTrue();
        assertThat(container.parent().map(ProcessHandle::pid)).contains(monitor.pid());
        daemon.launch();
        Jockerd.Result ps = daemon.docker("ps", "-q", "--no-trunc");
        assertThat(ps.out()).contains(run.out().strip());
    }
}
