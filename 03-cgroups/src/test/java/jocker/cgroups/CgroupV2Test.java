package jocker.cgroups;

import jocker.course.Graded;
import static jocker.cgroups.FakeKernel.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The v2 code against a directory tree that imitates a cgroup2 mount. */
@DisplayName("CgroupV2 on an imitation cgroup2 tree")
class CgroupV2Test {

    @TempDir
    Path root;
    Path top;
    Path jocker;
    Path dir;
    CgroupV2 cgroup;

    @BeforeEach
    void tree() {
        // The root of the hierarchy: the one cgroup that may hold processes and pass controllers on.
        top = FakeKernel.v2Cgroup(root.resolve("sys/fs/cgroup"), "cpuset cpu io memory hugetlb pids");
        // What the kernel would show in the directories that create() makes.
        jocker = FakeKernel.v2Cgroup(top.resolve("jocker"), "cpu memory pids");
        dir = FakeKernel.v2Cgroup(jocker.resolve("c1"), "cpu memory pids");
        cgroup = new CgroupV2(top, dir);
    }

    @Test
    @DisplayName("create enables +cpu +memory +pids in the top cgroup and in jocker/, not in the container's")
    void createEnablesControllers() {
        cgroup.create();

        assertThat(read(top.resolve("cgroup.subtree_control"))).isEqualTo("+cpu +memory +pids");
        assertThat(read(jocker.resolve("cgroup.subtree_control"))).isEqualTo("+cpu +memory +pids");
        assertThat(read(dir.resolve("cgroup.subtree_control"))).isEmpty();
    }

    @Test
    @DisplayName("create writes only the controllers not enabled yet")
    void createEnablesOnlyWhatIsMissing() {
        FakeKernel.write(top.resolve("cgroup.subtree_control"), "cpu io memory pids");
        FakeKernel.write(jocker.resolve("cgroup.subtree_control"), "memory");

        cgroup.create();

        assertThat(read(top.resolve("cgroup.subtree_control"))).isEqualTo("cpu io memory pids");
        assertThat(read(jocker.resolve("cgroup.subtree_control"))).isEqualTo("+cpu +pids");
    }

    @Test
    @DisplayName("a controller the parent did not delegate is an error that names it")
    void undelegatedController() {
        FakeKernel.write(top.resolve("cgroup.controllers"), "cpu memory");

        assertThatThrownBy(cgroup::create).isInstanceOf(CgroupException.class)
                .hasMessageContaining("pids controller is not available in " + top);
    }

    @Graded(exercise = "3.3", points = 2)
    @Test
    @DisplayName("--memory 32m --memory-swap 48m --cpus 0.5 --cpu-shares 512 --pids-limit 20 become five files")
    void applyWritesFiles() {
        cgroup.create();
        cgroup.apply(Limits.NONE.withMemory(32 << 20).withMemorySwap(48 << 20).withCpus(0.5).withCpuShares(512)
                .withPidsLimit(20));

        assertThat(read(dir.resolve("memory.max"))).isEqualTo("33554432");
        assertThat(read(dir.resolve("memory.swap.max"))).as("swap alone: 48m - 32m").isEqualTo("16777216");
        assertThat(read(dir.resolve("cpu.max"))).isEqualTo("50000 100000");
        assertThat(read(dir.resolve("cpu.weight"))).isEqualTo(String.valueOf(Limits.cpuWeight(512)));
        assertThat(read(dir.resolve("pids.max"))).isEqualTo("20");
    }

    @Graded(exercise = "3.2", points = 1)
    @Test
    @DisplayName("unlimited swap and pids are written as max; unset limits are not written")
    void unlimited() {
        cgroup.apply(Limits.NONE.withMemory(1 << 20).withMemorySwap(-1).withPidsLimit(0));

        assertThat(read(dir.resolve("memory.swap.max"))).isEqualTo("max");
        assertThat(read(dir.resolve("pids.max"))).isEqualTo("max");
        assertThat(read(dir.resolve("cpu.max"))).as("untouched").isEqualTo("max 100000");
        assertThat(read(dir.resolve("cpu.weight"))).as("untouched").isEqualTo("100");
    }

    @Test
    @DisplayName("a process is added by writing its PID to cgroup.procs")
    void addProcess() {
        cgroup.addProcess(4242);

        assertThat(read(dir.resolve("cgroup.procs"))).isEqualTo("4242");
    }

    @Graded(exercise = "3.5", points = 1)
    @Test
    @DisplayName("stats come from memory.current, memory.max, cpu.stat, pids.current, pids.max, memory.events")
    void stats() {
        FakeKernel.write(dir.resolve("memory.current"), "1048576\n");
        FakeKernel.write(dir.resolve("memory.max"), "33554432\n");
        FakeKernel.write(dir.resolve("cpu.stat"), "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n");
        FakeKernel.write(dir.resolve("pids.current"), "3\n");
        FakeKernel.write(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 7\noom 2\noom_kill 2\n");

        assertThat(cgroup.stats()).isEqualTo(new Stats(1048576, 33554432, 1_500_000, 3, Stats.UNLIMITED, 2));
        assertThat(cgroup.oomKills()).isEqualTo(2);
    }

    @Graded(exercise = "3.4", points = 1)
    @Test
    @DisplayName("freeze writes 1 to cgroup.freeze and waits for cgroup.events to say frozen 1")
    void freeze() {
        FakeKernel.write(dir.resolve("cgroup.events"), "populated 1\nfrozen 1\n"); // the kernel's answer

        cgroup.freeze();

        assertThat(read(dir.resolve("cgroup.freeze"))).isEqualTo("1");
        assertThat(cgroup.isFrozen()).isTrue();
        cgroup.thaw();
        assertThat(read(dir.resolve("cgroup.freeze"))).isEqualTo("0");
    }

    @Test
    @DisplayName("a missing interface file is an error naming the file, not a new file")
    void missingFile() {
        assertThatThrownBy(() -> new CgroupV2(top, top.resolve("jocker/none")).apply(Limits.NONE.withPidsLimit(5)))
                .isInstanceOf(CgroupException.class)
                .hasMessage("write \"5\" to " + top.resolve("jocker/none/pids.max") + ": no such file");
    }
}
