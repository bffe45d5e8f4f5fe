package jocker.namespaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@RequiresRoot("mount(2) needs CAP_SYS_ADMIN, which only root has")
@Timeout(60)
@DisplayName("Exercise 2.4: /proc, /sys and /dev of the container")
class ProcSysDevTest {

    @TempDir
    static Path state;
    static Path rootfs;
    static Box box;

    @BeforeAll
    static void setUp() {
        rootfs = TestRootfs.create(state.resolve("rootfs")).path();
        box = new Box(state);
    }

    @Test
    @Graded(exercise = "2.4", points = 3)
    @DisplayName("ps inside lists only the container's processes, the command as PID 1")
    void psSeesOnlyTheContainer() throws Exception {
        var result = box.run(Box.sh(rootfs, "sleep 30 & ps -o pid,comm; kill %1"));

        assertThat(result.exitValue()).as(result.describe()).isZero();
        List<String> rows = result.out().lines().skip(1).map(String::trim).toList();
        // busybox may run an applet by re-executing itself: sleep can show as "exe".
        assertThat(rows).as(result.out()).hasSize(3).contains("1 sh").anyMatch(r -> r.endsWith(" ps"));
    }

    @Test
    @Graded(exercise = "2.4", points = 3)
    @DisplayName("the network namespace has only lo, in /proc/net/dev and in /sys/class/net")
    void onlyLoopback() throws Exception {
        var result = box.run(Box.sh(rootfs, "tail -n +3 /proc/net/dev | cut -d: -f1; echo --; ls /sys/class/net"));

        assertThat(result.exitValue()).as(result.describe()).isZero();
        assertThat(result.out().lines().map(String::trim).toList()).containsExactly("lo", "--", "lo");
    }

    @Test
    @Graded(exercise = "2.4", points = 2)
    @DisplayName("/sys is read-only")
    void sysIsReadOnly() throws Exception {
        var result = box.run(Box.sh(rootfs, "(echo 1 > /sys/kernel/uevent_helper) 2>&1; grep ' /sys ' /proc/mounts"));

        assertThat(result.out()).contains("Read-only file system").containsPattern("sysfs /sys sysfs ro[,\\s]");
    }

    @Test
    @Graded(exercise = "2.4", points = 2)
    @DisplayName("/dev is the container's own tmpfs, with null, zero, full, random, urandom, tty, pts and shm")
    void devIsMinimal() throws Exception {
        var result = box.run(Box.sh(rootfs,
                "ls /dev | tr '\\n' ' '; echo; head -c 5 /dev/zero | wc -c; echo gone > /dev/null && echo ok"));

        assertThat(result.exitValue()).as(result.describe()).isZero();
        List<String> lines = result.out().lines().map(String::trim).toList();
        assertThat(lines.get(0).split(" ")).contains("null", "zero", "full", "random", "urandom", "tty", "pts", "shm")
                .doesNotContain("sda", "vda", "mem", "kmsg");
        assertThat(lines.subList(1, 3)).containsExactly("5", "ok");
    }
}
