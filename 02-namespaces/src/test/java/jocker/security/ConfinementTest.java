package jocker.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
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
 * Exercise 2.8, judged by the kernel: the capability sets that
 * {@code /proc/PID/status} shows, and what the kernel refuses a container's
 * root. Every escape tried here stays inside the container's own mount
 * namespace, and the clock test writes back the clock's own frequency.
 */
@RequiresRoot("containers need CAP_SYS_ADMIN, which only root has")
@Timeout(240)
@DisplayName("Exercise 2.8: root in a container keeps Docker's 14 capabilities")
class ConfinementTest {

    /** Docker's default set, as /proc/PID/status prints it. */
    static final String DOCKER_DEFAULT = "00000000a80425fb";
    static final String HINT = " (exercise 2.8: DropPrivileges.dropBounding and setSets)";

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

    /** The Cap* and NoNewPrivs lines of a /proc/PID/status, by name. */
    static Map<String, String> status(String text) {
        return text.lines().filter(l -> l.startsWith("Cap") || l.startsWith("NoNewPrivs:"))
                .map(l -> l.split(":\\s*", 2)).collect(Collectors.toMap(p -> p[0], p -> p[1].trim()));
    }

    static Map<String, String> run(String... args) throws Exception {
        JockerCommand run = jocker(args);
        assertThat(run.status()).as("jocker %s: %s", String.join(" ", args), run.err()).isZero();
        return status(run.out());
    }

    @Test
    @Graded(exercise = "2.8", points = 3)
    @DisplayName("PID 1 and an exec'd process have exactly Docker's default capabilities, nothing inheritable")
    void defaultCapabilities() throws Exception {
        JockerCommand started = jocker("run", "-d", "--name", "caps", "busybox", "sh", "-c",
                "while true; do sleep 1; done");
        assertThat(started.status()).as(started.err()).isZero();

        JockerCommand pid1 = jocker("exec", "caps", "cat", "/proc/1/status");
        assertThat(pid1.status()).as(pid1.err()).isZero();
        Map<String, String> init = status(pid1.out());
        assertThat(init).as("/proc/1/status" + HINT)
                .containsEntry("CapBnd", DOCKER_DEFAULT).containsEntry("CapEff", DOCKER_DEFAULT)
                .containsEntry("CapPrm", DOCKER_DEFAULT).containsEntry("CapInh", "0000000000000000")
                .containsEntry("CapAmb", "0000000000000000");

        Map<String, String> exec = run("exec", "caps", "cat", "/proc/self/status");
        assertThat(exec).as("jocker exec's process" + HINT)
                .containsEntry("CapBnd", DOCKER_DEFAULT).containsEntry("CapEff", DOCKER_DEFAULT);
    }

    @Test
    @Graded(exercise = "2.8", points = 2)
    @DisplayName("--cap-drop ALL --cap-add NET_BIND_SERVICE keeps one capability; -u 1000 has none; no_new_privs is set")
    void chosenCapabilitiesAndUser() throws Exception {
        Map<String, String> one = run("run", "--rm", "--cap-drop", "ALL", "--cap-add", "NET_BIND_SERVICE",
                "busybox", "cat", "/proc/1/status");
        assertThat(one).as("only CAP_NET_BIND_SERVICE, bit 10" + HINT)
                .containsEntry("CapBnd", "0000000000000400").containsEntry("CapEff", "0000000000000400");

        JockerCommand user = jocker("run", "--rm", "-u", "1000", "--security-opt", "no-new-privileges",
                "busybox", "sh", "-c", "id -u; cat /proc/1/status");
        assertThat(user.status()).as(user.err()).isZero();
        assertThat(user.out().lines().findFirst()).as("id -u").contains("1000");
        assertThat(status(user.out())).as("a user other than root keeps no capability, as in Docker" + HINT)
                .containsEntry("CapEff", "0000000000000000").containsEntry("CapPrm", "0000000000000000")
                .containsEntry("CapBnd", DOCKER_DEFAULT).containsEntry("NoNewPrivs", "1");
    }

    @Test
    @Graded(exercise = "2.8", points = 3)
    @DisplayName("root in a container cannot mount, remount /proc/sys, mount the cgroups or set the clock; --privileged can mount")
    void escapesFail() throws Exception {
        // Each line: what was tried, then "ok" or the error. Everything stays in the container's mount
        // namespace; adjtimex writes back the frequency the clock already has.
        String script = "try() { what=$1; shift; if out=$(\"$@\" 2>&1); then echo \"$what ok\";"
                + " else echo \"$what\" $out; fi; };"
                + " mkdir -p /tmp/m /tmp/cg;"
                + " try tmpfs mount -t tmpfs t /tmp/m;"
                + " try remount mount -o remount,rw /proc/sys;"
                + " try cgroup sh -c 'mount -t cgroup -o pids cg /tmp/cg || mount -t cgroup2 cg /tmp/cg';"
                + " try clock adjtimex -f $(adjtimex | awk '/freq.adjust/ {print $3}');"
                + " grep ' /proc/sys ' /proc/mounts | cut -d' ' -f4 | cut -d, -f1";
        JockerCommand run = jocker("run", "--rm", "busybox", "sh", "-c", script);
        assertThat(run.status()).as(run.err()).isZero();
        Map<String, String> tried = run.out().lines().filter(l -> l.contains(" "))
                .map(l -> l.split(" ", 2)).collect(Collectors.toMap(p -> p[0], p -> p[1]));
        assertThat(tried).as("what the kernel answered" + HINT).containsOnlyKeys("tmpfs", "remount", "cgroup", "clock");
        assertThat(tried.get("tmpfs")).as("mount(2) of a tmpfs needs CAP_SYS_ADMIN" + HINT)
                .contains("permission denied");
        assertThat(tried.get("remount")).as("remount of /proc/sys read-write" + HINT).contains("permission denied");
        assertThat(tried.get("cgroup")).as("mount of a cgroup hierarchy, to raise its own limits" + HINT)
                .contains("permission denied");
        assertThat(tried.get("clock")).as("adjtimex(2) needs CAP_SYS_TIME" + HINT).contains("Operation not permitted");
        assertThat(run.out().lines().toList()).as("/proc/sys is still read-only").contains("ro");

        JockerCommand privileged = jocker("run", "--rm", "--privileged", "busybox", "sh", "-c",
                "mkdir -p /tmp/m && mount -t tmpfs t /tmp/m && grep ' /tmp/m ' /proc/mounts");
        assertThat(privileged.status()).as("--privileged: " + privileged.err()).isZero();
        assertThat(privileged.out()).startsWith("t /tmp/m tmpfs ");
    }

    @Test
    @DisplayName("an unknown capability is one line of error, status 125, and no container")
    void unknownCapabilityCreatesNothing() throws Exception {
        JockerCommand run = jocker("run", "--cap-add", "CAP_FLY", "busybox", "true");

        assertThat(run.status()).isEqualTo(125);
        assertThat(run.err().lines().toList()).containsExactly("jocker: unknown capability: \"CAP_FLY\"");
        assertThat(jocker("ps", "-a", "-q").out()).isEmpty();
    }

    @Test
    @DisplayName("-u needs numbers, --security-opt a known value: status 125, no container")
    void refusedOptions() throws Exception {
        for (String[] args : new String[][] {{"-u", "bob"}, {"--security-opt", "label=disable"}}) {
            JockerCommand run = jocker("run", args[0], args[1], "busybox", "true");
            assertThat(run.status()).as(String.join(" ", args)).isEqualTo(125);
            assertThat(run.err().lines().toList()).as(run.err()).hasSize(1).allSatisfy(l -> assertThat(l)
                    .startsWith("jocker: ").contains(args[1]));
        }
        assertThat(jocker("ps", "-a", "-q").out()).isEmpty();
    }
}
