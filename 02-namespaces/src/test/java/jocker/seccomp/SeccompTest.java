package jocker.seccomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import jocker.course.Graded;
import jocker.course.JockerCommand;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default seccomp profile, seen from inside: the kernel reports the
 * filter in {@code /proc/PID/status} ({@code Seccomp: 2} is
 * SECCOMP_MODE_FILTER) and answers refused calls with EPERM, which busybox
 * prints as "Operation not permitted". The container's root still holds
 * CAP_SYS_ADMIN in this chapter: a refused mount is the filter's doing.
 */
@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(120)
@DisplayName("Exercise 2.9: the seccomp filter")
class SeccompTest {

    @TempDir
    static Path state;

    @BeforeAll
    static void setUp() {
        TestRootfs.create(state.resolve("images/busybox/rootfs"));
    }

    @AfterEach
    void removeAll() throws Exception {
        for (String id : jocker("ps", "-a", "-q").out().lines().toList()) {
            jocker("rm", "-f", id);
        }
    }

    static JockerCommand jocker(String... args) throws Exception {
        return JockerCommand.run(state, args);
    }

    static String seccompLine(String out) {
        return out.lines().filter(l -> l.startsWith("Seccomp:")).findFirst().orElse("(no Seccomp line)")
                .replaceAll("\\s+", " ");
    }

    @Test
    @Graded(exercise = "2.9", points = 2)
    @DisplayName("the container's PID 1 runs under a seccomp filter: Seccomp: 2 in /proc/1/status")
    void pid1IsFiltered() throws Exception {
        JockerCommand run = jocker("run", "--rm", "busybox", "cat", "/proc/1/status");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(seccompLine(run.out())).isEqualTo("Seccomp: 2");
    }

    @Test
    @Graded(exercise = "2.9", points = 2)
    @DisplayName("a profile that refuses mount and unshare: both fail with EPERM though root holds CAP_SYS_ADMIN")
    void refusedCallsFailWithEperm() throws Exception {
        // Everything allowed but these two, and the capability they need given back: only the filter
        // can be what refuses them.
        Path profile = state.resolve("no-mount.json");
        Files.writeString(profile, "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": "
                + "[\"mount\", \"unshare\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 1}]}");
        JockerCommand run = jocker("run", "--rm", "--cap-add", "SYS_ADMIN", "--security-opt", "seccomp=" + profile,
                "busybox", "sh", "-c",
                "mkdir -p /tmp/m; mount -t tmpfs t /tmp/m; echo mount=$?; unshare -m true; echo unshare=$?;"
                        + " grep -c ' /tmp/m ' /proc/mounts; echo fork=$(sh -c 'echo child')");

        assertThat(run.out().lines().toList()).as(run.err())
                .containsExactly("mount=1", "unshare=1", "0", "fork=child");
        // busybox's mount words EPERM its own way; unshare prints strerror(EPERM).
        assertThat(run.err()).contains("mount: permission denied", "unshare: unshare(0x20000): Operation not permitted");
    }

    @Test
    @Graded(exercise = "2.9", points = 1)
    @DisplayName("a process that jocker exec starts runs under the filter too")
    void execIsFiltered() throws Exception {
        JockerCommand started = jocker("run", "-d", "--name", "filtered", "busybox", "sh", "-c",
                "while true; do sleep 1; done");
        assertThat(started.status()).as(started.err()).isZero();

        JockerCommand exec = jocker("exec", "filtered", "sh", "-c",
                "grep Seccomp: /proc/self/status; mount -t tmpfs t /mnt 2>&1; echo mount=$?");
        assertThat(exec.status()).as(exec.err()).isZero();
        assertThat(seccompLine(exec.out())).isEqualTo("Seccomp: 2");
        assertThat(exec.out()).contains("mount: permission denied", "mount=1");
    }

    @Test
    @Graded(exercise = "2.9", points = 1)
    @DisplayName("--security-opt seccomp=unconfined runs without a filter: with CAP_SYS_ADMIN, mount works again")
    void unconfinedHasNoFilter() throws Exception {
        JockerCommand run = jocker("run", "--rm", "--cap-add", "SYS_ADMIN", "--security-opt", "seccomp=unconfined",
                "busybox", "sh", "-c",
                "grep Seccomp: /proc/1/status; mkdir -p /tmp/m; mount -t tmpfs t /tmp/m && echo mounted");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(seccompLine(run.out())).isEqualTo("Seccomp: 0");
        assertThat(run.out()).contains("mounted");
    }

    @Test
    @DisplayName("a malformed profile is refused with one line and exit status 125, and nothing is created")
    void malformedProfileIsRefused() throws Exception {
        Path profile = state.resolve("broken.json");
        Files.writeString(profile, "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [");

        JockerCommand run = jocker("run", "--security-opt", "seccomp=" + profile, "busybox", "true");

        assertThat(run.status()).isEqualTo(125);
        assertThat(run.err().lines().toList()).hasSize(1).first().asString()
                .startsWith("jocker: seccomp profile " + profile + " is not valid JSON");
        assertThat(jocker("ps", "-a", "-q").out()).isEmpty();
    }

    @Test
    @DisplayName("a profile file of the user's replaces the default: here one that refuses rmdir with EACCES")
    void userProfileApplies() throws Exception {
        Path profile = state.resolve("no-rmdir.json");
        Files.writeString(profile, """
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "syscalls": [{"names": ["rmdir"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13}]}
                """);

        JockerCommand run = jocker("run", "--rm", "--security-opt", "seccomp=" + profile, "busybox", "sh", "-c",
                "mkdir /x && rmdir /x; echo rmdir=$?");

        assertThat(run.out()).as(run.err()).isEqualTo("rmdir=1\n");
        assertThat(run.err()).contains("Permission denied");
    }
}
