package jocker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import jocker.cgroups.CgroupException;
import jocker.cgroups.Cgroups;
import jocker.course.Graded;
import jocker.course.HostCommand;
import jocker.course.JockerCommand;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device cgroup from inside a container: the container's root may make
 * any device file (mknod is allowed, as in Docker), but may open only the few
 * devices of Docker's list and those given with {@code --device}.
 */
@RequiresRoot("containers and cgroups need root")
@Timeout(120)
@DisplayName("Device rules: what a container may open")
class JockerDevicesCliTest {

    @TempDir
    static Path state;

    @BeforeAll
    static void setUp() {
        String problem = null;
        try {
            Cgroups.host().version();
        } catch (CgroupException e) {
            problem = e.getMessage();
        }
        assumeTrue(problem == null, "requires the cgroup controllers: " + problem);
        TestRootfs.create(state.resolve("images/busybox/rootfs"));
    }

    @AfterAll
    static void removeAll() throws Exception {
        for (String id : jocker("ps", "-a", "-q").out().lines().toList()) {
            jocker("rm", "-f", id);
        }
    }

    static JockerCommand jocker(String... args) throws Exception {
        return JockerCommand.run(state, args);
    }

    @Test
    @Graded(exercise = "3.7", points = 2)
    @DisplayName("mknod of a block device that the host reads succeeds inside, but reading it fails: Operation not permitted")
    void hostDiskIsRefused() throws Exception {
        // A loop device over a small file: a disk the host can read, which the host's root disk is not on every
        // machine (some refuse even root with EPERM), and without which the test could not tell the rules' refusal.
        assumeTrue(Files.exists(Path.of("/dev/loop-control")), "requires loop devices (/dev/loop-control)");
        Path image = state.resolve("disk.img");
        Files.write(image, new byte[1 << 20]);
        String loop = HostCommand.run("losetup", "--find", "--show", image.toString()).strip();
        try {
            String[] hex = HostCommand.run("stat", "-c", "%t %T", loop).strip().split(" ");
            int major = Integer.parseInt(hex[0], 16);
            int minor = Integer.parseInt(hex[1], 16);
            assertThat(HostCommand.run("sh", "-c", "head -c 1 " + loop + " | wc -c").strip())
                    .as("the host reads " + loop).isEqualTo("1");

            JockerCommand run = jocker("run", "--rm", "busybox", "sh", "-c",
                    "mknod /tmp/disk b " + major + " " + minor + " && echo made; head -c 1 /tmp/disk | wc -c");

            assertThat(run.out()).as(run.err()).startsWith("made\n").endsWith("0\n");
            assertThat(run.err()).contains("/tmp/disk: Operation not permitted");
        } finally {
            HostCommand.run("losetup", "--detach", loop);
        }
    }

    @Test
    @Graded(exercise = "3.7", points = 1)
    @DisplayName("/dev/null, /dev/zero and /dev/urandom work; /dev/kmsg, made with mknod, cannot be opened")
    void defaultDevices() throws Exception {
        // CAP_SYSLOG given back, so that only the device rules keep /dev/kmsg closed.
        JockerCommand run = jocker("run", "--rm", "--cap-add", "SYSLOG", "busybox", "sh", "-c",
                "echo x > /dev/null && echo null; head -c 3 /dev/zero | wc -c; head -c 5 /dev/urandom | wc -c; "
                        + "mknod /tmp/kmsg c 1 11 && head -n 1 /tmp/kmsg");

        assertThat(run.out()).as(run.err()).isEqualTo("null\n3\n5\n");
        assertThat(run.err()).contains("/tmp/kmsg: Operation not permitted");
        assertThat(run.status()).isNotZero();
    }

    @Test
    @Graded(exercise = "3.7", points = 1)
    @DisplayName("--device /dev/kmsg:/dev/log:r makes /dev/log, which can be read but not written")
    void extraDevice() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/dev/kmsg")), "requires /dev/kmsg on the host");

        // Reading the kernel log also takes CAP_SYSLOG, which chapter 2's confinement drops: given back here,
        // so that only the device rule decides.
        JockerCommand run = jocker("run", "--rm", "--cap-add", "SYSLOG", "--device", "/dev/kmsg:/dev/log:r", "busybox",
                "sh", "-c",
                "stat -c '%F %t:%T' /dev/log; head -n 1 /dev/log | wc -l; echo x > /dev/log || echo not written");

        assertThat(run.out()).as(run.err()).isEqualTo("character special file 1:b\n1\nnot written\n");
        assertThat(run.err()).contains("Operation not permitted");
    }

    @Test
    @DisplayName("--device with a file that is no device is refused before anything is made")
    void notADevice() throws Exception {
        JockerCommand run = jocker("run", "--rm", "--device", "/etc/passwd", "busybox", "true");

        assertThat(run.status()).isEqualTo(125);
        assertThat(run.err()).contains("not a device node");
        assertThat(jocker("ps", "-a", "-q").out()).isEmpty();
    }
}
