package jocker.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
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
 * static C probe (src/test/resources/probes/syscalls.c) with arguments the
 * kernel rejects anyway. On the host they fail with EINVAL and the like;
 * inside a default container every one fails with EPERM, because seccomp or
 * a dropped capability stops it before the kernel looks at the arguments.
 */
@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(120)
@DisplayName("Calls a confined container cannot make")
class BlockedCallsTest {

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
        try (InputStream in = BlockedCallsTest.class.getResourceAsStream("/probes/syscalls.c")) {
            Files.copy(in, source);
        }
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
