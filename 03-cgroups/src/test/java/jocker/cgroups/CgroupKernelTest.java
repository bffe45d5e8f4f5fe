package jocker.cgroups;

import jocker.course.Graded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jocker.course.Await;
import jocker.course.RequiresRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits as the kernel enforces them, on this machine's cgroups (v1 or
 * v2, whichever {@link Cgroups#host()} picks), with busybox shells as the
 * processes inside.
 */
@RequiresRoot("making cgroups and moving processes into them needs root")
@Timeout(60)
@DisplayName("Cgroups on the real kernel")
class CgroupKernelTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void controllersPresent() {
        String problem = HostCgroups.problem();
        assumeTrue(problem == null, "requires cgroup memory, cpu, pids (and on v1 cpuacct, freezer) controllers: "
                + problem);
        for (Path dir : Cgroups.host().forContainer("probe").paths()) {
            Path parent = dir.getParent().getParent(); // where jocker/ goes
            assumeTrue(Files.isWritable(parent), "requires a writable cgroup file system: " + parent + " is not");
        }
        assumeTrue(Files.isExecutable(Path.of(HostProcess.BUSYBOX)), "requires " + HostProcess.BUSYBOX);
    }

    @Graded(exercise = "3.1", points = 4)
    @Test
    @DisplayName("a shell that grows past --memory 32m is OOM-killed (exit 137) and oom_kill counts 1")
    void memoryLimitKills() throws Exception {
        try (HostProcess p = HostProcess.inNewCgroup(Limits.NONE.withMemory(32 << 20).withMemorySwap(32 << 20))) {
            p.start("x=a; while true; do x=$x$x; done");

            assertThat(p.waitFor(Duration.ofSeconds(30))).isEqualTo(137);
            // The kernel's own counter, read here: reading it is exercise 3.5's.
            assertThat(oomKillCounter(p.cgroup)).isEqualTo(1);
            assertThat(p.cgroup.stats().memoryLimit()).isEqualTo(32 << 20);
        }
    }

    @Graded(exercise = "3.2", points = 3)
    @Test
    @DisplayName("a fork loop under --pids-limit 20 stops at 20 tasks, and the shell that started it survives")
    void pidsLimitStopsForks() throws Exception {
        try (HostProcess p = HostProcess.inNewCgroup(Limits.NONE.withPidsLimit(20))) {
            // The inner shell forks until fork(2) fails; the outer one then only uses builtins.
            p.start(HostProcess.BUSYBOX + " sh -c 'i=0; while [ $i -lt 40 ]; do "
                    + HostProcess.BUSYBOX + " sleep 60 & i=$((i+1)); done'; echo bomb over; read wait");
            String line;
            while ((line = p.readLine()) != null && !line.equals("bomb over")) {
                assertThat(line).as("what the inner shell says").contains("can't fork");
            }
            assertThat(line).as("the outer shell's report").isEqualTo("bomb over");

            Stats stats = p.cgroup.stats();
            assertThat(stats.pidsLimit()).isEqualTo(20);
            assertThat(stats.pids()).isBetween(2L, 20L);
            assertThat(refusedForks(p.cgroup)).as("pids.events: forks refused").isPositive();
            assertThat(p.isAlive()).as("the outer shell").isTrue();
        }
    }

    @Graded(exercise = "3.3", points = 3)
    @Test
    @DisplayName("--cpus 0.5 sets a quota of 50 ms per 100 ms that the kernel enforces: busy loops get at most half a CPU")
    void cpuQuota() throws Exception {
        // A busy loop per CPU in each of two cgroups; the one without a limit shows what the other could have had.
        int loops = Math.max(2, Runtime.getRuntime().availableProcessors());
        String script = "while :; do :; done & ".repeat(loops - 1) + "while :; do :; done";
        try (HostProcess limited = HostProcess.inNewCgroup(Limits.NONE);
                HostProcess free = HostProcess.inNewCgroup(Limits.NONE)) {
            limited.start(script);
            free.start(script);
            assertThat(CpuBandwidth.quota(limited.cgroup)).as("quota and period before --cpus").startsWith("max ");

            limited.cgroup.apply(Limits.NONE.withCpus(0.5));
            assertThat(CpuBandwidth.quota(limited.cgroup)).as("quota and period").isEqualTo("50000 100000");
            Thread.sleep(200); // let the current CFS period end
            CpuBandwidth limited0 = CpuBandwidth.now(limited.cgroup);
            CpuBandwidth free0 = CpuBandwidth.now(free.cgroup);
            Thread.sleep(1500);
            CpuBandwidth withQuota = CpuBandwidth.now(limited.cgroup).since(limited0);
            CpuBandwidth without = CpuBandwidth.now(free.cgroup).since(free0);

            // The kernel's own counters, not a speed: they count however busy the machine is.
            assertThat(withQuota.periods()).as("cpu.stat: periods with the quota enforced").isPositive();
            // At most half a CPU, give or take a period at each end: a busy machine can only make it less.
            assertThat(withQuota.cpus()).as("CPUs used with --cpus 0.5").isLessThanOrEqualTo(0.65);
            // Where as many loops without a limit got well over half a CPU, these could have too:
            // only the quota held them back, and cpu.stat counts each period it did. (Where other
            // work leaves less, neither gets half a CPU, and there is nothing to throttle.)
            if (without.cpus() > 0.7) {
                assertThat(withQuota.throttled()).as("cpu.stat: periods in which the quota ran out, while %.2f"
                        + " CPUs went to the loops without a limit", without.cpus()).isPositive();
                assertThat(withQuota.throttledNanos()).as("cpu.stat: time spent throttled").isPositive();
            }
        }
    }

    @Graded(exercise = "3.4", points = 3)
    @Test
    @DisplayName("freeze stops a counting shell, thaw lets it count on")
    void freezeStopsCounter() throws Exception {
        Path counter = tmp.resolve("counter");
        try (HostProcess p = HostProcess.inNewCgroup(Limits.NONE)) {
            p.start("i=0; while :; do i=$((i+1)); echo $i > " + counter + "; done");
            long before = awaitCount(counter, 1);

            p.cgroup.freeze();
            assertThat(p.cgroup.isFrozen()).isTrue();
            String frozen = Files.readString(counter);
            long cpu = p.cgroup.stats().cpuUsageNanos();
            Thread.sleep(300);
            assertThat(Files.readString(counter)).as("the counter while frozen").isEqualTo(frozen);
            assertThat(p.cgroup.stats().cpuUsageNanos()).as("CPU time while frozen").isEqualTo(cpu);

            p.cgroup.thaw();
            assertThat(p.cgroup.isFrozen()).isFalse();
            assertThat(awaitCount(counter, Math.max(before, parse(frozen)) + 1000))
                    .as("the counter after thaw").isPositive();
        }
    }

    @Test
    @DisplayName("destroy kills what is still running and removes every directory")
    void destroyRemovesAll() throws Exception {
        HostProcess p = HostProcess.inNewCgroup(Limits.NONE.withPidsLimit(10));
        try (p) {
            p.start(HostProcess.BUSYBOX + " sleep 600 & echo started; read wait");
            assertThat(p.readLine()).isEqualTo("started");
            assertThat(p.cgroup.stats().pids()).as("the shell and its sleep").isEqualTo(2);
            assertThat(p.cgroup.paths()).allMatch(Files::isDirectory);

            p.cgroup.destroy();

            assertThat(p.waitFor(Duration.ofSeconds(5))).as("the shell's exit status").isEqualTo(137);
            assertThat(p.cgroup.paths()).noneMatch(Files::exists);
        }
    }

    /** pids.events' {@code max}: how many forks the limit refused (same file in v1 and v2). */
    static long refusedForks(Cgroup cgroup) {
        Path dir = cgroup instanceof CgroupV1 v1 ? v1.dir("pids") : cgroup.paths().get(0);
        return CgroupFiles.keyed(dir.resolve("pids.events"), "max");
    }

    /** Waits until the counter file holds at least {@code target}; returns what it holds. */
    static long awaitCount(Path counter, long target) throws Exception {
        long[] value = {-1};
        boolean reached = Await.poll(Duration.ofSeconds(10), Duration.ofMillis(5), () -> {
            value[0] = Files.exists(counter) ? parse(Files.readString(counter)) : -1;
            return value[0] >= target;
        });
        if (!reached) {
            throw new AssertionError("counter at " + value[0] + ", not " + target + " after 10 s");
        }
        return value[0];
    }

    /** The shell truncates, then writes: a read in between sees nothing. */
    static long parse(String text) {
        return text.isBlank() ? -1 : Long.parseLong(text.trim());
    }

    /** The {@code oom_kill} line of {@code memory.oom_control} (v1) or {@code memory.events} (v2). */
    static long oomKillCounter(Cgroup cgroup) {
        Path file = cgroup instanceof CgroupV1 v1 ? v1.dir("memory").resolve("memory.oom_control")
                : cgroup.paths().get(0).resolve("memory.events");
        return CgroupFiles.keyed(file, "oom_kill");
    }
}
