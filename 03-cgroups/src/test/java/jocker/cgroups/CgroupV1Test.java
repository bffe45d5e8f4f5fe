package jocker.cgroups;

import jocker.course.Graded;
import static jocker.cgroups.FakeKernel.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The v1 code against directory trees that imitate one mount per controller. */
@DisplayName("CgroupV1 on imitation v1 hierarchies")
class CgroupV1Test {

    @TempDir
    Path root;
    Map<String, Path> dirs = new LinkedHashMap<>();
    CgroupV1 cgroup;

    @BeforeEach
    void tree() {
        for (String controller : CgroupV1.CONTROLLERS) {
            dirs.put(controller, FakeKernel.v1Cgroup(root.resolve(controller + "/jocker/c1"), controller));
        }
        cgroup = new CgroupV1(dirs);
    }

    Path file(String controller, String name) {
        return dirs.get(controller).resolve(name);
    }

    @Graded(exercise = "3.1", points = 1)
    @Test
    @DisplayName("--memory 32m is written to the memory hierarchy's files, with as much swap again")
    void applyWritesMemoryFiles() {
        cgroup.apply(Limits.NONE.withMemory(32 << 20));

        assertThat(read(file("memory", "memory.limit_in_bytes"))).isEqualTo("33554432");
        assertThat(read(file("memory", "memory.memsw.limit_in_bytes"))).as("Docker's default: as much swap again")
                .isEqualTo("67108864");
    }

    @Graded(exercise = "3.3", points = 1)
    @Test
    @DisplayName("--cpus 0.5 --cpu-shares 512 --pids-limit 20 are written to the cpu and pids hierarchies' files")
    void applyWritesCpuAndPidsFiles() {
        cgroup.apply(Limits.NONE.withCpus(0.5).withCpuShares(512).withPidsLimit(20));

        assertThat(read(file("cpu", "cpu.cfs_period_us"))).isEqualTo("100000");
        assertThat(read(file("cpu", "cpu.cfs_quota_us"))).isEqualTo("50000");
        assertThat(read(file("cpu", "cpu.shares"))).isEqualTo("512");
        assertThat(read(file("pids", "pids.max"))).isEqualTo("20");
    }

    @Graded(exercise = "3.2", points = 1)
    @Test
    @DisplayName("--memory-swap -1 is written as -1, v1's unlimited; --pids-limit 0 as max")
    void unlimited() {
        cgroup.apply(Limits.NONE.withMemory(1 << 20).withMemorySwap(-1).withPidsLimit(0));

        assertThat(read(file("memory", "memory.memsw.limit_in_bytes"))).isEqualTo("-1");
        assertThat(read(file("pids", "pids.max"))).isEqualTo("max");
    }

    @Test
    @DisplayName("without swap accounting (no memsw file) only the memory limit is written")
    void noSwapAccounting() throws Exception {
        Files.delete(file("memory", "memory.memsw.limit_in_bytes"));

        cgroup.apply(Limits.NONE.withMemory(1 << 20).withMemorySwap(4 << 20));

        assertThat(read(file("memory", "memory.limit_in_bytes"))).isEqualTo("1048576");
        assertThat(file("memory", "memory.memsw.limit_in_bytes")).doesNotExist();
    }

    @Test
    @DisplayName("a process is written to cgroup.procs of every hierarchy")
    void addProcess() {
        cgroup.addProcess(4242);

        for (String controller : CgroupV1.CONTROLLERS) {
            assertThat(read(file(controller, "cgroup.procs"))).as(controller).isEqualTo("4242");
        }
    }

    @Graded(exercise = "3.5", points = 1)
    @Test
    @DisplayName("stats come from usage_in_bytes, limit_in_bytes, cpuacct.usage, pids.current, pids.max, oom_control")
    void stats() {
        FakeKernel.write(file("memory", "memory.usage_in_bytes"), "1048576\n");
        FakeKernel.write(file("cpuacct", "cpuacct.usage"), "1500000\n");
        FakeKernel.write(file("pids", "pids.current"), "3\n");
        FakeKernel.write(file("pids", "pids.max"), "20\n");
        FakeKernel.write(file("memory", "memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");

        assertThat(cgroup.stats()).as("an unset memory limit reads as 2^63 rounded to pages: unlimited")
                .isEqualTo(new Stats(1048576, Stats.UNLIMITED, 1_500_000, 3, 20, 1));
    }

    @Graded(exercise = "3.4", points = 1)
    @Test
    @DisplayName("freeze writes FROZEN to freezer.state and waits until it reads FROZEN")
    void freeze() {
        cgroup.freeze();

        assertThat(read(file("freezer", "freezer.state"))).isEqualTo("FROZEN");
        assertThat(cgroup.isFrozen()).isTrue();
        cgroup.thaw();
        assertThat(cgroup.isFrozen()).isFalse();
    }

    @Test
    @DisplayName("co-mounted controllers: one directory, written once")
    void coMounted() {
        Path cpu = FakeKernel.v1Cgroup(root.resolve("cpu,cpuacct/jocker/c2"), "cpu", "cpuacct");
        Map<String, Path> shared = new LinkedHashMap<>(dirs);
        shared.put("cpu", cpu);
        shared.put("cpuacct", cpu);

        CgroupV1 c2 = new CgroupV1(shared);

        assertThat(c2.paths()).hasSize(CgroupV1.CONTROLLERS.size() - 1).containsOnlyOnce(cpu);
        assertThat(c2.version()).isEqualTo("v1");
    }
}
