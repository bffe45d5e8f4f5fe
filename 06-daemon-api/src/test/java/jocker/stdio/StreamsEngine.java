package jocker.stdio;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jocker.course.Await;
import jocker.course.TestRootfs;
import jocker.engine.ContainerState;
import jocker.engine.CreateRequest;
import jocker.engine.Engine;
import jocker.engine.Stopper;
import jocker.spec.Spec;

/** Test support: an engine on a temporary state directory, its containers' streams, and cleanup. */
final class StreamsEngine implements AutoCloseable {

    final Engine engine;
    final ContainerStreams streams;

    StreamsEngine(Path root) {
        TestRootfs.createImage(root);
        this.engine = new Engine(root);
        this.streams = new ContainerStreams(engine.store());
    }

    /** Creates a container running {@code sh -c script} with these stream options, not started. */
    ContainerState create(String script, StdioOptions options) throws Exception {
        return engine.create(new CreateRequest("busybox", List.of("sh", "-c", script), null, null,
                Spec.DEFAULT_ENV, "/", false).with(options));
    }

    /** Creates and starts a detached container running {@code sh -c script}. */
    ContainerState detached(String script) throws Exception {
        ContainerState created = create(script, StdioOptions.NONE);
        engine.startDetached(created.id());
        return created;
    }

    /** Waits until the container has exited (its exit recorded). */
    ContainerState awaitExit(String id) throws Exception {
        Await.until(Duration.ofSeconds(30), () -> "the exit of " + id,
                () -> ContainerState.EXITED.equals(engine.store().read(id).status()));
        return engine.store().read(id);
    }

    /** The entries of the log that {@code query} selects, read at once. */
    List<LogEntry> entries(String id, LogQuery query) throws Exception {
        List<LogEntry> entries = new ArrayList<>();
        streams.logs(id, query, entries::add);
        return entries;
    }

    /** The bytes of these entries, as text. */
    static String text(List<LogEntry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entries.forEach(e -> out.writeBytes(e.bytes()));
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Kills and removes every container: nothing of a test outlives it. */
    @Override
    public void close() throws Exception {
        for (ContainerState s : engine.store().list()) {
            s.process().ifPresent(p -> {
                p.destroyForcibly();
                Stopper.awaitExit(p, Duration.ofSeconds(10));
            });
            Await.poll(Duration.ofSeconds(5), Duration.ofMillis(20),
                    () -> !ContainerState.RUNNING.equals(engine.store().read(s.id()).status()));
            engine.remove(s.id(), true);
        }
    }
}
