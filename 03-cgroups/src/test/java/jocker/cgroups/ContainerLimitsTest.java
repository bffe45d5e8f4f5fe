package jocker.cgroups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jocker.spec.Spec;
import jocker.runtime.Stdio;
import jocker.engine.ContainerState;
import jocker.engine.Engine;
import jocker.engine.CreateRequest;
import jocker.course.Await;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole containers with limits: the engine, its hooks and the init's late join, on this host's cgroups.
 * The tests of 3.2 to 3.5 have the init join with {@link TestJoin} too; those of 3.6 only with the student's.
 */
@RequiresRoot("containers and cgroups need root")
@Timeout(120)
@DisplayName("Containers with limits")
class ContainerLimitsTest {

    @TempDir
    Path state;
    Engine containers;

    @BeforeAll
    static void controllersPresent() {
        String problem = HostCgroups.problem();
        assumeTrue(problem == null, "requires cgroup memory, cpu and pids controllers: " + problem);
    }

    @BeforeEach
    void setUp() {
        TestRootfs.createImage(state);
        containers = new Engine(state);
    }

    @AfterEach
    void removeAll() throws Exception {
        for (ContainerState s : containers.store().list()) {
            containers.remove(s.id(), true);
        }
    }

    /**
     * A container whose init joins its cgroup with the tests' own step
     * ({@link TestJoin}) as well as with exercise 3.6's: the tests of 3.2 to
     * 3.5 pass before 3.6 is done.
     */
    private ContainerState create(String script, Limits limits) throws Exception {
        return create(script, limits, true);
    }

    /** {@code testJoin} false: only exercise 3.6 puts the command into its cgroup. */
    private ContainerState create(String script, Limits limits, boolean testJoin) throws Exception {
        List<String> env = new ArrayList<>(Spec.DEFAULT_ENV);
        if (testJoin) {
            env.add(TestJoin.ENV);
        }
        CreateRequest request = new CreateRequest("busybox", List.of("sh", "-c", script), null, null,
                env, "/", false);
        return containers.create(limits.equals(Limits.NONE) ? request : request.with(limits));
    }

    private int runToEnd(ContainerState s) throws Exception {
        Path out = state.resolve("out.txt");
        return containers.runForeground(s.id(), new Stdio(Redirect.from(new File("/dev/null")),
                Redirect.to(out.toFile()), Redirect.to(out.toFile())));
    }

    private static boolean cgroupExists(String id) {
        return Cgroups.host().forContainer(id).paths().stream().anyMatch(Files::isDirectory);
    }

    @Test
    @Graded(exercise = "3.5", points = 4)
    @DisplayName("a container that grows past -m 32m exits 137 with OOMKilled, and its cgroup is gone")
    void oomKilledContainer() throws Exception {
        ContainerState s = create("x=a; while true; do x=$x$x; done", Limits.NONE.withMemory(32L << 20));

        assertThat(runToEnd(s)).isEqualTo(137);
        assertThat(ContainerResources.read(containers.store(), s.id()).oomKilled()).isTrue();
        assertThat(cgroupExists(s.id())).as("cgroup after the OOM").isFalse();
    }

    @Test
    @Graded(exercise = "3.5", points = 2)
    @DisplayName("the same growth, bounded, completes under a larger limit: not OOMKilled")
    void boundedGrowthCompletes() throws Exception {
        ContainerState s = create("x=a; i=0; while [ $i -lt 20 ]; do x=$x$x; i=$((i+1)); done; echo ${#x}",
                Limits.NONE.withMemory(256L << 20));

        assertThat(runToEnd(s)).isZero();
        assertThat(Files.readString(state.resolve("out.txt"))).isEqualTo("1048576\n");
        assertThat(ContainerResources.read(containers.store(), s.id()).oomKilled()).isFalse();
    }

    @Test
    @Graded(exercise = "3.6", points = 4)
    @DisplayName("the container's command is in its cgroup, on every hierarchy, and the init's parent is not")
    void commandIsInTheCgroup() throws Exception {
        ContainerState s = create("while true; do sleep 1; done", Limits.NONE.withPidsLimit(50), false);
        ContainerState running = containers.startDetached(s.id());
        // "running" is recorded when the init starts; it joins the cgroup as its last step.
        Path cgroupFile = Path.of("/proc", Long.toString(running.pid()), "cgroup");
        Await.poll(Duration.ofSeconds(5), Duration.ofMillis(25), () -> Files.readString(cgroupFile).contains(s.id()));
        List<String> lines = Files.readAllLines(cgroupFile);

        assertThat(lines).filteredOn(l -> l.contains(":pids:") || l.contains(":memory:") || l.startsWith("0::"))
                .anyMatch(l -> l.endsWith("/jocker/" + s.id()));
        assertThat(Files.readAllLines(Path.of("/proc/self/cgroup"))).noneMatch(l -> l.contains(s.id()));

        // jocker exec's process lands in the same cgroup: inside, its /proc/self/cgroup is the namespace's root.
        Path out = state.resolve("exec.txt");
        int status = containers.exec(s.id(), List.of("sh", "-c", "cat /proc/self/cgroup; cat /proc/1/cgroup"),
                List.of(), null, new Stdio(Redirect.from(new File("/dev/null")), Redirect.to(out.toFile()),
                        Redirect.INHERIT));
        assertThat(status).isZero();
        List<String> seen = Files.readAllLines(out);
        assertThat(seen.subList(0, seen.size() / 2)).as("exec's cgroups, then PID 1's")
                .isEqualTo(seen.subList(seen.size() / 2, seen.size()));
    }

    @Test
    @Graded(exercise = "3.6", points = 2)
    @DisplayName("an 8 MiB limit still starts: the init JVM joins only after its own work, and the command is held to it")
    void tinyLimitStarts() throws Exception {
        // 32 MiB of string, bounded: without the join it completes (exit 0) and prints its length.
        ContainerState s = create("echo small; x=a; i=0; while [ $i -lt 25 ]; do x=$x$x; i=$((i+1)); done;"
                + " echo ${#x}", Limits.NONE.withMemory(8L << 20).withMemorySwap(8L << 20), false);

        assertThat(runToEnd(s)).as(Files.readString(state.resolve("out.txt"))).isEqualTo(137);
        assertThat(Files.readString(state.resolve("out.txt"))).as("the shell started, then met the limit")
                .isEqualTo("small\n");
    }

    @Test
    @Graded(exercise = "3.2", points = 3)
    @DisplayName("--pids-limit 20: a fork loop stops at 20 tasks, the container lives on and is removable")
    void pidsLimitedContainer() throws Exception {
        ContainerState s = create("(while true; do sleep 30 & done) 2>/dev/null; while true; do sleep 1; done",
                Limits.NONE.withPidsLimit(20));
        ContainerState running = containers.startDetached(s.id());
        Cgroup cgroup = Cgroups.host().forContainer(s.id());
        // However long a busy machine takes over it, the loop forks until it meets the limit.
        Await.until(Duration.ofSeconds(20), () -> "15 tasks in the cgroup", () -> cgroup.stats().pids() >= 15);
        Stats stats = cgroup.stats();

        assertThat(stats.pids()).isBetween(15L, 20L);
        assertThat(running.isRunning()).isTrue();
        containers.remove(s.id(), true);
        assertThat(cgroupExists(s.id())).as("cgroup after rm -f").isFalse();
    }

    @Test
    @Graded(exercise = "3.4", points = 3)
    @DisplayName("pause stops a counter the container writes; unpause lets it go on")
    void pauseAndUnpause() throws Exception {
        ContainerState s = create("i=0; while true; do i=$((i+1)); echo $i > /count; sleep 0.05; done", Limits.NONE);
        containers.startDetached(s.id());
        Path count = containers.store().rootfs(s.id()).resolve("count");
        Await.until(Duration.ofSeconds(20), () -> "the counter in /count",
                () -> Files.exists(count) && !Files.readString(count).isBlank());
        Cgroup cgroup = Cgroups.host().forContainer(s.id());

        cgroup.freeze();
        String frozen = Files.readString(count);
        Thread.sleep(500);
        assertThat(Files.readString(count)).as("while paused").isEqualTo(frozen);
        cgroup.thaw();
        // A busy machine may take a while to run it again; the counter must move on all the same.
        Await.until(Duration.ofSeconds(20), () -> "the counter to move on after unpause",
                () -> !Files.readString(count).equals(frozen));
    }

    @Test
    @Graded(exercise = "3.3", points = 2)
    @DisplayName("stats reports what the cgroup files say: limit, PIDs, CPU time that grows, within the quota")
    void statsMatchTheFiles() throws Exception {
        ContainerState s = create("while true; do :; done", Limits.NONE.withMemory(64L << 20).withCpus(0.5));
        containers.startDetached(s.id());
        Cgroup cgroup = Cgroups.host().forContainer(s.id());
        // The init joins the cgroup as its last step, then execs the shell: one task left.
        Await.until(Duration.ofSeconds(20), () -> "the container's shell alone in its cgroup",
                () -> cgroup.stats().pids() == 1);
        long t0 = System.nanoTime();
        Stats first = cgroup.stats();
        Thread.sleep(1000);
        Stats second = cgroup.stats();
        long wall = System.nanoTime() - t0;

        assertThat(second.memoryLimit()).isEqualTo(64L << 20);
        assertThat(second.pids()).isEqualTo(1);
        assertThat(CpuBandwidth.quota(cgroup)).as("quota and period").isEqualTo("50000 100000");
        long used = second.cpuUsageNanos() - first.cpuUsageNanos();
        assertThat(used).as("CPU time used over about a second").isPositive();
        // An upper bound only: a busy machine can hold the loop below its quota, never above it.
        assertThat((double) used / wall).as("CPUs used with --cpus 0.5").isLessThanOrEqualTo(0.65);
    }

    @Test
    @DisplayName("no cgroup is left after rm, after a kill, or after an exit")
    void noCgroupLeft() throws Exception {
        ContainerState a = create("while true; do sleep 1; done", Limits.NONE);
        containers.startDetached(a.id());
        containers.kill(a.id(), 9);
        containers.stop(a.id(), Duration.ofSeconds(1));
        assertThat(cgroupExists(a.id())).as("after a kill").isFalse();
        containers.remove(a.id(), false);

        ContainerState b = create("true", Limits.NONE);
        runToEnd(b);
        assertThat(cgroupExists(b.id())).as("after an exit").isFalse();
    }
}
