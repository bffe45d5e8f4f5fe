package jocker.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jocker.course.Await;
import jocker.course.RequiresRoot;
import jocker.engine.ContainerState;
import jocker.engine.CreateRequest;
import jocker.engine.Engine;
import jocker.engine.Event;
import jocker.engine.Stopper;
import jocker.events.EventLog;
import jocker.spec.Spec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog in this JVM on an engine of a temporary state directory, as
 * jockerd runs it, with real containers: what it restarts, and how often.
 */
@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(120)
@DisplayName("The restart watchdog")
class WatchdogTest {

    @TempDir
    Path root;
    Engine engine;
    Watchdog watchdog;

    @BeforeEach
    void setUp() throws Exception {
        engine = new Engine(root);
        watchdog = new Watchdog();
        watchdog.start(engine, root, null);
    }

    @AfterEach
    void tearDown() throws Exception {
        watchdog.stop();
        for (ContainerState s : engine.store().list()) {
            s.process().ifPresent(p -> {
                p.destroyForcibly();
                Stopper.awaitExit(p, Duration.ofSeconds(10));
            });
        }
        Thread.sleep(300); // the shims record the exits
        for (ContainerState s : engine.store().list()) {
            engine.remove(s.id(), true);
        }
    }

    private ContainerState started(String policy, String script) throws Exception {
        ContainerState c = engine.create(new CreateRequest("busybox", List.of("sh", "-c", script), null, null,
                Spec.DEFAULT_ENV, "/", false).with(RestartPolicy.parse(policy)));
        engine.startDetached(c.id());
        return c;
    }

    private long count(String id, String action) throws Exception {
        return new EventLog(root).read().stream()
                .filter(e -> e.type().equals(Event.CONTAINER) && e.actor().id().equals(id))
                .filter(e -> e.action().equals(action)).count();
    }

    @SuppressWarnings("unchecked")
    private int restartCount(String id) throws Exception {
        return (Integer) engine.inspect(id).get("RestartCount");
    }

    @Test
    @DisplayName("on-failure:2 runs a failing command three times: RestartCount 2, exited 1")
    void onFailureTwice() throws Exception {
        ContainerState c = started("on-failure:2", "exit 1");
        Await.until(Duration.ofSeconds(60), () -> "three dies", () -> count(c.id(), "die") >= 3);
        Thread.sleep(1500); // a fourth start would come within 400 ms
        assertThat(count(c.id(), "start")).isEqualTo(3);
        assertThat(count(c.id(), "die")).isEqualTo(3);
        assertThat(restartCount(c.id())).isEqualTo(2);
        Map<String, Object> state = (Map<String, Object>) engine.inspect(c.id()).get("State");
        assertThat(state.get("Status")).isEqualTo("exited");
        assertThat(state.get("ExitCode")).isEqualTo(1);
        Map<String, Object> hostConfig = (Map<String, Object>) engine.inspect(c.id()).get("HostConfig");
        assertThat(hostConfig.get("RestartPolicy")).isEqualTo(Map.of("Name", "on-failure", "MaximumRetryCount", 2));
    }

    @Test
    @DisplayName("stop is final for always; a daemon started again brings an always container back")
    void stopThenDaemonRestart() throws Exception {
        ContainerState c = started("always", "sleep 60");
        engine.stop(c.id(), Duration.ofSeconds(1));
        Thread.sleep(1500);
        assertThat(engine.store().read(c.id()).isRunning()).as("restarted after docker stop").isFalse();
        assertThat(count(c.id(), "start")).isEqualTo(1);

        watchdog.stop(); // the daemon stops
        watchdog = new Watchdog();
        watchdog.start(engine, root, null); // and starts again
        Await.until(Duration.ofSeconds(30), () -> "running again", () -> engine.store().read(c.id()).isRunning());
    }

    @Test
    @DisplayName("unless-stopped restarts a container that ended by itself, not after a stop when the daemon starts")
    void unlessStopped() throws Exception {
        ContainerState c = started("unless-stopped", "sleep 0.3; exit 0");
        Await.until(Duration.ofSeconds(30), () -> "restarted", () -> count(c.id(), "start") >= 2);
        Await.until(Duration.ofSeconds(30), () -> "running", () -> engine.store().read(c.id()).isRunning());
        engine.stop(c.id(), Duration.ofSeconds(1));
        watchdog.stop();
        watchdog = new Watchdog();
        watchdog.start(engine, root, null);
        Thread.sleep(1500);
        assertThat(engine.store().read(c.id()).isRunning()).isFalse();
    }
}
