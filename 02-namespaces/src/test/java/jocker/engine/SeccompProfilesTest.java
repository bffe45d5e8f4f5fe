package jocker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import jocker.seccomp.DockerProfile;
import jocker.spec.Spec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import jocker.seccomp.SeccompProfiles;

/** The default profile as Docker's rules resolve it, without a kernel: what the spec will say. */
@DisplayName("Seccomp profiles become the spec's linux.seccomp")
class SeccompProfilesTest {

    /**
     * Where Jocker's default profile and containers-common's
     * ({@code /usr/share/containers/seccomp.json}, Podman's default) part,
     * for Docker's default capabilities on amd64. containers-common
     * allows these outright and leaves them to the kernel's capability
     * checks; Docker, and Jocker, refuse them unless the container holds the
     * capability (clone: unless its flags ask for no namespace).
     */
    static final Set<String> ONLY_CONTAINERS_COMMON = Set.of(
            "clone", "clone3", "fsconfig", "fsmount", "fsopen", "fspick", "get_mempolicy", "keyctl", "mbind",
            "mount", "mount_setattr", "move_mount", "open_tree", "pidfd_getfd", "pivot_root", "reboot",
            "set_mempolicy", "setns", "syslog", "umount", "umount2", "unshare");

    /**
     * And what Jocker allows that containers-common 0.50 does not: socket
     * (containers-common allows it by its arguments), and calls newer than
     * that profile.
     */
    static final Set<String> ONLY_JOCKER = Set.of(
            "socket", "cachestat", "fchmodat2", "futex_requeue", "futex_wait", "futex_waitv", "futex_wake",
            "map_shadow_stack");

    static Spec.Seccomp resolve(DockerProfile profile, Set<String> caps) {
        return SeccompProfiles.toSpec(profile, caps, "amd64", "6.1.0-13-amd64");
    }

    /** The calls allowed whatever their arguments. */
    static Set<String> allowed(Spec.Seccomp seccomp) {
        return seccomp.syscalls.stream().filter(s -> s.action.equals("SCMP_ACT_ALLOW") && s.args.isEmpty())
                .flatMap(s -> s.names.stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    @DisplayName("the default profile refuses with EPERM and allows read, execve and capset, not mount or keyctl")
    void defaultProfile() {
        Spec.Seccomp seccomp = resolve(SeccompProfiles.loadDefault(), SeccompProfiles.DEFAULT_CAPABILITIES);

        assertThat(seccomp.defaultAction).isEqualTo("SCMP_ACT_ERRNO");
        assertThat(seccomp.defaultErrnoRet).isEqualTo(1);
        assertThat(seccomp.architectures).containsExactly("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");
        assertThat(allowed(seccomp)).contains("read", "execve", "close_range", "capset", "prctl", "chroot",
                        "arch_prctl", "ptrace")
                .doesNotContain("mount", "umount2", "unshare", "setns", "reboot", "kexec_load", "init_module",
                        "finit_module", "delete_module", "clock_settime", "settimeofday", "keyctl", "add_key",
                        "request_key", "bpf", "clone", "clone3", "s390_runtime_instr");
    }

    @Test
    @DisplayName("clone is allowed only without namespace flags, clone3 answers ENOSYS")
    void cloneByItsFlags() {
        Spec.Seccomp seccomp = resolve(SeccompProfiles.loadDefault(), SeccompProfiles.DEFAULT_CAPABILITIES);

        Spec.Syscall clone = seccomp.syscalls.stream().filter(s -> s.names.equals(java.util.List.of("clone")))
                .findFirst().orElseThrow();
        assertThat(clone.args).singleElement().satisfies(a -> {
            assertThat(a.op).isEqualTo("SCMP_CMP_MASKED_EQ");
            assertThat(a.value).isEqualTo(0x7E020000L);
            assertThat(a.valueTwo).isZero();
        });
        assertThat(seccomp.syscalls).anySatisfy(s -> {
            assertThat(s.names).containsExactly("clone3");
            assertThat(s.action).isEqualTo("SCMP_ACT_ERRNO");
            assertThat(s.errnoRet).isEqualTo(38);
        });
    }

    @Test
    @DisplayName("a rule for a capability applies only to a container that holds it, minKernel only on newer kernels")
    void conditions() {
        DockerProfile profile = SeccompProfiles.loadDefault();
        Set<String> withAdmin = new TreeSet<>(SeccompProfiles.DEFAULT_CAPABILITIES);
        withAdmin.add("CAP_SYS_ADMIN");

        assertThat(allowed(resolve(profile, withAdmin))).contains("mount", "unshare", "clone", "setns");
        assertThat(allowed(SeccompProfiles.toSpec(profile, SeccompProfiles.DEFAULT_CAPABILITIES, "amd64", "4.4.0")))
                .doesNotContain("ptrace");
    }

    @Test
    @DisplayName("a profile with an unknown action is refused, naming the rule")
    void unknownActionRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.json");
        Files.writeString(file, "{\"defaultAction\":\"SCMP_ACT_ERRNO\","
                + "\"syscalls\":[{\"names\":[\"read\"],\"action\":\"SCMP_ACT_MAYBE\"}]}");

        assertThatThrownBy(() -> SeccompProfiles.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[read]").hasMessageContaining("SCMP_ACT_MAYBE");
    }

    @Test
    @DisplayName("Jocker's default allows what containers-common's seccomp.json allows, but for a listed few")
    void sameAsContainersCommon() {
        Path theirs = Path.of("/usr/share/containers/seccomp.json");
        Assumptions.assumeTrue(Files.isRegularFile(theirs),
                theirs + " is missing: install Debian's golang-github-containers-common");
        Set<String> mine = allowed(resolve(SeccompProfiles.loadDefault(), SeccompProfiles.DEFAULT_CAPABILITIES));
        Set<String> other = allowed(resolve(SeccompProfiles.load(theirs), SeccompProfiles.DEFAULT_CAPABILITIES));

        Set<String> onlyTheirs = new TreeSet<>(other);
        onlyTheirs.removeAll(mine);
        Set<String> onlyMine = new TreeSet<>(mine);
        onlyMine.removeAll(other);
        System.out.println("seccomp: allowed only by containers-common: " + onlyTheirs);
        System.out.println("seccomp: allowed only by Jocker: " + onlyMine);
        assertThat(onlyTheirs).isSubsetOf(ONLY_CONTAINERS_COMMON);
        assertThat(onlyMine).isSubsetOf(ONLY_JOCKER);
    }
}
