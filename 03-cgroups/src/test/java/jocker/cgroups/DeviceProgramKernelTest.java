package jocker.cgroups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jocker.course.RequiresRoot;
import jocker.spec.Spec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * v2's device rules, {@link DeviceProgram}, on the real kernel: a device
 * program needs no controller, so it runs in any cgroup2 directory, even on
 * a hybrid host whose cgroup2 mount has none (this book's machine,
 * {@code /sys/fs/cgroup/unified}). A busybox shell on the host, moved into a
 * cgroup with the program attached, tries the devices.
 */
@RequiresRoot("loading a BPF program and making cgroups need root")
@Timeout(30)
@DisplayName("The v2 device program on the real kernel")
class DeviceProgramKernelTest {

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

    /** A v2 cgroup made by hand, with the program for {@code rules} attached: no controller needed. */
    CgroupV2 withRules(List<Spec.DeviceCgroup> rules) throws Exception {
        Path dir = Files.createDirectories(top.resolve(Cgroups.PARENT).resolve(HostProcess.uniqueId()));
        CgroupV2 cgroup = new CgroupV2(top, dir);
        try {
            cgroup.setDevices(rules);
        } catch (RuntimeException e) {
            cgroup.destroy();
            assumeTrue(!e.getMessage().contains("EINVAL") || !e.getMessage().contains("BPF_PROG_ATTACH"),
                    "requires a kernel with CONFIG_CGROUP_BPF: " + e.getMessage());
            throw e;
        }
        return cgroup;
    }

    /** What the shell printed, stdout and stderr together. */
    String run(CgroupV2 cgroup, String script) throws Exception {
        try (HostProcess p = HostProcess.in(cgroup)) {
            p.start(script + "; echo end");
            StringBuilder out = new StringBuilder();
            for (String line = p.readLine(); line != null && !line.equals("end"); line = p.readLine()) {
                out.append(line).append('\n');
            }
            assertThat(p.waitFor(Duration.ofSeconds(10))).isZero();
            return out.toString();
        }
    }

    @Test
    @DisplayName("Docker's rules: /dev/null and /dev/zero work, mknod of kmsg works, opening it is refused")
    void dockerDefaults() throws Exception {
        Path kmsg = tmp.resolve("kmsg");

        String out = run(withRules(DeviceRules.dockerDefaults()),
                "echo x > /dev/null && echo null ok; head -c 4 /dev/zero | wc -c; "
                        + "mknod " + kmsg + " c 1 11 && echo made; head -n 1 " + kmsg + " || true");

        assertThat(out).contains("null ok\n", "4\n", "made\n")
                .containsPattern(kmsg + ": Operation not permitted");
    }

    @Test
    @DisplayName("a rule for c 1:11 r lets kmsg be read, but not written")
    void oneMoreDevice() throws Exception {
        List<Spec.DeviceCgroup> rules = new ArrayList<>(DeviceRules.dockerDefaults());
        rules.add(DeviceRules.allow("c", 1L, 11L, "r"));

        String out = run(withRules(rules), "head -n 1 /dev/kmsg > /dev/null && echo read; "
                + "echo x > /dev/kmsg || echo not written");

        assertThat(out).contains("read\n", "not written\n").contains("Operation not permitted");
    }

    @Test
    @DisplayName("a later deny rule overrides an earlier allow: c 1:3 w denied after Docker's rules")
    void laterDenyWins() throws Exception {
        List<Spec.DeviceCgroup> rules = new ArrayList<>(DeviceRules.dockerDefaults());
        rules.add(new Spec.DeviceCgroup(false, "c", 1L, 3L, "w"));

        String out = run(withRules(rules), "cat /dev/null && echo read; echo x > /dev/null || echo not written");

        assertThat(out).contains("read\n", "not written\n");
    }

    @Test
    @DisplayName("--privileged's one rule, a *:* rwm, allows everything: the verifier takes a program without checks")
    void allowAll() throws Exception {
        Path kmsg = tmp.resolve("kmsg");

        String out = run(withRules(DeviceRules.allowAll()),
                "mknod " + kmsg + " c 1 11 && head -n 1 " + kmsg + " > /dev/null && echo read");

        assertThat(out).isEqualTo("read\n");
    }
}
