package jocker.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jocker.namespaces.ContainerProcess;
import jocker.namespaces.ZygotePool;
import jocker.runtime.Stdio;
import jocker.spec.Spec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: figures. {@code busybox true} started through {@link Monitor#run}
 * from a ready zygote and cold, interleaved; prints min, median and max of
 * the time from the start's request to the container's exit. Runs only with
 * {@code -Djocker.bench.zygote=ROUNDS}:
 * <pre>
 * ./mvnw -B -o test -pl solutions/02-namespaces -am -Dtest=ZygoteBenchmark -Djocker.bench.zygote=20 \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dskeleton.skip -Dmutation.skip -Dbook.skip
 * </pre>
 */
@DisplayName("zygote benchmark (figures, no assertions)")
class ZygoteBenchmark {

    @TempDir
    Path root;

    @Test
    @DisplayName("busybox true: from a zygote and cold, interleaved")
    void startToExit() throws Exception {
        String rounds = System.getProperty("jocker.bench.zygote");
        assumeTrue(rounds != null, "a benchmark: run with -Djocker.bench.zygote=ROUNDS");
        List<Long> warm = new ArrayList<>();
        List<Long> cold = new ArrayList<>();
        List<Long> ready = new ArrayList<>();
        List<Long> warmRuntime = new ArrayList<>();
        List<Long> coldRuntime = new ArrayList<>();
        try (TestEngine engine = new TestEngine(root); ZygotePool pool = ZygotePool.start(engine.containers.launcher())) {
            for (int i = 0; i < Integer.parseInt(rounds) + 1; i++) { // the first round warms the test JVM
                long spawned = System.nanoTime();
                pool.next().awaitReady(); // not timed: the zygote made in the background after the last take
                long readyNs = System.nanoTime() - spawned;
                long w = time(engine, pool);
                long c = time(engine, null);
                pool.next().awaitReady();
                long wr = timeRuntime(engine, pool);
                long cr = timeRuntime(engine, null);
                if (i > 0) {
                    warmRuntime.add(wr);
                    coldRuntime.add(cr);
                    warm.add(w);
                    cold.add(c);
                    ready.add(readyNs);
                }
            }
        }
        System.out.println("load: " + Files.readString(Path.of("/proc/loadavg")).trim() + ", JDK "
                + Runtime.version());
        System.out.println(line("zygote", warm));
        System.out.println(line("cold", cold));
        System.out.println(line("runtime only, zygote", warmRuntime));
        System.out.println(line("runtime only, cold", coldRuntime));
        System.out.println(line("(zygote ready after)", ready));
        System.out.printf("zygote / cold: %.2f (medians)%n", median(warm) / (double) median(cold));
    }

    /** Nanoseconds from Monitor.run's call to its return, for a new {@code true} container. */
    private static long time(TestEngine engine, ZygotePool zygotes) throws Exception {
        ContainerState c = engine.containers.create(new CreateRequest("busybox", List.of("true"), null, null,
                Spec.DEFAULT_ENV, "/", false));
        StdioRelay.Session streams = () -> new Stdio(Redirect.from(new File("/dev/null")), Redirect.PIPE,
                Redirect.PIPE);
        ZygotePool.install(zygotes);
        try {
            long start = System.nanoTime();
            int status = Monitor.run(engine.containers.store(), c.id(), streams, engine.containers.launcher());
            long took = System.nanoTime() - start;
            if (status != 0) {
                throw new IllegalStateException("true exited " + status);
            }
            engine.containers.store().remove(c.id());
            return took;
        } finally {
            ZygotePool.install(null);
        }
    }

    /** Nanoseconds from ContainerProcess.start's call to the init's exit: no records, no events. */
    private static long timeRuntime(TestEngine engine, ZygotePool zygotes) throws Exception {
        ContainerState c = engine.containers.create(new CreateRequest("busybox", List.of("true"), null, null,
                Spec.DEFAULT_ENV, "/", false));
        Path bundle = engine.containers.store().bundle(c.id()).dir();
        Spec spec = engine.containers.store().bundle(c.id()).read();
        Stdio stdio = new Stdio(Redirect.from(new File("/dev/null")), Redirect.PIPE, Redirect.PIPE);
        ZygotePool.install(zygotes);
        try {
            long start = System.nanoTime();
            Process init = ContainerProcess.start(engine.containers.launcher(), bundle, spec, stdio);
            int status = init.waitFor();
            long took = System.nanoTime() - start;
            if (status != 0) {
                throw new IllegalStateException("true exited " + status + ": "
                        + new String(init.getErrorStream().readAllBytes()));
            }
            engine.containers.store().remove(c.id());
            return took;
        } finally {
            ZygotePool.install(null);
        }
    }

    private static long median(List<Long> ns) {
        List<Long> sorted = new ArrayList<>(ns);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String line(String what, List<Long> ns) {
        return String.format("%-22s min %6.1f  median %6.1f  max %6.1f ms  (%d rounds)", what,
                Collections.min(ns) / 1e6, median(ns) / 1e6, Collections.max(ns) / 1e6, ns.size());
    }
}
