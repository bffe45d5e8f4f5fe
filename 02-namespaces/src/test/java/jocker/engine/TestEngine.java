package jocker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jocker.spec.Spec;
import jocker.course.Await;
import jocker.course.TestRootfs;

/** Test support: an engine on a temporary state directory with the busybox image in place. */
final class TestEngine implements AutoCloseable {

    final Path root;
    final Engine containers;

    TestEngine(Path root) {
        this.root = root;
        TestRootfs.createImage(root);
        this.containers = new Engine(root);
    }

    /** Creates and starts a detached container running {@code script}. */
    ContainerState detached(String name, String script) throws Exception {
        ContainerState created = containers.create(new CreateRequest("busybox", List.of("sh", "-c", script), name, null,
                Spec.DEFAULT_ENV, "/", false));
        ContainerState started = containers.startDetached(created.id());
        assertThat(started.status()).as(() -> "status; log: " + log(created.id())).isEqualTo(ContainerState.RUNNING);
        return started;
    }

    String log(String id) {
        try {
            Path log = containers.store().log(id);
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (Exception e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Waits until the log contains {@code text}. */
    void awaitLog(String id, String text) throws Exception {
        Await.until(Duration.ofSeconds(15), () -> "\"" + text + "\" in the log, which holds: " + log(id),
                () -> log(id).contains(text));
    }

    /** Removes every container, running or not: nothing of a test outlives it. */
    @Override
    public void close() throws Exception {
        for (ContainerState s : containers.store().list()) {
            s.process().ifPresent(p -> {
                p.destroyForcibly();
                Stopper.awaitExit(p, Duration.ofSeconds(10));
            });
            containers.store().remove(s.id());
        }
    }
}
