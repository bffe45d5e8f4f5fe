package jocker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import jocker.course.HostCommand;
import jocker.course.JockerCommand;
import jocker.course.RequiresRoot;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not graded: no_new_privs as the kernel applies it. A set-user-ID-root
 * program in the image, run by user 1000, becomes root (effective UID 0)
 * unless the container runs with {@code --security-opt no-new-privileges},
 * under which execve(2) grants nothing.
 */
@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(120)
@DisplayName("no-new-privileges and a set-user-ID program")
class NoNewPrivilegesTest {

    /** Prints the real and effective user IDs the kernel gave it. */
    static final String PROBE = """
            #include <stdio.h>
            #include <unistd.h>
            int main(void) { printf("ruid=%d euid=%d\\n", (int) getuid(), (int) geteuid()); return 0; }
            """;

    @TempDir
    Path state;

    @AfterEach
    void removeAll() throws Exception {
        JockerCommand.removeAll(state);
    }

    @Test
    @DisplayName("user 1000 runs a set-user-ID-root program: euid 0 by default, 1000 with no-new-privileges")
    void setuidGainsNothingUnderNoNewPrivs() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "requires gcc to build the static probe");
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libc.a")),
                "requires a static C library (Debian's libc6-dev) to build the probe");
        Path rootfs = state.resolve("images/busybox/rootfs");
        TestRootfs.create(rootfs);
        Path source = state.resolve("ids.c");
        Files.writeString(source, PROBE);
        Path probe = rootfs.resolve("bin/ids");
        HostCommand.run("gcc", "-static", "-O1", "-o", probe.toString(), source.toString());
        // Owned by root (the test runs as root), mode 4755: set-user-ID.
        HostCommand.run("chmod", "4755", probe.toString()); // Java's PosixFilePermission has no set-user-ID bit

        JockerCommand plain = JockerCommand.run(state, "run", "--rm", "-u", "1000", "busybox", "ids");
        assertThat(plain.status()).as(plain.err()).isZero();
        assertThat(plain.out().strip()).isEqualTo("ruid=1000 euid=0");

        JockerCommand nnp = JockerCommand.run(state, "run", "--rm", "-u", "1000", "--security-opt",
                "no-new-privileges", "busybox", "ids");
        assertThat(nnp.status()).as(nnp.err()).isZero();
        assertThat(nnp.out().strip()).isEqualTo("ruid=1000 euid=1000");
    }
}
