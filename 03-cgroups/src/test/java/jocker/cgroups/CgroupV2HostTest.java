package jocker.cgroups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import jocker.course.RequiresRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Not graded: the v2 code on a real v2 kernel. It runs where the memory, cpu
 * and pids controllers are on cgroup2 (most current distributions) and is
 * skipped, with that reason, where they are on v1. The v2 code also runs on
 * every machine against an imitation tree ({@code CgroupV2Test}).
 */
@RequiresRoot("making cgroups needs root")
@Timeout(60)
@DisplayName("Cgroup v2 on a real v2 host")
class CgroupV2HostTest {

    @BeforeAll
    static void onV2() {
        String problem = HostCgroups.problem();
        String version = problem == null ? Cgroups.host().version() : "none (" + problem + ")";
        assumeTrue(version.equals("v2"),
                "requires the memory, cpu and pids controllers on cgroup v2; this host has them on " + version);
    }

    @Test
    @DisplayName("v2: past memory.max the OOM killer ends the shell (137) and memory.events counts it")
    void oomOnV2() throws Exception {
        try (HostProcess p = HostProcess.inNewCgroup(Limits.NONE.withMemory(32 << 20).withMemorySwap(32 << 20))) {
            p.start("x=a; while true; do x=$x$x; done");

            assertThat(p.waitFor(Duration.ofSeconds(30))).isEqualTo(137);
            assertThat(p.cgroup.oomKills()).isEqualTo(1);
            assertThat(p.cgroup.version()).isEqualTo("v2");
        }
    }

    @Test
    @DisplayName("v2: pids.max stops a fork loop; cpu.max holds busy loops to at most half a CPU")
    void pidsAndCpuOnV2() throws Exception {
        try (HostProcess p = HostProcess.inNewCgroup(Limits.NONE.withPidsLimit(20).withCpus(0.5))) {
            p.start("(while true; do sleep 30 & done) 2>/dev/null; while true; do :; done");
            Thread.sleep(1500);
            CpuBandwidth before = CpuBandwidth.now(p.cgroup);
            Thread.sleep(1000);
            CpuBandwidth limited = CpuBandwidth.now(p.cgroup).since(before);

            assertThat(p.cgroup.stats().pids()).isBetween(2L, 20L);
            assertThat(CpuBandwidth.quota(p.cgroup)).isEqualTo("50000 100000");
            assertThat(limited.periods()).as("cpu.stat: nr_periods").isPositive();
            assertThat(limited.cpus()).as("CPUs used").isLessThanOrEqualTo(0.65);
        }
    }
}
