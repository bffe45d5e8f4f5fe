package jocker.chroot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jocker.course.Graded;
import jocker.course.RequiresRoot;
import jocker.course.RunningContainer;
import jocker.course.TestRootfs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import jocker.spec.Spec;

@RequiresRoot("chroot(2) needs CAP_SYS_CHROOT, which only root has")
@Timeout(60)
@DisplayName("Exercise 1.2: the init becomes the command")
class InitExecTest {

    @TempDir
    static Path state;
    static Path rootfs;
    static Jail jail;

    @BeforeAll
    static void setUp() {
        rootfs = TestRootfs.create(state.resolve("rootfs")).path();
        jail = new Jail(state);
    }

    @Test
    @Graded(exercise = "1.2", points = 2)
    @DisplayName("the command gets its arguments as they were given, spaces and all")
    void argumentsReachTheCommand() throws Exception {
        var result = jail.run(Spec.of(rootfs, List.of("sh", "-c", "echo \"$0|$1|$#\"", "sh", "two  words")));

        assertThat(result.exitValue()).as(result.describe()).isZero();
        assertThat(result.out()).isEqualTo("sh|two  words|1\n");
    }

    @Test
    @Graded(exercise = "1.2", points = 2)
    @DisplayName("the command sees exactly the environment it was given (-e), none of the host's")
    void environmentIsTheContainers() throws Exception {
        var config = Jail.sh(rootfs, "env").withEnv(List.of("PATH=/bin:/usr/bin", "GREETING=hello world"));
        var result = jail.run(config);

        assertThat(result.exitValue()).as(result.describe()).isZero();
        // sh itself adds PWD and SHLVL; anything else would have come from the host.
        List<String> names = result.out().lines().map(l -> l.substring(0, l.indexOf('='))).toList();
        assertThat(names).containsExactlyInAnyOrder("PATH", "GREETING", "PWD", "SHLVL");
        assertThat(result.out()).contains("GREETING=hello world\n", "PATH=/bin:/usr/bin\n");
    }

    @Test
    @Graded(exercise = "1.2", points = 2)
    @DisplayName("the command starts in the working directory it was given (-w), created if missing")
    void workingDirectoryIsTheOneGiven() throws Exception {
        try (RunningContainer c = jail.start(Jail.waiting(rootfs).withCwd("/srv/app")).awaitReady()) {
            Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(c.pid()), "cwd"));

            assertThat(cwd).isEqualTo(rootfs.toRealPath().resolve("srv/app"));
            assertThat(c.finish()).isZero();
        }
    }

    @Test
    @Graded(exercise = "1.2", points = 3)
    @DisplayName("only descriptors 0, 1 and 2 are open in the command: nothing of the JVM's leaks in")
    void onlyStandardDescriptorsAreOpen() throws Exception {
        try (RunningContainer c = jail.start(Jail.waiting(rootfs)).awaitReady()) {
            List<String> fds = listFds(c.pid());

            assertThat(fds).as("open descriptors of the container process").containsExactlyInAnyOrder("0", "1", "2");
            assertThat(c.finish()).isZero();
        }
    }

    @Test
    @Graded(exercise = "1.2", points = 2)
    @DisplayName("a command that is not in the container's PATH exits 127 and says so")
    void missingCommandExits127() throws Exception {
        var result = jail.run(Spec.of(rootfs, List.of("no-such-command")));

        assertThat(result.exitValue()).as(result.describe()).isEqualTo(127);
        assertThat(result.err()).contains("\"no-such-command\": executable file not found in $PATH");
    }

    private static List<String> listFds(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.map(p -> p.getFileName().toString()).toList();
        }
    }
}
