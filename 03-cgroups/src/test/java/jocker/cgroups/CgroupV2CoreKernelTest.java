package jocker.cgroups;

import jocker.course.Graded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jocker.course.RequiresRoot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of {@link CgroupV2} that need no controller, on the real
 * kernel: cgroup.procs, cgroup.freeze with cgroup.events, cgroup.kill and
 * rmdir are in every cgroup2 directory. So they run even where cgroup2 holds
 * no controllers, like the hybrid machine this book was written on.
 */
@RequiresRoot("making cgroups and moving processes into them needs root")
@Timeout(30)
@DisplayName("CgroupV2's core files on the real kernel")
class CgroupV2CoreKernelTest {

    @TempDir
    Path tmp;
    Path top;

    @BeforeEach
    void cgroup2Mounted() {
        Path own = null;
        try {
            own = Cgroups.host().ownV2();
        } catch (CgroupException e) {
            // no usable cgroup2 mount: skipped below
        }
        assumeTrue(own != null && Files.isWritable(own.resolve("cgroup.procs")),
                "requires a cgroup2 mount and this process in it");
        assumeTrue(Files.isExecutable(Path.of(HostProcess.BUSYBOX)), "requires " + HostProcess.BUSYBOX);
        top = own;
    }

    /** A v2 cgroup made by hand, no controllers enabled: create() would insist on them. */
    CgroupV2 bare() throws Exception {
        Path dir = Files.createDirectories(top.resolve(Cgroups.PARENT).resolve(HostProcess.uniqueId()));
        return new CgroupV2(top, dir);
    }

    @Graded(exercise = "3.4", points = 2)
    @Test
    @DisplayName("cgroup.freeze stops a counting shell (cgroup.events: frozen 1); writing 0 lets it go on")
    void freezeStopsCounter() throws Exception {
        Path counter = tmp.resolve("counter");
        try (HostProcess p = HostProcess.in(bare())) {
            p.start("i=0; while :; do i=$((i+1)); echo $i > " + counter + "; done");
            CgroupKernelTest.awaitCount(counter, 1);

            p.cgroup.freeze();
            assertThat(p.cgroup.isFrozen()).isTrue();
            String frozen = Files.readString(counter);
            Thread.sleep(300);
            assertThat(Files.readString(counter)).as("the counter while frozen").isEqualTo(frozen);

            p.cgroup.thaw();
            assertThat(CgroupKernelTest.awaitCount(counter, CgroupKernelTest.parse(frozen) + 1000))
                    .as("the counter after thaw").isPositive();
            assertThat(p.cgroup.isFrozen()).isFalse();
        }
    }

    @Test
    @DisplayName("destroy kills the processes (cgroup.kill where there is one) and removes the directory")
    void destroyKills() throws Exception {
        CgroupV2 cgroup = bare();
        try (HostProcess p = HostProcess.in(cgroup)) {
            p.start(HostProcess.BUSYBOX + " sleep 600 & echo started; read wait");
            assertThat(p.readLine()).isEqualTo("started");
            assertThat(CgroupDirectories.processes(cgroup.dir())).as("the shell and its sleep").hasSize(2);

            cgroup.destroy();

            assertThat(p.waitFor(Duration.ofSeconds(5))).as("the shell's exit status").isEqualTo(137);
            assertThat(cgroup.dir()).doesNotExist();
        }
    }
}
