package jocker.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import jocker.course.HostCommand;
import jocker.course.JockerCommand;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not graded: the calls Docker's defaults refuse, made for real by a small
 * static C probe ({@link #PROBE}) with arguments the
 * kernel rejects anyway. On the host they fail with EINVAL and the like;
 * inside a default container every one fails with EPERM, because seccomp or
 * a dropped capability stops it before the kernel looks at the arguments.
 */
@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(120)
@DisplayName("Calls a confined container cannot make")
class BlockedCallsTest {

    /**
     * The probe: each call made with arguments the kernel refuses anyway (EINVAL, ENOEXEC,
     * EOPNOTSUPP on the host), printing "name errno" per call.
     */
    static final String PROBE = """
/*
 * A probe for the confinement tests: makes each system call that a
 * container must not make, with arguments the kernel refuses anyway
 * (EINVAL, ENOEXEC, EOPNOTSUPP on the host), and prints the errno it got,
 * one "name errno" line each. Inside a confined container every one must
 * say EPERM: the seccomp filter (or a dropped capability) stopped it first.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

static void report(const char *name, long result) {
    printf("%s %s\\n", name, result == 0 ? "OK" : strerrorname_np(errno));
}

int main(void) {
    struct timeval bad = {.tv_sec = 0, .tv_usec = 2000000}; /* invalid: more than a second of microseconds */
    report("settimeofday", syscall(SYS_settimeofday, &bad, NULL));
    report("reboot", syscall(SYS_reboot, 0, 0, 0, NULL));                 /* wrong magic numbers */
    report("init_module", syscall(SYS_init_module, "", 0UL, ""));         /* an empty module */
    report("keyctl", syscall(SYS_keyctl, 0x7fff, 0, 0, 0, 0));            /* no such operation */
    report("bpf", syscall(SYS_bpf, 0x7fff, NULL, 0));                      /* no such command */
    report("unshare", unshare(CLONE_NEWUSER | CLONE_NEWNS));
    report("mount", syscall(SYS_mount, "none", "/nonexistent", "tmpfs", 0UL, NULL));
    return 0;
}
            """;

    @TempDir
    Path state;

    private Path probe;

    @BeforeEach
    void probe() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "requires gcc to build the static probe");
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libc.a")),
                "requires a static C library (Debian's libc6-dev) to build the probe");
        Path rootfs = state.resolve("images/busybox/rootfs");
        TestRootfs.create(rootfs);
        Path source = state.resolve("syscalls.c");
        Files.writeString(source, PROBE);
        probe = rootfs.resolve("bin/syscalls");
        HostCommand.run("gcc", "-static", "-O1", "-o", probe.toString(), source.toString());
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void removeAll() throws Exception {
        JockerCommand.removeAll(state);
    }

    private static Map<String, String> parse(String out) {
        Map<String, String> errnos = new LinkedHashMap<>();
        out.lines().map(l -> l.split(" ")).filter(f -> f.length == 2).forEach(f -> errnos.put(f[0], f[1]));
        return errnos;
    }

    @Test
    @DisplayName("settimeofday, reboot, init_module, keyctl, bpf, unshare and mount: EPERM inside, never outside or under --privileged")
    void refusedInsideOnly() throws Exception {
        Map<String, String> outside = parse(HostCommand.run(probe.toString()));
        assertThat(outside).hasSize(7);
        assertThat(outside).as("on the host, the kernel judges the arguments").doesNotContainValue("EPERM");

        JockerCommand run = JockerCommand.run(state, "run", "--rm", "busybox", "syscalls");
        assertThat(run.status()).as(run.err()).isZero();
        Map<String, String> inside = parse(run.out());
        assertThat(inside).as(run.out()).hasSize(7).allSatisfy((name, errno) -> assertThat(errno).as(name)
                .isEqualTo("EPERM"));

        JockerCommand privileged = JockerCommand.run(state, "run", "--rm", "--privileged", "busybox", "syscalls");
        assertThat(privileged.status()).as(privileged.err()).isZero();
        assertThat(parse(privileged.out())).as("--privileged: no filter, every capability")
                .doesNotContainValue("EPERM");
    }
}
