package jocker.cgroups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import jocker.engine.ContainerState;
import jocker.engine.CreateRequest;
import jocker.engine.Engine;
import jocker.engine.Monitor;
import jocker.engine.StdioRelay;
import jocker.namespaces.ZygotePool;
import jocker.runtime.Stdio;
import jocker.spec.Spec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container started from a zygote ({@code jocker.namespaces.Zygote}) gets
 * its cgroup and its limits as a cold one does: the zygote joins the cgroup
 * only when it is taken, so what it did before is charged to its owner and
 * what the command does to the container.
 */
@RequiresRoot("containers and cgroups need root")
@Timeout(120)
@DisplayName("Limits of a container started from a zygote")
class ZygoteLimitsTest {

    @TempDir
    java.nio.file.Path state;
    Engine containers;
    ZygotePool pool;

    @BeforeAll
    static void controllersPresent() {
        String problem = HostCgroups.problem();
        assumeTrue(problem == null, "requires cgroup memory, cpu and pids controllers: " + problem);
    }

    @BeforeEach
    void setUp() {
        TestRootfs.createImage(state);
        containers = new Engine(state);
        pool = ZygotePool.start(containers.launcher());
        ZygotePool.install(pool);
    }

    @AfterEach
    void tearDown() throws Exception {
        ZygotePool.install(null);
        pool.close();
        for (ContainerState s : containers.store().list()) {
            containers.remove(s.id(), true);
        }
    }

    @Test
    @DisplayName("past -m 32m: killed (137), OOMKilled, and the cgroup is gone")
    void memoryLimit() throws Exception {
        long zygote = pool.next().pid();
        ContainerState s = containers.create(request("x=a; while true; do x=$x$x; done")
                .with(Limits.NONE.withMemory(32L << 20)));

        Output out = run(s);

        assertThat(out.pid).as("started from the zygote").isEqualTo(zygote);
        assertThat(out.status).as(out.text).isEqualTo(137);
        assertThat(ContainerResources.read(containers.store(), s.id()).oomKilled()).isTrue();
        assertThat(Cgroups.host().forContainer(s.id()).paths().stream().anyMatch(Files::isDirectory)).isFalse();
    }

    @Test
    @DisplayName("--pids-limit 4: the fifth process cannot be forked; the command sees its cgroup as /")
    void pidsLimit() throws Exception {
        long zygote = pool.next().pid();
        ContainerState s = containers.create(request(
                "cat /proc/self/cgroup | grep pids; for i in 1 2 3 4 5 6; do sleep 2 & done; wait")
                .with(Limits.NONE.withPidsLimit(4)));

        Output out = run(s);

        assertThat(out.pid).isEqualTo(zygote);
        assertThat(out.text).contains("pids:/\n", "can't fork");
    }

    private static CreateRequest request(String script) {
        return new CreateRequest("busybox", List.of("sh", "-c", script), null, null, Spec.DEFAULT_ENV, "/", false);
    }

    private record Output(long pid, int status, String text) {
    }

    /** Runs the container to its end through {@link Monitor#run}, its stdout and stderr read together. */
    private Output run(ContainerState s) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        List<Thread> copies = new ArrayList<>();
        long[] pid = new long[1];
        StdioRelay.Session session = new StdioRelay.Session() {
            @Override
            public Stdio stdio() {
                return new Stdio(Redirect.from(new File("/dev/null")), Redirect.PIPE, Redirect.PIPE);
            }

            @Override
            public void started(Process init) {
                pid[0] = init.pid();
                copies.add(copy(init.getInputStream(), text));
                copies.add(copy(init.getErrorStream(), text));
            }

            @Override
            public void ended() throws InterruptedException {
                for (Thread copy : copies) {
                    copy.join();
                }
            }
        };
        int status = Monitor.run(containers.store(), s.id(), session, containers.launcher());
        return new Output(pid[0], status, text.toString(StandardCharsets.UTF_8));
    }

    private static Thread copy(InputStream from, ByteArrayOutputStream to) {
        Thread thread = new Thread(() -> {
            try {
                byte[] buffer = new byte[8192];
                for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                    synchronized (to) {
                        to.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        thread.start();
        return thread;
    }
}
