package jocker.namespaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
@DisplayName("Exercise 2.5: masked and read-only paths")
class MasksTest {

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
    @Graded(exercise = "2.5", points = 3)
    @DisplayName("masked files read as empty and masked directories list nothing")
    void maskedPathsShowNothing() throws Exception {
        // Only paths this kernel has: a missing one is not masked (there is nothing to hide).
        String files = String.join(" ", Masks.MASKED.stream().filter(p -> Files.isRegularFile(Path.of(p))).toList());
        String dirs = String.join(" ", Masks.MASKED.stream().filter(p -> Files.isDirectory(Path.of(p))).toList());
        var result = box.run(Box.sh(rootfs, "for f in " + files + "; do echo \"$f $(wc -c < $f)\"; done;"
                + " for d in " + dirs + "; do echo \"$d $(ls -A $d | wc -l)\"; done"));

        assertThat(result.exitValue()).as(result.describe()).isZero();
        assertThat(result.out().lines().toList()).as("path and size or entries")
                .isNotEmpty().allSatisfy(line -> assertThat(line).endsWith(" 0"));
    }

    @Test
    @Graded(exercise = "2.5", points = 3)
    @DisplayName("/proc/sys and the other read-only paths refuse writes")
    void readOnlyPathsRefuseWrites() throws Exception {
        var result = box.run(Box.sh(rootfs, "(echo jail > /proc/sys/kernel/domainname) 2>&1;"
                + " for p in /proc/sys /proc/irq /proc/bus; do grep \" $p \" /proc/mounts; done"));

        assertThat(result.out()).contains("Read-only file system");
        assertThat(result.out().lines().filter(l -> l.startsWith("proc ")).toList()).hasSize(3)
                .allSatisfy(l -> assertThat(l.split(" ")[3]).startsWith("ro"));
    }
}
