package jocker.cgroups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Cgroups: finding the controllers from mountinfo and /proc/self/cgroup")
class CgroupsTest {

    /** This book's machine: every controller on v1, memory in a cgroup of its own; cgroup2 has hugetlb only. */
    static final String HYBRID_MOUNTINFO = """
            31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
            33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
            35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
            37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
            39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
            38 31 0:35 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
            40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """;
    static final String HYBRID_CGROUP = """
            9:name=systemd:/
            8:pids:/
            6:freezer:/
            5:devices:/
            4:memory:/process_api/be89
            2:cpuacct:/
            1:cpu:/
            0::/
            """;

    /** A v2-only host, the process in a systemd service. */
    static final String V2_MOUNTINFO = """
            25 1 0:22 / / rw - ext4 /dev/sda1 rw
            35 25 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate
            """;

    @TempDir
    Path root;

    @Test
    @DisplayName("v1 when cgroup2 lacks controllers: one directory per hierarchy, under the process's own cgroup")
    void hybridIsV1() {
        FakeKernel.write(root.resolve("sys/fs/cgroup/unified/cgroup.controllers"), "hugetlb\n");
        Cgroups cgroups = new Cgroups(HYBRID_MOUNTINFO, HYBRID_CGROUP, root);

        Cgroup cgroup = cgroups.forContainer("c1");

        assertThat(cgroups.version()).isEqualTo("v1");
        assertThat(cgroup).isInstanceOf(CgroupV1.class);
        CgroupV1 v1 = (CgroupV1) cgroup;
        assertThat(v1.dir("memory")).isEqualTo(root.resolve("sys/fs/cgroup/memory/process_api/be89/jocker/c1"));
        assertThat(v1.dir("cpu")).isEqualTo(root.resolve("sys/fs/cgroup/cpu/jocker/c1"));
        assertThat(v1.dir("cpuacct")).isEqualTo(root.resolve("sys/fs/cgroup/cpuacct/jocker/c1"));
        assertThat(v1.dir("pids")).isEqualTo(root.resolve("sys/fs/cgroup/pids/jocker/c1"));
        assertThat(v1.dir("freezer")).isEqualTo(root.resolve("sys/fs/cgroup/freezer/jocker/c1"));
        assertThat(v1.dir("devices")).isEqualTo(root.resolve("sys/fs/cgroup/devices/jocker/c1"));
        assertThat(cgroup.paths()).hasSize(6);
    }

    @Test
    @DisplayName("co-mounted cpu,cpuacct share one directory")
    void coMounted() {
        String mountinfo = """
                32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct
                35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory
                37 31 0:34 / /sys/fs/cgroup/freezer rw - cgroup cgroup rw,freezer
                39 31 0:36 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids
                38 31 0:35 / /sys/fs/cgroup/devices rw - cgroup cgroup rw,devices
                """;
        String self = "6:devices:/a\n5:pids:/a\n4:freezer:/a\n3:memory:/a\n2:cpu,cpuacct:/a\n";

        CgroupV1 v1 = (CgroupV1) new Cgroups(mountinfo, self, root).forContainer("c1");

        assertThat(v1.dir("cpu")).isEqualTo(v1.dir("cpuacct"))
                .isEqualTo(root.resolve("sys/fs/cgroup/cpu,cpuacct/a/jocker/c1"));
        assertThat(v1.paths()).hasSize(5);
    }

    @Test
    @DisplayName("v2 when the cgroup2 mount has memory, cpu and pids: one directory, under the root if we run there")
    void unifiedIsV2() {
        FakeKernel.v2Cgroup(root.resolve("sys/fs/cgroup"), "cpuset cpu io memory hugetlb pids");

        Cgroups cgroups = new Cgroups(V2_MOUNTINFO, "0::/\n", root);

        assertThat(cgroups.version()).isEqualTo("v2");
        assertThat(cgroups.forContainer("c1").paths()).containsExactly(root.resolve("sys/fs/cgroup/jocker/c1"));
    }

    @Test
    @DisplayName("v2 from a cgroup with processes: under the nearest ancestor that passes the controllers on")
    void v2BesideOwnCgroup() {
        FakeKernel.v2Cgroup(root.resolve("sys/fs/cgroup"), "cpuset cpu io memory hugetlb pids");
        Path slice = FakeKernel.v2Cgroup(root.resolve("sys/fs/cgroup/system.slice"), "cpu io memory pids");
        FakeKernel.write(slice.resolve("cgroup.subtree_control"), "cpu memory pids");
        FakeKernel.v2Cgroup(slice.resolve("jockerd.service"), "cpu memory pids");

        Cgroups cgroups = new Cgroups(V2_MOUNTINFO, "0::/system.slice/jockerd.service\n", root);

        assertThat(cgroups.forContainer("c1").paths())
                .containsExactly(root.resolve("sys/fs/cgroup/system.slice/jocker/c1"));
    }

    @Test
    @DisplayName("inside a container the mount shows a subtree: the path is taken relative to the mount's root")
    void mountRootIsNotSlash() {
        String mountinfo = "700 690 0:30 /docker/abc /sys/fs/cgroup ro - cgroup2 cgroup2 rw\n";
        FakeKernel.v2Cgroup(root.resolve("sys/fs/cgroup"), "cpu memory pids");
        Path app = FakeKernel.v2Cgroup(root.resolve("sys/fs/cgroup/app"), "cpu memory pids");
        FakeKernel.write(app.resolve("cgroup.subtree_control"), "cpu memory pids");

        Cgroups cgroups = new Cgroups(mountinfo, "0::/docker/abc/app/init\n", root);

        assertThat(cgroups.forContainer("c1").paths()).containsExactly(root.resolve("sys/fs/cgroup/app/jocker/c1"));
    }

    @Test
    @DisplayName("a mount point with a space arrives as \\040 and is decoded")
    void escapedMountPoint() {
        String mountinfo = "41 31 0:38 / /mnt/my\\040cgroups rw - cgroup2 cgroup2 rw\n";
        FakeKernel.write(root.resolve("mnt/my cgroups/cgroup.controllers"), "cpu memory pids");

        assertThat(new Cgroups(mountinfo, "0::/\n", root).forContainer("c1").paths())
                .containsExactly(root.resolve("mnt/my cgroups/jocker/c1"));
    }

    @Test
    @DisplayName("controllers split between v1 and v2 are refused, saying where each one is")
    void mixedIsRefused() {
        String mountinfo = """
                35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory
                41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw
                """;
        FakeKernel.write(root.resolve("sys/fs/cgroup/unified/cgroup.controllers"), "cpu cpuacct pids freezer");

        Cgroups cgroups = new Cgroups(mountinfo, "4:memory:/\n0::/\n", root);

        assertThatThrownBy(cgroups::version).isInstanceOf(CgroupException.class)
                .hasMessageContaining("not supported")
                .hasMessageContaining("memory on v1")
                .hasMessageContaining("pids on v2");
        assertThatThrownBy(() -> cgroups.forContainer("c1")).isInstanceOf(CgroupException.class);
    }

    @Test
    @DisplayName("a controller mounted nowhere is named in the error")
    void missingController() {
        String mountinfo = HYBRID_MOUNTINFO.lines().filter(l -> !l.contains("rw,pids")).toList().stream()
                .reduce("", (a, b) -> a + b + "\n");
        FakeKernel.write(root.resolve("sys/fs/cgroup/unified/cgroup.controllers"), "hugetlb\n");

        assertThatThrownBy(() -> new Cgroups(mountinfo, HYBRID_CGROUP, root).version())
                .hasMessageContaining("pids nowhere");
    }

    @Test
    @DisplayName("a container id must be one directory name")
    void containerIdIsOneName() {
        FakeKernel.write(root.resolve("sys/fs/cgroup/cgroup.controllers"), "cpu memory pids");
        Cgroups cgroups = new Cgroups(V2_MOUNTINFO, "0::/\n", root);

        assertThatThrownBy(() -> cgroups.forContainer("../../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cgroups.forContainer("a/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
