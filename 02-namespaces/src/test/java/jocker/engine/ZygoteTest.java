package jocker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jocker.course.Await;
import jocker.course.RequiresRoot;
import jocker.namespaces.Namespace;
import jocker.namespaces.Zygote;
import jocker.namespaces.ZygotePool;
import jocker.runtime.Stdio;
import jocker.spec.Spec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container whose init was a {@link Zygote} is the container a cold start
 * makes: the same from inside (its PID, hostname, network devices, mounts,
 * capabilities, seccomp, cgroup, exit status) and new namespaces seen from
 * the host. Each is started through {@link Monitor#run}, as the engine does,
 * once with a {@link ZygotePool} installed and once without.
 */
@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(120)
@DisplayName("A zygote: an init started in advance")
class ZygoteTest {

    /** What the container says about itself; its namespaces' inodes last, apart. */
    private static final String PROBE = String.join("\n",
            "echo pid=$$", "hostname", "echo devices:", "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '",
            "grep -E '^(Cap|Seccomp|NoNewPrivs|NSpid|Threads)' /proc/1/status", "cat /proc/1/cgroup",
            "awk '{print $1, $2, $3, $4}' /proc/mounts", "ls /dev", "echo namespaces:",
            "for n in pid uts ipc net mnt cgroup; do readlink /proc/1/ns/$n; done", "exit 7");

    @TempDir
    Path root;
    TestEngine engine;
    ZygotePool pool;

    @BeforeEach
    void setUp() {
        engine = new TestEngine(root);
        pool = ZygotePool.start(engine.containers.launcher());
    }

    @AfterEach
    void tearDown() throws Exception {
        ZygotePool.install(null);
        pool.close();
        engine.close();
    }

    @Test
    @DisplayName("a container started from a zygote is the container a cold start makes")
    void sameAsCold() throws Exception {
        long zygote = pool.next().pid();
        String zygotePidNamespace = Namespace.PID.inode(zygote);
        Run warm = run(PROBE, pool);
        Run cold = run(PROBE, null);

        assertThat(warm.pid).as("the zygote became the container").isEqualTo(zygote);
        assertThat(cold.pid).isNotEqualTo(zygote);
        assertThat(warm.status).as(warm.err).isEqualTo(7);
        assertThat(cold.status).as(cold.err).isEqualTo(7);
        assertThat(warm.err).isEmpty();
        assertThat(warm.report()).isEqualTo(cold.report())
                .contains("pid=1\nbox\ndevices:\nlo\n", "proc /proc proc", "Seccomp:\t2", "CapEff:\t00000000a80425fb");
        assertThat(warm.namespaces()).as("made in advance: the zygote's PID namespace")
                .contains(zygotePidNamespace);
        for (Run run : List.of(warm, cold)) {
            for (Namespace ns : Namespace.values()) {
                assertThat(run.namespaces()).as(ns.procName()).doesNotContain(ns.inode(ProcessHandle.current().pid()));
            }
        }
    }

    @Test
    @DisplayName("exec joins a container started from a zygote: its namespaces, its files")
    void execJoins() throws Exception {
        long zygote = pool.next().pid();
        ContainerState c = engine.containers.create(request("echo inside > /tmp/mark; sleep 60"));
        ZygotePool.install(pool);
        Thread monitor = new Thread(() -> {
            try {
                Monitor.run(engine.containers.store(), c.id(), new Captured(), engine.containers.launcher());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        monitor.start();
        Throwable failed = null;
        try {
            Await.until(java.time.Duration.ofSeconds(30), () -> "the container running",
                    () -> engine.containers.store().read(c.id()).status().equals(ContainerState.RUNNING));
            ZygotePool.install(null);
            assertThat(engine.containers.store().read(c.id()).pid()).isEqualTo(zygote);
            Path out = root.resolve("exec.out");
            int status = engine.containers.exec(c.id(), List.of("sh", "-c",
                    "sleep 0.2; cat /tmp/mark; for n in cgroup ipc mnt net pid uts; do readlink /proc/self/ns/$n; done"),
                    List.of(), null, new Stdio(Redirect.from(new File("/dev/null")), Redirect.to(out.toFile()),
                            Redirect.INHERIT));
            assertThat(status).isZero();
            List<String> expected = new java.util.ArrayList<>(List.of("inside"));
            for (Namespace ns : List.of(Namespace.CGROUP, Namespace.IPC, Namespace.MNT, Namespace.NET,
                    Namespace.PID, Namespace.UTS)) {
                expected.add(ns.inode(zygote));
            }
            assertThat(Files.readAllLines(out)).isEqualTo(expected);
        } catch (Throwable t) {
            failed = t;
            throw t;
        } finally {
            ProcessHandle.of(zygote).ifPresent(ProcessHandle::destroyForcibly);
            // If the container started cold after all (the zygote not ready, say), it is another
            // process, running sleep 60: killed too, so that a failure shows its assertion.
            long pid = engine.containers.store().read(c.id()).pid();
            if (pid > 0) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            monitor.join(45_000);
            if (monitor.isAlive()) {
                // Killed, yet its monitor still waits: say what every process is doing rather than hang.
                AssertionError stuck = new AssertionError("the monitor still waits for container " + pid
                        + " (zygote " + zygote + ") 45 s after both were killed; processes:\n"
                        + new String(new ProcessBuilder("ps", "-e", "-o", "pid,ppid,stat,wchan:24,args")
                                .redirectErrorStream(true).start().getInputStream().readAllBytes(),
                                StandardCharsets.UTF_8));
                if (failed != null) {
                    stuck.addSuppressed(failed);
                }
                throw stuck;
            }
        }
    }

    @Test
    @DisplayName("a zygote holds no mount namespace and no cgroup of its own, and close() leaves no process")
    void closeLeavesNothing() throws Exception {
        Zygote zygote = pool.next();
        assertThat(zygote.awaitReady()).isTrue();
        long pid = zygote.pid();
        long self = ProcessHandle.current().pid();
        assertThat(Namespace.MNT.inode(pid)).isEqualTo(Namespace.MNT.inode(self));
        assertThat(Namespace.NET.inode(pid)).isNotEqualTo(Namespace.NET.inode(self));
        assertThat(Files.readString(Path.of("/proc", Long.toString(pid), "cgroup")))
                .isEqualTo(Files.readString(Path.of("/proc/self/cgroup")));

        pool.close();

        assertThat(ProcessHandle.of(pid)).as("the zygote, killed and reaped").isEmpty();
    }

    @Test
    @DisplayName("a container with a terminal, or streams that are not pipes, starts cold")
    void unsuitedStartsCold() throws Exception {
        long zygote = pool.next().pid();
        Spec spec = Spec.of(root, List.of("true"));
        spec.linux().namespaces.clear();
        assertThat(Zygote.suits(spec, Stdio.pipes())).as("no namespaces asked").isFalse();
        ContainerState c = engine.containers.create(request("echo inherited"));
        Spec full = engine.containers.store().bundle(c.id()).read();
        assertThat(Zygote.suits(full, Stdio.pipes())).isTrue();
        assertThat(Zygote.suits(full, Stdio.inherit())).isFalse();
        full.process.terminal = true;
        assertThat(Zygote.suits(full, Stdio.pipes())).as("with a terminal").isFalse();
        full.process.terminal = null;
        assertThat(pool.take(engine.containers.launcher(), root, full, Stdio.inherit())).isEmpty();
        assertThat(pool.next().pid()).as("the zygote is still there for the next").isEqualTo(zygote);
    }

    @Test
    @DisplayName("a zygote given the caller's own stdin opens that very pipe or device, and reads none of it")
    void takesTheCallersStdin() throws Exception {
        String mine = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
        org.junit.jupiter.api.Assumptions.assumeTrue(mine.startsWith("pipe:") || mine.startsWith("/dev/"),
                "this JVM's stdin is " + mine + ", which a zygote does not take (only a pipe or a device)");
        long zygote = pool.next().pid();
        ContainerState c = engine.containers.create(request("readlink /proc/self/fd/0; exit 3"));
        Captured streams = new Captured(Redirect.INHERIT);
        ZygotePool.install(pool);
        int status;
        try {
            status = Monitor.run(engine.containers.store(), c.id(), streams, engine.containers.launcher());
        } finally {
            ZygotePool.install(null);
        }
        assertThat(streams.pid).as("started from the zygote").isEqualTo(zygote);
        assertThat(status).as(streams.err.toString(StandardCharsets.UTF_8)).isEqualTo(3);
        assertThat(streams.out.toString(StandardCharsets.UTF_8)).as("the same %s, not a copy", mine)
                .isEqualTo(mine + "\n");
    }

    @Test
    @DisplayName("a pool made once starts one zygote and no next; closed untaken, it leaves no process")
    void once() throws Exception {
        ZygotePool one = ZygotePool.once(engine.containers.launcher(), Stdio.pipes());
        try {
            long zygote = one.next().pid();
            Run first = run("exit 5", one);
            Run second = run("exit 6", one);
            assertThat(first.pid).as("the first container: the zygote").isEqualTo(zygote);
            assertThat(first.status).as(first.err).isEqualTo(5);
            assertThat(second.pid).as("the second: cold, no next zygote").isNotEqualTo(zygote);
            assertThat(second.status).as(second.err).isEqualTo(6);
        } finally {
            one.close();
        }
        ZygotePool untaken = ZygotePool.once(engine.containers.launcher(), Stdio.pipes());
        long pid = untaken.next().pid();
        untaken.close();
        assertThat(ProcessHandle.of(pid)).as("the untaken zygote, killed and reaped").isEmpty();
    }

    private static CreateRequest request(String script) {
        return new CreateRequest("busybox", List.of("sh", "-c", script), null, "box", Spec.DEFAULT_ENV, "/", false);
    }

    /** Runs {@code script} to its end through {@link Monitor#run}, with {@code zygotes} installed (null: none). */
    private Run run(String script, ZygotePool zygotes) throws Exception {
        ContainerState c = engine.containers.create(request(script));
        Captured streams = new Captured();
        ZygotePool.install(zygotes);
        try {
            int status = Monitor.run(engine.containers.store(), c.id(), streams, engine.containers.launcher());
            return new Run(streams.pid, status, streams.out.toString(StandardCharsets.UTF_8).replace(c.id(), "ID"),
                    streams.err.toString(StandardCharsets.UTF_8));
        } finally {
            ZygotePool.install(null);
        }
    }

    private record Run(long pid, int status, String out, String err) {

        String report() {
            return out.substring(0, out.indexOf("namespaces:"));
        }

        List<String> namespaces() {
            return out.substring(out.indexOf("namespaces:")).lines().skip(1).toList();
        }
    }

    /** The streams of a container that the test reads: no stdin, stdout and stderr through pipes. */
    private static final class Captured implements StdioRelay.Session {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final List<Thread> copies = new java.util.ArrayList<>();
        private final Redirect in;
        long pid;

        Captured() {
            this(Redirect.from(new File("/dev/null")));
        }

        Captured(Redirect in) {
            this.in = in;
        }

        @Override
        public Stdio stdio() {
            return new Stdio(in, Redirect.PIPE, Redirect.PIPE);
        }

        @Override
        public void started(Process init) {
            pid = init.pid();
            copies.add(copy(init.getInputStream(), out));
            copies.add(copy(init.getErrorStream(), err));
        }

        @Override
        public void ended() throws InterruptedException {
            for (Thread copy : copies) {
                copy.join();
            }
        }

        private static Thread copy(InputStream from, ByteArrayOutputStream to) {
            Thread thread = new Thread(() -> {
                try {
                    from.transferTo(to);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            thread.start();
            return thread;
        }
    }
}
