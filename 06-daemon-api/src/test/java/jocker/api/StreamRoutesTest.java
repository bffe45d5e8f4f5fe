package jocker.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import jocker.course.Await;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import jocker.engine.ContainerState;
import jocker.engine.CreateRequest;
import jocker.engine.Engine;
import jocker.engine.Stopper;
import jocker.spec.Spec;
import jocker.stdio.StdioOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(120)
@DisplayName("The streams' endpoints, called as the server calls them: attach, logs, resize")
class StreamRoutesTest {

    @TempDir
    Path state;
    Engine engine;
    Map<String, Router.Handler> handlers;

    @BeforeEach
    void setUp() {
        TestRootfs.createImage(state);
        engine = new Engine(state);
        handlers = FakeExchange.register(new StreamRoutes(), engine, state);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (ContainerState s : engine.store().list()) {
            s.process().ifPresent(p -> {
                p.destroyForcibly();
                Stopper.awaitExit(p, Duration.ofSeconds(10));
            });
            Await.poll(Duration.ofSeconds(5), Duration.ofMillis(20),
                    () -> !ContainerState.RUNNING.equals(engine.store().read(s.id()).status()));
            engine.remove(s.id(), true);
        }
        // A --rm container's shim records the end (an event, the exit for waiters) after removing it:
        // wait for every shim of this state directory to exit before JUnit deletes the directory.
        Shims.awaitNone(state);
    }

    private ContainerState create(String script, StdioOptions options, boolean autoRemove) throws Exception {
        return engine.create(new CreateRequest("busybox", List.of("sh", "-c", script), null, null,
                Spec.DEFAULT_ENV, "/", autoRemove).with(options));
    }

    @Test
    @DisplayName("attach before start (docker run --rm): all the output as frames, stdin forwarded, closed at exit")
    void attachBeforeStart() throws Exception {
        ContainerState c = create("echo hi; echo err >&2; cat; exit 3", new StdioOptions(false, true, true), true);
        FakeExchange.Response response = new FakeExchange.Response();
        CompletableFuture<Void> attached = CompletableFuture.runAsync(() -> {
            try {
                handlers.get("POST /containers/{id}/attach").handle(FakeExchange.request("POST", c.id(),
                        Map.of("stream", "1", "stdin", "1", "stdout", "1", "stderr", "1")), response);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until(Duration.ofSeconds(10), () -> "the hijack", () -> response.multiplexed != null);
        response.stdin.write("data\n".getBytes(StandardCharsets.UTF_8));
        response.stdin.close();
        engine.startDetached(c.id());

        attached.get(60, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(response.multiplexed).isTrue();
        assertThat(response.frames()).contains("1:hi\n").contains("2:err\n").contains("1:data\n");
        assertThat(response.closed).isTrue();
        // --rm: the shim removes the container just after it records the exit that ended the attach
        Await.until(Duration.ofSeconds(20), () -> "--rm removes the container", () -> engine.store().list().isEmpty());
    }

    @Test
    @DisplayName("logs: multiplexed, stderr apart, timestamps, a follow that ends at exit")
    void logs() throws Exception {
        ContainerState c = create("echo one; sleep 1; echo two >&2; sleep 1; echo three", StdioOptions.NONE, false);
        engine.startDetached(c.id());
        FakeExchange.Response response = new FakeExchange.Response();

        handlers.get("GET /containers/{id}/logs").handle(FakeExchange.request("GET", c.id(),
                Map.of("follow", "1", "stdout", "1", "stderr", "1", "timestamps", "1")), response);

        assertThat(response.status).isEqualTo(200);
        assertThat(response.frames()).matches("(?s)1:\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z one\n"
                + "2:\\S+ two\n1:\\S+ three\n");
    }

    private String log(String id) {
        StringBuilder out = new StringBuilder();
        try {
            new jocker.stdio.ContainerStreams(engine.store()).logs(id, jocker.stdio.LogQuery.all(), e -> {
                out.append(new String(e.bytes(), StandardCharsets.UTF_8));
                return true;
            });
            return out + " " + engine.store().read(id);
        } catch (Exception e) {
            return out + " " + e;
        }
    }

    @Test
    @DisplayName("a TTY's output travels raw, and resize reaches it")
    void ttyRaw() throws Exception {
        ContainerState c = create("read x; stty size", new StdioOptions(true, true, true), false);
        FakeExchange.Response response = new FakeExchange.Response();
        CompletableFuture<Void> attached = CompletableFuture.runAsync(() -> {
            try {
                handlers.get("POST /containers/{id}/attach").handle(FakeExchange.request("POST", c.id(),
                        Map.of("stream", "1", "stdin", "1", "stdout", "1", "stderr", "1")), response);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until(Duration.ofSeconds(10), () -> "the hijack", () -> response.multiplexed != null);
        engine.startDetached(c.id());
        FakeExchange.Response resized = new FakeExchange.Response();
        handlers.get("POST /containers/{id}/resize").handle(FakeExchange.request("POST", c.id(),
                Map.of("h", "12", "w", "34")), resized);
        response.stdin.write("\n".getBytes(StandardCharsets.UTF_8));
        response.stdin.flush();

        Await.until(Duration.ofSeconds(30), () -> "the size; the client got: " + response.body + "; the log: "
                + log(c.id()), () -> response.body.toString(StandardCharsets.UTF_8).contains("12 34"));
        attached.get(60, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(resized.status).isEqualTo(200);
        assertThat(response.multiplexed).isFalse();
        assertThat(response.body.toString(StandardCharsets.UTF_8)).contains("12 34\r\n");
    }
}
